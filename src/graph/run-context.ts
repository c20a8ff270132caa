import { AsyncLocalStorageProviderSingleton } from "@langchain/core/singletons";
import { isRunTree, RunTree } from "langsmith/run_trees";

/** Where LangChain keeps a runnable's config in its async context, and the context variables beside it. */
const CHILD_CONFIG = Symbol.for("lc:child_config");
const CONTEXT_VARIABLES = Symbol.for("lc:context_variables");
/** Marks the carriers made here, which a nested call may replace like its own. */
const LIGHT = Symbol("autopromo:light-run-context");
/** The variables @langchain/core's own (unexported) `isTracingEnabled` reads. */
const TRACING_ENV = [
  "LANGSMITH_TRACING_V2",
  "LANGCHAIN_TRACING_V2",
  "LANGSMITH_TRACING",
  "LANGCHAIN_TRACING",
];

type Provider = typeof AsyncLocalStorageProviderSingleton;
type RunWithConfig = Provider["runWithConfig"];

/** Handlers a config's callbacks hold: an array of them, or a CallbackManager (one without a handler list counts as one). */
function handlerCount(callbacks: unknown): number {
  if (!callbacks) return 0;
  if (Array.isArray(callbacks)) return callbacks.length;
  const manager = callbacks as { handlers?: unknown[]; inheritableHandlers?: unknown[] };
  return (manager.handlers?.length ?? 1) + (manager.inheritableHandlers?.length ?? 0);
}

/** True when `runWithConfig` would neither trace nor call a handler: no callbacks, no tracing or verbose env, no run tree around. */
function untraced(config: Parameters<RunWithConfig>[0], previous: unknown): boolean {
  if (handlerCount(config?.callbacks) > 0) return false;
  if (isRunTree(previous) && !(LIGHT in previous)) return false;
  if (process.env.LANGCHAIN_VERBOSE === "true") return false;
  return !TRACING_ENV.some((k) => process.env[k] === "true");
}

/**
 * A disabled run tree without the constructor's work: RunTree's prototype, so code that tests for
 * one (setContextVariable copies it, keeping the config) treats it as the tree it replaces.
 */
function lightRunTree(config: unknown): Record<PropertyKey, unknown> {
  return Object.assign(Object.create(RunTree.prototype) as Record<PropertyKey, unknown>, {
    name: "<runnable_lambda>",
    tracingEnabled: false,
    extra: { [CHILD_CONFIG]: config },
    child_runs: [],
    [LIGHT]: true,
  });
}

/**
 * Gives LangChain's async context a light carrier instead of a full langsmith RunTree when nothing traces.
 * `@langchain/core` builds a disabled RunTree (a uuid7, a timestamp, a dozen env reads) for every
 * node, writer and branch a graph step calls, only to hold the config that `interrupt()` reads back;
 * that was ~10 % of a scope's run (upstream: langchain-ai/langchainjs#10043, closed; 1.4.0 still does). The
 * carrier holds the same config and context variables, so `interrupt()`, `getConfig()` and context
 * variables read what they did; with any callback handler, tracing or verbose env, or a run tree
 * already in context, the original path runs unchanged. Idempotent; process-wide, like the singleton.
 * Opt-in: `createPromotionGraph({ lightRunContext: true })` calls it (see docs/durable-runs.md).
 */
export function useLightRunContext(): void {
  const provider = AsyncLocalStorageProviderSingleton;
  // Installed once: the replacement is marked, so the singleton itself says whether it is in.
  if (LIGHT in provider.runWithConfig) return;
  const original: RunWithConfig = provider.runWithConfig.bind(provider);
  const light = ((config, callback, avoidCreatingRootRunTree) => {
    const storage = provider.getInstance();
    const previous = storage.getStore() as Record<symbol, unknown> | undefined;
    if (!untraced(config, previous)) return original(config, callback, avoidCreatingRootRunTree);
    const vars = previous?.[CONTEXT_VARIABLES];
    // As the original: no carrier when asked for none, unless context variables must pass on.
    const carrier: Record<PropertyKey, unknown> | undefined = avoidCreatingRootRunTree
      ? vars !== undefined
        ? {}
        : undefined
      : lightRunTree(config);
    if (carrier && vars !== undefined) carrier[CONTEXT_VARIABLES] = vars;
    return storage.run(carrier, callback);
  }) as RunWithConfig;
  provider.runWithConfig = Object.assign(light, { [LIGHT]: true });
}
