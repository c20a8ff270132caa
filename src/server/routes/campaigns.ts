import { Hono } from "hono";
import { z } from "zod";
import {
  campaignChangesSchema,
  editCampaign,
  findCampaign,
  pauseCampaign,
  resumeCampaign,
  stopCampaign,
} from "../../channels/index.js";
import { killSwitchState, setKillSwitch } from "../../policies/index.js";
import { accuracyRecord, campaignPerformance } from "../../monitoring/index.js";
import { assertRole, requireRole } from "../auth/middleware.js";
import { ROLE_SETS } from "../auth/roles.js";
import type { RouteDeps } from "../deps.js";
import type { AppEnv } from "../env.js";
import { ApiError } from "../errors.js";
import type { RouteDoc } from "../openapi.js";
import { campaignDetail, listCampaignSummaries } from "../service/campaign-views.js";
import { storeScenarioPredictor } from "../../graph/predictor.js";
import { actorOf, jsonBody } from "./validate.js";

export const overrideBodySchema = z.strictObject({
  reason: z.string().trim().min(1, "a reason is required").max(1000),
});
export const editBodySchema = z.strictObject({
  changes: campaignChangesSchema,
  reason: z.string().trim().min(1, "a reason is required").max(1000),
});
export const accuracyQuerySchema = z.strictObject({
  promotionType: z.string().min(1).optional(),
  market: z.string().min(1).optional(),
  category: z.string().min(1).optional(),
});
export const killSwitchBodySchema = z.strictObject({
  on: z.boolean(),
  reason: z.string().trim().min(1, "a reason is required").max(1000),
});

export const campaignsDocs: RouteDoc[] = [
  {
    method: "get",
    path: "/campaigns",
    summary: "Campaigns with their lifecycle status",
    roles: ROLE_SETS.read,
    tag: "campaigns",
  },
  {
    method: "get",
    path: "/campaigns/{id}",
    summary: "One campaign: state, status history, outbox rows",
    roles: ROLE_SETS.read,
    tag: "campaigns",
  },
  {
    method: "post",
    path: "/campaigns/{id}/pause",
    summary: "Pause a live campaign (retracts it from its channels)",
    roles: ROLE_SETS.stop,
    body: overrideBodySchema,
    tag: "campaigns",
  },
  {
    method: "post",
    path: "/campaigns/{id}/resume",
    summary: "Resume a paused campaign (re-launches on the same channels)",
    roles: ROLE_SETS.resume,
    body: overrideBodySchema,
    tag: "campaigns",
  },
  {
    method: "post",
    path: "/campaigns/{id}/stop",
    summary: "Stop a campaign for good",
    roles: ROLE_SETS.stop,
    body: overrideBodySchema,
    tag: "campaigns",
  },
  {
    method: "post",
    path: "/campaigns/{id}/edit",
    summary:
      "Edit a scheduled or live campaign (depth, end date, channels, budget); re-checked by policy: 200 applied, 202 waiting for approval, 422 refused with the reasons",
    roles: ROLE_SETS.resume,
    body: editBodySchema,
    tag: "campaigns",
  },
  {
    method: "get",
    path: "/campaigns/{id}/performance",
    summary: "Realised against forecast, week by week (null when its decision holds no forecast)",
    roles: ROLE_SETS.read,
    tag: "campaigns",
  },
  {
    method: "get",
    path: "/accuracy",
    summary: "The accuracy record per promotion type × market (?promotionType, ?market, ?category)",
    roles: ROLE_SETS.read,
    tag: "campaigns",
  },
  {
    method: "get",
    path: "/autonomy/kill-switch",
    summary: "The kill switch's state",
    roles: ROLE_SETS.read,
    tag: "autonomy",
  },
  {
    method: "post",
    path: "/autonomy/kill-switch",
    summary: "Turn autonomous launches off (any accountable role) or back on (admin)",
    roles: ROLE_SETS.killSwitchOn,
    body: killSwitchBodySchema,
    tag: "autonomy",
  },
];

