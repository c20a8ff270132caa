import type { TokenRole } from "../../../src/server/index.js";
import type { PathCase, PathOutcome } from "./types.js";
import { cliWorld, httpWorld } from "./world.js";

/**
 * One person, one vote (issue #25, build item 7), through the HTTP approval route and the CLI
 * `approve` command. Each case asks for a 28 % edit of c-1 (finance and a category manager must
 * both approve), then two votes; it went through when the edit's request ends approved.
 * Out-of-bounds: one person twice (two roles, their name spelt another way) or the requester
 * approving; in-bounds: two different people.
 */

/** Spellings of one person: case, width, look-alike letters, invisible and extra spaces. */
const SAME_AS_ALICE = [
  "alice",
  "Alice",
  "ALICE",
  " alice ",
  "alice\t",
  "ａｌｉｃｅ",
  "аlice",
  "Αlice",
  "ali\u200bce",
  "alice\u00a0",
  "al\u00adice",
  "alice (finance)",
  "alice [category_manager]",
  "Alice <alice@corp.com>",
  "alice+cm@corp.com",
];
/** Different people who look alike only on the surface. */
const OTHER_THAN_ALICE = ["bob", "alicia", "alice smith", "al ice", "malice", "alice2"];

interface Votes {
  requester: string;
  first: string;
  second: string;
}

/** Over HTTP: the requester's marketing token asks for the edit; finance then category-manager tokens vote. */
async function overHttp(v: Votes): Promise<PathOutcome> {
  const w = await httpWorld();
  try {
    const steps: string[] = [];
    const asked = await w.call("POST", "/campaigns/c-1/edit", w.token("marketing", v.requester), {
      changes: { discountPct: 28 },
      reason: "rival cut",
    });
    steps.push(`edit ${asked.status}`);
    const request = ((asked.body.edit ?? {}) as { approvalRequestId?: string }).approvalRequestId;
    if (!request)
      return {
        through: false,
        detail: `no approval request: ${JSON.stringify(asked.body)}`,
        ...(asked.status >= 500 ? { crash: "edit answered 500" } : {}),
      };
    let crash: string | undefined;
    for (const [role, name] of [
      ["finance", v.first],
      ["category_manager", v.second],
    ] as [TokenRole, string][]) {
      const r = await w.call("POST", `/approvals/${request}`, w.token(role, name), {
        decision: "approve",
        comment: "ok",
      });
      steps.push(`${role} ${JSON.stringify(name)} ${r.status}`);
      if (r.status >= 500) crash = `${role} vote answered ${r.status}`;
    }
    const status = await w.call("GET", `/approvals/${request}`, w.token("viewer", "auditor"));
    const state = ((status.body.request ?? {}) as { status?: string }).status;
    return {
      through: state === "approved",
      detail: `${steps.join(", ")}: request ${state}`,
      ...(crash ? { crash } : {}),
    };
  } finally {
    w.close();
  }
}

/** Over the CLI: `campaigns edit --by`, then `approve <request> --as <role> --approver <name>`. */
async function overCli(v: Votes): Promise<PathOutcome> {
  const w = await cliWorld();
  try {
    const edit = JSON.parse(
      await w.cli([
        "campaigns",
        "edit",
        "c-1",
        "--discount",
        "28",
        "--by",
        v.requester,
        "--reason",
        "rival cut",
        "--json",
      ]),
    ) as { approvalRequestId?: string };
    if (!edit.approvalRequestId)
      return { through: false, detail: `no approval request: ${JSON.stringify(edit)}` };
    const steps: string[] = [];
    let last = "";
    for (const [role, name] of [
      ["finance", v.first],
      ["category_manager", v.second],
    ]) {
      try {
        const out = JSON.parse(
          await w.cli([
            "approve",
            edit.approvalRequestId,
            "--as",
            role!,
            "--approver",
            name!,
            "--json",
          ]),
        ) as { status: { request: { status: string } } };
        last = out.status.request.status;
        steps.push(`${role} ${JSON.stringify(name)} ${last}`);
      } catch (e) {
        steps.push(
          `${role} ${JSON.stringify(name)} refused: ${(e as Error).message.split("\n")[0]}`,
        );
      }
    }
    return { through: last === "approved", detail: steps.join(", ") };
  } finally {
    w.close();
  }
}

const paths = { http: overHttp, cli: overCli };

/** The one-person-one-vote cases, over HTTP and over the CLI. */
export function voteCases(): PathCase[] {
  const out: [string, Votes][] = [
    // Over HTTP the first one is also "a token of person A used by B": the token holder votes, whoever holds it.
    ...SAME_AS_ALICE.map((a): [string, Votes] => [
      `alice, then ${JSON.stringify(a)} under a second role`,
      { requester: "mia", first: "alice", second: a },
    ]),
    [
      "the requester approves their own edit",
      { requester: "carla", first: "bob", second: "carla" },
    ],
    [
      "the requester, spelt CARLA, approves first",
      { requester: "carla", first: "CARLA", second: "bob" },
    ],
    [
      "the requester, with a Cyrillic а, approves",
      { requester: "carla", first: "bob", second: "cаrla" },
    ],
    [
      "the requester, full-width, approves",
      { requester: "Carla", first: "ｃａｒｌａ", second: "bob" },
    ],
    [
      "the requester by e-mail approves by name",
      { requester: "carla.rossi@corp.com", first: "bob", second: "Carla Rossi" },
    ],
  ];
  const inside: [string, Votes][] = OTHER_THAN_ALICE.map((b): [string, Votes] => [
    `alice and ${JSON.stringify(b)}`,
    { requester: "mia", first: "alice", second: b },
  ]);
  inside.push([
    "a requester who is neither voter",
    { requester: "carla", first: "alice", second: "bob" },
  ]);
  const cases: PathCase[] = [];
  for (const [via, run] of Object.entries(paths)) {
    out.forEach(([note, v], i) =>
      cases.push({
        id: `votes:${via}:out:${i}`,
        family: "votes",
        bounds: "out",
        note: `${via}: ${note}`,
        run: () => run(v),
      }),
    );
    inside.forEach(([note, v], i) =>
      cases.push({
        id: `votes:${via}:in:${i}`,
        family: "votes",
        bounds: "in",
        note: `${via}: ${note}`,
        run: () => run(v),
      }),
    );
  }
  return cases;
}
