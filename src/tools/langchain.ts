import { tool } from "@langchain/core/tools";
import type { z } from "zod";
import type { AgentTool, ToolContext } from "./define.js";

/**
 * Wraps a data tool as a LangChain structured tool bound to `ctx`. The JSON schema the model sees
 * is derived from the same zod input schema the tool validates with; the model gets the output as
 * JSON text and the typed object rides along as the message artifact.
 * @example const t = asLangChainTool(salesTrend, { db, clock }); await t.invoke({ sku: "SNK-01", market: "US-EAST" });
 */
export function asLangChainTool<I extends z.ZodObject, O extends z.ZodType>(
  agentTool: AgentTool<I, O>,
  ctx: ToolContext,
) {
  return tool(
    (input: z.output<I>): [string, z.output<O>] => {
      // The tool re-validates: LangChain has parsed already, but defaults and refinements must hold for direct calls too.
      const out = agentTool.call(ctx, input as z.input<I>);
      return [JSON.stringify(out), out];
    },
    {
      name: agentTool.name,
      description: agentTool.description,
      schema: agentTool.input,
      responseFormat: "content_and_artifact",
    },
  );
}
