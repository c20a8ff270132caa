import { decideOffline } from "./offline.js";
import type { Reasoner, ReasonerDecision, ReasonerRequest } from "./types.js";

/** One scripted answer: a fixed decision, a function of the request, or an error to throw. */
export type ScriptedStep =
  Partial<ReasonerDecision> | ((req: ReasonerRequest) => Partial<ReasonerDecision>) | Error;

/**
 * A reasoner that plays back scripted answers in order (then repeats the offline answer), so agent
 * and graph logic is tested without a network; `requests` keeps what it was asked.
 */
export function createScriptedReasoner(steps: ScriptedStep[]) {
  const requests: ReasonerRequest[] = [];
  let i = 0;
  const reasoner: Reasoner & { requests: ReasonerRequest[] } = {
    name: "scripted",
    requests,
    async decide(req) {
      requests.push(req);
      const step = steps[i++];
      if (step instanceof Error) throw step;
      const base = decideOffline(req);
      const over = typeof step === "function" ? step(req) : (step ?? {});
      return { ...base, ...over, usage: { ...base.usage, name: "scripted", ...over.usage } };
    },
  };
  return reasoner;
}
