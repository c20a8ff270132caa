import {
  createAdapters,
  deliverPending,
  httpConfigFromEnv,
  type ChannelAdapters,
  type DeliveryReport,
} from "../../channels/index.js";
import type { Clock } from "../../domain/index.js";
import type { Db } from "../../store/index.js";

export interface DeliveryWorkerOptions {
  db: Db;
  clock: Clock;
  /** Default: HTTP channels from AUTOPROMO_CHANNEL_* variables, sandboxes (./out/channels) for the rest. */
  adapters?: ChannelAdapters;
  /** Pause between passes (default 2 s); kick() starts one sooner. */
  everyMs?: number;
  /** After each pass that did something (the feed publishes the campaigns that went live). */
  onPass?: (report: DeliveryReport) => void;
  onError?: (e: unknown) => void;
}

/** Sends the outbox in the background, one pass at a time. */
export interface DeliveryWorker {
  start(): void;
  /** Asks for a pass as soon as the current one (if any) ends. */
  kick(): void;
  /** Resolves when the pass in flight ended; no pass starts after. */
  stop(): Promise<void>;
}

/**
 * Background delivery: `deliverPending` every `everyMs` and on demand. Passes never overlap (the
 * outbox leases rows anyway, so a second worker in another process is also safe); a crash between
 * sending and recording is resolved by the idempotency key on the next pass.
 */
export function createDeliveryWorker(o: DeliveryWorkerOptions): DeliveryWorker {
  const adapters = o.adapters ?? createAdapters({ http: httpConfigFromEnv(), clock: o.clock });
  const everyMs = o.everyMs ?? 2_000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  const schedule = () => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(pass, everyMs);
    timer.unref?.();
  };

  function pass(): void {
    if (stopped) return;
    if (inFlight) {
      again = true;
      return;
    }
    inFlight = (async () => {
      try {
        const report = await deliverPending(o.db, adapters, o.clock);
        if (report.delivered || report.failed || report.retrying || report.rolledBack.length)
          o.onPass?.(report);
      } catch (e) {
        o.onError?.(e);
      } finally {
        inFlight = null;
        if (again && !stopped) {
          again = false;
          queueMicrotask(pass);
        } else schedule();
      }
    })();
  }

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      pass();
    },
    kick: () => pass(),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
