/** One place to SIGKILL the scenario child: before the `nth` tick labelled `label` in a run of `scope`. */
export interface KillPoint {
  scope: string;
  label: string;
  nth: number;
}

/** Ticks that are not part of the run under test (the child's own report at the end). */
const IGNORED = /^(setup|report):/;

/**
 * Picks `budget` kill points from reference traces (the tick labels of each scope's run, in order):
 * every distinct label at least once (budget allowing), the rest to the labels with the most ticks per point,
 * each label's points spread evenly over its occurrences (and so over the scopes that have it).
 * A label may be given a floor of points (`floors`).
 */
export function planKillPoints(
  traces: Record<string, string[]>,
  budget: number,
  floors: Record<string, number> = {},
): KillPoint[] {
  const byLabel = new Map<string, { scope: string; nth: number }[]>();
  for (const [scope, trace] of Object.entries(traces)) {
    const seen = new Map<string, number>();
    for (const label of trace) {
      seen.set(label, (seen.get(label) ?? 0) + 1);
      if (IGNORED.test(label)) continue;
      if (!byLabel.has(label)) byLabel.set(label, []);
      byLabel.get(label)!.push({ scope, nth: seen.get(label)! });
    }
  }
  const everyLabel = [...byLabel.keys()].sort();
  // A budget below one point per label (a quick local run) takes labels evenly spread.
  const labels =
    budget >= everyLabel.length
      ? everyLabel
      : Array.from(
          { length: budget },
          (_, i) => everyLabel[Math.floor(((i + 0.5) * everyLabel.length) / budget)]!,
        );
  // `floors`: at least this many points for a label (short areas that matter, such as the outbox).
  const quota = new Map(
    labels.map((l) => [l, Math.min(byLabel.get(l)!.length, Math.max(1, floors[l] ?? 1))]),
  );
  for (let total = [...quota.values()].reduce((a, b) => a + b, 0); total < budget; total++) {
    const next = labels
      .filter((l) => quota.get(l)! < byLabel.get(l)!.length)
      .sort(
        (a, b) => byLabel.get(b)!.length / quota.get(b)! - byLabel.get(a)!.length / quota.get(a)!,
      )[0];
    if (!next) break;
    quota.set(next, quota.get(next)! + 1);
  }
  return labels.flatMap((label) => {
    const all = byLabel.get(label)!;
    const q = quota.get(label)!;
    return Array.from({ length: q }, (_, i) => ({
      ...all[Math.floor(((i + 0.5) * all.length) / q)]!,
      label,
    }));
  });
}

/**
 * The area a label belongs to, for the summary: the graph node it is in (or starting, ending),
 * a checkpoint write between nodes, the approver's own statements (vote, resume), or the outbox.
 */
export function areaOf(label: string): string {
  const [phase, where, node] = label.split(":");
  if (node) return node;
  if (where === "checkpoint") return "checkpoint (between nodes)";
  if (phase === "approve") return "approval (vote, resume)";
  if (phase === "launch" || phase === "deliver") return "outbox";
  return `${phase} (${where})`;
}
