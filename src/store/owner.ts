import { hostname } from "node:os";

/** This process as an owner of shared work: host:pid (threads of one process share it). */
export function processOwner(): string {
  return `${hostname()}:${process.pid}`;
}

/** True when `owner` names a process on this host that no longer exists (killed, crashed). */
export function ownerGone(owner: string): boolean {
  const at = owner.lastIndexOf(":");
  if (at < 0 || owner.slice(0, at) !== hostname()) return false;
  const pid = Number(owner.slice(at + 1));
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return (e as { code?: string }).code === "ESRCH";
  }
}