/** Campaign reads, pause/resume/stop/edit overrides, performance, the accuracy record and the kill switch. */
export function campaignsRoutes(d: RouteDeps) {
  const found = (id: string) => {
    const c = campaignDetail(d.db, id);
    if (!c) throw new ApiError(404, "NOT_FOUND", `no campaign ${id}`);
    return c;
  };
  const publish = (id: string, action: string, by: string, reason: string) => {
    const c = found(id);
    d.events.publish("campaign", { campaignId: id, action, status: c.status, by, reason });
    return c;
  };
  return new Hono<AppEnv>()
    .get("/campaigns", (c) => c.json({ campaigns: listCampaignSummaries(d.db) }))
    .get("/campaigns/:id", (c) => c.json(found(c.req.param("id"))))
    .post(
      "/campaigns/:id/pause",
      requireRole(ROLE_SETS.stop, "pause campaigns"),
      jsonBody(overrideBodySchema),
      (c) => {
        const id = c.req.param("id");
        found(id);
        const by = actorOf(c.get("auth"));
        const { reason } = c.req.valid("json");
        const r = pauseCampaign(d.db, id, { by, reason }, d.clock);
        return c.json({ ...publish(id, "pause", by, reason), retracting: r.retracting });
      },
    )
    .post(
      "/campaigns/:id/resume",
      requireRole(ROLE_SETS.resume, "resume campaigns"),
      jsonBody(overrideBodySchema),
      (c) => {
        const id = c.req.param("id");
        found(id);
        const by = actorOf(c.get("auth"));
        const { reason } = c.req.valid("json");
        const r = resumeCampaign(
          d.db,
          id,
          { by, reason },
          { policy: d.policy.policy, clock: d.clock },
        );
        return c.json({
          ...publish(id, "resume", by, reason),
          enqueued: r.enqueued,
          channels: r.channels,
        });
      },
    )
    .post(
      "/campaigns/:id/stop",
      requireRole(ROLE_SETS.stop, "stop campaigns"),
      jsonBody(overrideBodySchema),
      (c) => {
        const id = c.req.param("id");
        found(id);
        const by = actorOf(c.get("auth"));
        const { reason } = c.req.valid("json");
        const r = stopCampaign(d.db, id, { by, reason }, d.clock);
        return c.json({ ...publish(id, "stop", by, reason), retracting: r.retracting });
      },
    )
    .post(
      "/campaigns/:id/edit",
      requireRole(ROLE_SETS.resume, "edit campaigns"),
      jsonBody(editBodySchema),
      (c) => {
        const id = c.req.param("id");
        found(id);
        const by = actorOf(c.get("auth"));
        const { changes, reason } = c.req.valid("json");
        const r = editCampaign(
          d.db,
          id,
          changes,
          { by, reason },
          {
            policy: d.policy,
            clock: d.clock,
            predictor: storeScenarioPredictor({ db: d.db, clock: d.clock, policy: d.policy }),
          },
        );
        const view = publish(id, `edit ${r.status}`, by, reason);
        if (r.status === "refused")
          throw new ApiError(
            422,
            "POLICY_BLOCKED",
            `edit of campaign ${id} refused by policy: ${r.reasons.join("; ")}`,
            { details: r },
          );
        return c.json({ ...view, edit: r }, r.status === "applied" ? 200 : 202);
      },
    )
    .get("/campaigns/:id/performance", (c) => {
      const id = c.req.param("id");
      found(id);
      const rec = findCampaign(d.db, id);
      return c.json({ campaignId: id, performance: rec ? campaignPerformance(d.db, rec) : null });
    })
    .get("/accuracy", (c) => {
      const q = accuracyQuerySchema.safeParse(c.req.query());
      if (!q.success)
        throw new ApiError(
          400,
          "INVALID_INPUT",
          `invalid query: ${q.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ")}`,
        );
      return c.json({ accuracy: accuracyRecord(d.db, q.data) });
    })
    .get("/autonomy/kill-switch", (c) => c.json(killSwitchState(d.db)))
    .post(
      "/autonomy/kill-switch",
      requireRole(ROLE_SETS.killSwitchOn, "turn the kill switch on"),
      jsonBody(killSwitchBodySchema),
      (c) => {
        const { on, reason } = c.req.valid("json");
        const auth = c.get("auth");
        // Stopping autonomy must be easy; restarting it is an admin's call.
        if (!on) assertRole(auth.role, ROLE_SETS.killSwitchOff, "turn the kill switch off");
        const state = setKillSwitch(d.db, on, actorOf(auth), reason, d.clock);
        d.events.publish("kill_switch", { ...state });
        return c.json(state);
      },
    );
}
