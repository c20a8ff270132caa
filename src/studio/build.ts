import { createPromotionGraph, type PromotionGraph } from "../graph/index.js";
import { createReasonerFromEnv } from "../llm/index.js";
import { loadPolicy } from "../policies/index.js";
import { fixedClock, systemClock } from "../domain/index.js";
import { openDb, resolveDbPath } from "../store/index.js";

/** What the Studio module reads from the environment. */
export interface StudioEnv {
  /** The database file (default ./autopromo.db). */
  AUTOPROMO_DB?: string;
  /** A policy file (default: the shipped policy). */
  AUTOPROMO_POLICY?: string;
  /** Plan as of this instant instead of the wall clock (ISO 8601). */
  AUTOPROMO_NOW?: string;
  OPENAI_API_KEY?: string;
  OPENAI_BASE_URL?: string;
  AUTOPROMO_MODEL?: string;
}

/**
 * The promotion graph as LangGraph Studio / `langgraph dev` loads it: built from the environment,
 * on the database and policy it names, with the offline reasoner unless OPENAI_API_KEY is set.
 * @example AUTOPROMO_DB=./demo.db npx @langchain/langgraph-cli dev
 */
export function studioGraph(env: StudioEnv = process.env): PromotionGraph {
  const db = openDb(resolveDbPath(env.AUTOPROMO_DB));
  const clock = env.AUTOPROMO_NOW ? fixedClock(env.AUTOPROMO_NOW) : systemClock();
  const policy = loadPolicy(env.AUTOPROMO_POLICY);
  return createPromotionGraph({ db, clock, policy, reasoner: createReasonerFromEnv(env) });
}
