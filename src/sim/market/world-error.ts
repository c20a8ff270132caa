import { AutopromoError } from "../../errors.js";

export type WorldErrorCode = "UNKNOWN_WORLD" | "INVALID_WORLD";

/** A world that cannot be found, loaded or drawn; the message names the world or file. */
export class WorldError extends AutopromoError<WorldErrorCode> {
  constructor(code: WorldErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "WorldError";
  }
}

/** True when `e` is a `WorldError`. */
export const isWorldError = (e: unknown): e is WorldError => e instanceof WorldError;
