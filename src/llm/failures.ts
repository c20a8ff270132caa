/** A failed model call in words a person reading the decision can act on. */
export function describeFailure(e: unknown): string {
  const err = (e ?? {}) as { name?: string; status?: number; message?: string };
  const message = typeof err.message === "string" ? err.message : String(e);
  if (
    err.name === "TimeoutError" ||
    err.name === "AbortError" ||
    /abort|timed? ?out/i.test(message)
  )
    return "timeout";
  if (typeof err.status === "number")
    return `HTTP ${err.status}${err.status === 429 ? " (rate limited)" : ""}`;
  // The SDK reads choices[0] of whatever came back: a TypeError means it was not a chat completion.
  if (
    err.name === "TypeError" ||
    /cannot read properties|undefined|is not a function/i.test(message)
  ) {
    return "malformed answer: the server's reply is not a chat completion with a choose_scenario call";
  }
  if (err.name === "OutputParserException" || /pars/i.test(message))
    return `malformed answer: ${message.slice(0, 160)}`;
  return message.slice(0, 200);
}

/** Worth another attempt: timeouts, rate limits, server errors, broken answers; not a refused key or a bad request. */
export function isRetryable(e: unknown): boolean {
  const status = (e as { status?: unknown } | null)?.status;
  if (typeof status !== "number") return true;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}
