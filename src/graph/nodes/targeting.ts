import type { LangGraphRunnableConfig } from "@langchain/langgraph";
import type { TargetingAgent } from "../../agents/targeting/index.js";
import { durableRunOf } from "../../checkpoint/index.js";
import type { Db } from "../../store/index.js";
import { saveAudienceMembers } from "../../store/shoppers/index.js";
import type { PromotionStateUpdate, PromotionStateValue } from "../state.js";

/**
 * target_audience: for a proposal with a targeted channel (e-mail, SMS, digital ads), the audience
 * per shopper and the proposal amended with it, before the policy checks it. The chosen shoppers
 * are stored under the segment id the campaign will name (replaced on a re-run, so a resumed run
 * writes the same rows). The shipped graph routes only such proposals here; a graph that wires the
 * node unconditionally gets any other proposal passed straight through.
 */
export const targetingNode =
  (agent: TargetingAgent, db: Db) =>
  (s: PromotionStateValue, config?: LangGraphRunnableConfig): PromotionStateUpdate => {
    const proposal = s.plan?.proposal;
    if (!s.plan || !proposal || !agent.applies(proposal)) return { audience: null };
    const {
      audience,
      proposal: amended,
      decisions,
    } = agent.target({ proposal, inventory: s.inventory });
    if (audience.segment) {
      const members = decisions.filter((d) => d.action !== "no_contact" && d.channel);
      durableRunOf(config).commit(() =>
        saveAudienceMembers(
          db,
          audience.segment!,
          members.map((d) => ({
            shopperId: d.shopperId,
            channel: d.channel!,
            discount: d.action === "contact_with_discount",
            expectedMargin: d.expectedIncrementalMargin,
          })),
        ),
      );
    }
    return { audience, plan: { ...s.plan, proposal: amended } };
  };
