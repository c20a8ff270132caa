import { z } from "zod";
import { TargetingError } from "./errors.js";

/**
 * A shallow policy tree (Athey & Wager 2021, "Policy learning with observational data"): the
 * depth-1 or depth-2 tree over shopper features whose leaves each take one action, chosen to
 * maximise the summed doubly robust score of the action taken. Exhaustive over candidate cuts,
 * so a marketer can read every leaf as "shoppers with … get …".
 */
export const policyTreeParamsSchema = z.object({
  depth: z.number().int().min(0).max(2).default(2),
  /** Smallest leaf, as a share of the rows: small leaves fit noise in the scores. */
  minLeafShare: z.number().gt(0).max(0.5).default(0.05),
  /** Candidate cut points per feature (quantiles of the training rows). */
  cuts: z.number().int().min(1).max(64).default(16),
});
export type PolicyTreeParams = z.infer<typeof policyTreeParamsSchema>;
export type PolicyTreeParamsInput = z.input<typeof policyTreeParamsSchema>;

/** A split node (`x[feature] <= threshold` goes left) or a leaf taking `action`. */
export const policyNodeSchema = z.union([
  z.object({
    feature: z.string(),
    threshold: z.number(),
    left: z.number().int(),
    right: z.number().int(),
  }),
  z.object({ action: z.number().int().nonnegative() }),
]);
export type PolicyNode = z.infer<typeof policyNodeSchema>;

/** A fitted tree: nodes[0] is the root; `features` names the columns it reads. */
export const policyTreeSchema = z.object({
  features: z.array(z.string()),
  nodes: z.array(policyNodeSchema),
});
export type PolicyTree = z.infer<typeof policyTreeSchema>;

/** Rows to learn from: a row-major matrix, column names, and one score array per action. */
export interface PolicyData {
  x: Float64Array;
  names: readonly string[];
  /** scores[a][i]: doubly robust value of giving action a to row i. */
  scores: readonly Float64Array[];
}

interface Hist {
  /** [feature][bin][action] summed scores. */
  sum: Float64Array;
  /** [feature][bin] rows. */
  count: Float64Array;
}

interface Best {
  value: number;
  split: { j: number; b: number } | null;
  actions: [number, number] | number;
}

/** Cut points per column from the rows idx: midpoints below up to `cuts` quantiles. */
function cutPoints(d: PolicyData, idx: Int32Array, cuts: number): number[][] {
  const p = d.names.length;
  return Array.from({ length: p }, (_, j) => {
    const v = Float64Array.from(idx, (i) => d.x[i * p + j]!).sort();
    const out: number[] = [];
    for (let q = 1; q <= cuts; q++) {
      const hi = v[Math.min(v.length - 1, Math.floor((q * v.length) / (cuts + 1)))]!;
      let k = 0;
      while (k < v.length && v[k]! < hi) k++;
      if (k === 0) continue;
      const cut = (v[k - 1]! + hi) / 2;
      if (!out.length || cut > out[out.length - 1]!) out.push(cut);
    }
    return out;
  });
}

const binOf = (cuts: readonly number[], x: number): number => {
  let b = 0;
  while (b < cuts.length && x > cuts[b]!) b++;
  return b;
};

const argmax = (v: ArrayLike<number>): number => {
  let a = 0;
  for (let k = 1; k < v.length; k++) if (v[k]! > v[a]!) a = k;
  return a;
};

