import { fixedClock, systemClock, type Clock } from "../../domain/index.js";
import { ServiceError } from "./errors.js";

/**
 * The service's "now" for planning: an explicit instant (`--now`) or the wall clock. Never a date
 * read from the data: one future-dated row must not move every plan, end every campaign.
 */
export function planningClock(wall: Clock = systemClock(), asOf?: string): Clock {
  if (asOf === undefined) return wall;
  const c = fixedClock(asOf);
  if (Number.isNaN(c.now().getTime()))
    throw new ServiceError("INVALID_OPTION", `--now: not a date/time: ${asOf}`);
  return c;
}
