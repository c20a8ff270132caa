import { get } from "node:http";

/**
 * GET on a fresh connection each time, resolving when the body has arrived: a kept-alive
 * connection may be closed under a request by the server's idle timer (ECONNRESET).
 */
export function getFresh(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    get(url, { agent: false }, (res) => res.resume().on("end", () => resolve())).on(
      "error",
      reject,
    );
  });
}