/** Best depth-0 or depth-1 tree for one node from its histograms. */
function bestShallow(
  h: Hist,
  nb: readonly number[],
  B: number,
  A: number,
  minLeaf: number,
  split: boolean,
): Best {
  const total = new Float64Array(A);
  let rows = 0;
  for (let b = 0; b < B; b++) {
    rows += h.count[b]!;
    for (let a = 0; a < A; a++) total[a]! += h.sum[b * A + a]!;
  }
  const leaf = argmax(total);
  let best: Best = { value: total[leaf]!, split: null, actions: leaf };
  if (!split || rows < 2 * minLeaf) return best;
  const left = new Float64Array(A);
  for (let j = 0; j < nb.length; j++) {
    left.fill(0);
    let nl = 0;
    for (let b = 0; b < nb[j]!; b++) {
      nl += h.count[j * B + b]!;
      for (let a = 0; a < A; a++) left[a]! += h.sum[(j * B + b) * A + a]!;
      if (nl < minLeaf || rows - nl < minLeaf) continue;
      const al = argmax(left);
      let ar = 0;
      for (let a = 1; a < A; a++) if (total[a]! - left[a]! > total[ar]! - left[ar]!) ar = a;
      const v = left[al]! + total[ar]! - left[ar]!;
      if (v > best.value + 1e-12 && al !== ar)
        best = { value: v, split: { j, b }, actions: [al, ar] };
    }
  }
  return best;
}

/** Row positions ordered by their bin of column j (a counting sort). */
function byBin(bins: Uint8Array, p: number, j: number, m: number, nb: number): Int32Array {
  const start = new Int32Array(nb + 1);
  for (let k = 0; k < m; k++) start[bins[k * p + j]! + 1]!++;
  for (let b = 0; b < nb; b++) start[b + 1]! += start[b]!;
  const out = new Int32Array(m);
  for (let k = 0; k < m; k++) out[start[bins[k * p + j]!]!++] = k;
  return out;
}

/** Fit a policy tree on rows idx (all rows when omitted). */
export function fitPolicyTree(
  d: PolicyData,
  params: PolicyTreeParamsInput = {},
  idx?: Int32Array,
): PolicyTree {
  const prm = policyTreeParamsSchema.parse(params);
  const p = d.names.length;
  const A = d.scores.length;
  const n = d.x.length / Math.max(p, 1);
  const rowsIdx = idx ?? Int32Array.from({ length: n }, (_, i) => i);
  if (A < 1 || rowsIdx.length === 0)
    throw new TargetingError("INVALID_INPUT", "policy tree: no actions or no rows");
  const cuts = cutPoints(d, rowsIdx, prm.cuts);
  const nb = cuts.map((c) => c.length + 1);
  const B = Math.max(...nb, 1);
  const m = rowsIdx.length;
  const bins = new Uint8Array(m * p);
  for (let k = 0; k < m; k++)
    for (let j = 0; j < p; j++) bins[k * p + j] = binOf(cuts[j]!, d.x[rowsIdx[k]! * p + j]!);
  const minLeaf = Math.max(1, Math.ceil(prm.minLeafShare * m));
  const hist = (): Hist => ({ sum: new Float64Array(p * B * A), count: new Float64Array(p * B) });
  const add = (h: Hist, k: number, sign: number): void => {
    const i = rowsIdx[k]!;
    for (let j = 0; j < p; j++) {
      const b = j * B + bins[k * p + j]!;
      h.count[b]! += sign;
      for (let a = 0; a < A; a++) h.sum[b * A + a]! += sign * d.scores[a]![i]!;
    }
  };
  const all = hist();
  for (let k = 0; k < m; k++) add(all, k, 1);
  let best = bestShallow(all, nb, B, A, minLeaf, prm.depth >= 1);
  let root: { j: number; b: number; l: Best; r: Best } | null = null;
  if (prm.depth === 2) {
    for (let j = 0; j < p; j++) {
      // Rows move from the right child to the left one bin at a time: one pass per root feature.
      const order = byBin(bins, p, j, m, nb[j]!);
      const left = hist();
      const right = hist();
      right.sum.set(all.sum);
      right.count.set(all.count);
      let pos = 0;
      for (let b = 0; b < nb[j]! - 1; b++) {
        while (pos < m && bins[order[pos]! * p + j]! <= b) {
          add(left, order[pos]!, 1);
          add(right, order[pos++]!, -1);
        }
        if (pos < minLeaf || m - pos < minLeaf) continue;
        const l = bestShallow(left, nb, B, A, minLeaf, true);
        const r = bestShallow(right, nb, B, A, minLeaf, true);
        if (l.value + r.value > best.value + 1e-12) {
          best = { value: l.value + r.value, split: { j, b }, actions: 0 };
          root = { j, b, l, r };
        }
      }
    }
  }
  return toTree(d.names, cuts, best, root);
}

