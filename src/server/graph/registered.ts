import { Command } from "@langchain/langgraph";
import { graphAdapter, type CompiledGraphLike } from "./adapter.js";
import type { AssistantGraph } from "./port.js";

/**
 * Serves any compiled graph (with a checkpointer) as an assistant beside `promotion`: runs pass
 * their input as sent, `command.resume` as `Command({ resume })`, with the caller in
 * `configurable.approver`. Pass `started` to make a second start on a used thread a 409.
 * @example createApp({ ...deps, assistants: { clearance: registeredGraph("clearance", graph) } })
 */
export function registeredGraph(
  graphId: string,
  graph: CompiledGraphLike,
  o: { started?: (threadId: string) => boolean } = {},
): AssistantGraph {
  return graphAdapter(graph, {
    graphId,
    started: o.started ?? (() => false),
    argOf: (_id, input) => {
      if (input.kind === "raw")
        return input.resume ? new Command({ resume: input.resume.value }) : (input.input ?? null);
      if (input.kind === "resume")
        return new Command({
          resume: {
            decision: input.answer.decision,
            ...(input.answer.comment ? { comment: input.answer.comment } : {}),
          },
        });
      return input.kind === "start" ? { scope: input.scope } : null;
    },
    configurableOf: (input) =>
      input.kind === "resume"
        ? { approver: { name: input.answer.approver, role: input.answer.role } }
        : input.kind === "raw"
          ? { approver: input.approver }
          : {},
  });
}
