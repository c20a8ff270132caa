/**
 * The module langgraph.json points at: `graph` is the compiled promotion graph, built once from
 * the environment when the LangGraph CLI (or Studio) imports this file. See docs/langgraph-server.md.
 */
import { studioGraph } from "./build.js";

export const graph = studioGraph();