function toTree(
  names: readonly string[],
  cuts: number[][],
  best: Best,
  root: { j: number; b: number; l: Best; r: Best } | null,
): PolicyTree {
  const nodes: PolicyNode[] = [];
  const emit = (x: Best): number => {
    const at = nodes.length;
    if (!x.split || typeof x.actions === "number") {
      nodes.push({ action: typeof x.actions === "number" ? x.actions : x.actions[0] });
      return at;
    }
    nodes.push({
      feature: names[x.split.j]!,
      threshold: cuts[x.split.j]![x.split.b]!,
      left: at + 1,
      right: at + 2,
    });
    nodes.push({ action: x.actions[0] }, { action: x.actions[1] });
    return at;
  };
  if (!root) emit(best);
  else {
    nodes.push({ feature: names[root.j]!, threshold: cuts[root.j]![root.b]!, left: -1, right: -1 });
    const l = emit(root.l);
    const r = emit(root.r);
    nodes[0] = { feature: names[root.j]!, threshold: cuts[root.j]![root.b]!, left: l, right: r };
  }
  return { features: [...names], nodes: collapse(nodes) };
}

/** Merge sibling leaves that take the same action, so the table has no split that changes nothing. */
function collapse(nodes: PolicyNode[]): PolicyNode[] {
  const leafAction = (k: number): number | null => {
    const n = nodes[k]!;
    return "action" in n ? n.action : null;
  };
  for (let k = nodes.length - 1; k >= 0; k--) {
    const n = nodes[k]!;
    if ("action" in n) continue;
    const a = leafAction(n.left);
    if (a !== null && a === leafAction(n.right)) nodes[k] = { action: a };
  }
  return nodes;
}

/** The action the tree gives one row of features (a record by column name). */
export function applyPolicyTree(t: PolicyTree, x: (name: string) => number): number {
  let k = 0;
  for (;;) {
    const n = t.nodes[k]!;
    if ("action" in n) return n.action;
    k = x(n.feature) <= n.threshold ? n.left : n.right;
  }
}

/** Actions for every row of a matrix whose columns are `names`. */
export function applyPolicyTreeToMatrix(
  t: PolicyTree,
  x: Float64Array,
  names: readonly string[],
): Int8Array {
  const p = names.length;
  const col = new Map(names.map((nm, j) => [nm, j]));
  const n = x.length / Math.max(p, 1);
  const out = new Int8Array(n);
  for (let i = 0; i < n; i++) out[i] = applyPolicyTree(t, (nm) => x[i * p + col.get(nm)!]!);
  return out;
}

/** Each leaf as the conditions that reach it, e.g. ["womens > 0.5", "recency <= 6.5"]. */
export function leafConditions(
  t: PolicyTree,
): { leaf: number; action: number; conditions: string[] }[] {
  const out: { leaf: number; action: number; conditions: string[] }[] = [];
  const fmt = (v: number): string => String(Math.round(v * 100) / 100);
  const walk = (k: number, conds: string[]): void => {
    const n = t.nodes[k]!;
    if ("action" in n) return void out.push({ leaf: k, action: n.action, conditions: conds });
    walk(n.left, [...conds, `${n.feature} <= ${fmt(n.threshold)}`]);
    walk(n.right, [...conds, `${n.feature} > ${fmt(n.threshold)}`]);
  };
  walk(0, []);
  return out;
}

/** The leaf (node index) each row lands in. */
export function leafOf(t: PolicyTree, x: (name: string) => number): number {
  let k = 0;
  for (;;) {
    const n = t.nodes[k]!;
    if ("action" in n) return k;
    k = x(n.feature) <= n.threshold ? n.left : n.right;
  }
}
