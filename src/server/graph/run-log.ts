import type { StreamPart } from "./port.js";

/** A streamed part with its position in the run (the SSE `id`, for Last-Event-ID). */
export interface LoggedPart extends StreamPart {
  id: number;
}

/**
 * The parts one run produced, kept so a client can join the run's stream late or reconnect
 * (Last-Event-ID) and see every part once. Bounded: past `max` parts the oldest are dropped.
 */
export class RunLog {
  private readonly parts: LoggedPart[] = [];
  private seq = 0;
  private closed = false;
  private wake: (() => void)[] = [];

  constructor(private readonly max = 10_000) {}

  /** Appends a part and wakes every follower. */
  push(p: StreamPart): void {
    if (this.closed) return;
    this.parts.push({ ...p, id: ++this.seq });
    if (this.parts.length > this.max) this.parts.shift();
    this.notify();
  }

  /** No more parts: followers finish once they have read the rest. */
  close(): void {
    this.closed = true;
    this.notify();
  }

  /** Every part after `after` (an id), then new ones as they come, until the run ends. */
  async *follow(after = 0): AsyncIterable<LoggedPart> {
    let last = after;
    for (;;) {
      const fresh = this.parts.filter((p) => p.id > last);
      for (const p of fresh) {
        last = p.id;
        yield p;
      }
      if (this.closed && !this.parts.some((p) => p.id > last)) return;
      if (!this.parts.some((p) => p.id > last))
        await new Promise<void>((res) => this.wake.push(res));
    }
  }

  private notify(): void {
    const w = this.wake;
    this.wake = [];
    for (const f of w) f();
  }
}
