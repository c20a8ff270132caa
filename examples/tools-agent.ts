/**
 * Example: the data tools bound to a chat model, run by LangGraph's ToolNode. The model (ChatOpenAI
 * in production, a fake one in tests) decides which tools to call; ToolNode runs them against the
 * store; a last node reads the answers. Numbers come from the tools, never from the model.
 */
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { ToolMessage, type AIMessage } from "@langchain/core/messages";
import { END, MessagesAnnotation, START, StateGraph } from "@langchain/langgraph";
import { ToolNode } from "@langchain/langgraph/prebuilt";
import { asLangChainTool, dataTools, type Clock, type Db } from "../src/index.js";

/** Every data tool as a LangChain tool bound to the store and clock. */
export function storeTools(db: Db, clock: Clock) {
  return dataTools().map((t) => asLangChainTool(t, { db, clock }));
}

/** model (with the tools bound) → ToolNode when it asked for tools → collect the tools' answers. */
export function createToolsAgent(model: BaseChatModel, db: Db, clock: Clock) {
  const tools = storeTools(db, clock);
  const bound = model.bindTools!(tools);
  return new StateGraph(MessagesAnnotation)
    .addNode("agent", async (s) => ({ messages: [await bound.invoke(s.messages)] }))
    .addNode("tools", new ToolNode(tools))
    .addNode("collect", (s) => {
      const answers = s.messages.filter((m): m is ToolMessage => m instanceof ToolMessage);
      return {
        messages: [
          {
            role: "assistant",
            content: `${answers.length} tool answer(s): ${answers.map((a) => a.name).join(", ")}`,
          },
        ],
      };
    })
    .addEdge(START, "agent")
    .addConditionalEdges(
      "agent",
      (s) => ((s.messages.at(-1) as AIMessage).tool_calls?.length ? "tools" : END),
      ["tools", END],
    )
    .addEdge("tools", "collect")
    .addEdge("collect", END)
    .compile();
}
