// The HTTP API, auth and roles, live events, metrics and the dashboard.
export { createApp, ROUTE_DOCS, API_VERSION } from "./app.js";
export type { AutopromoApp } from "./app.js";
export type { ServerDeps } from "./deps.js";
export { startServer } from "./start.js";
export type { StartOptions, RunningServer } from "./start.js";
export {
  startService,
  ensureDemoMarket,
  parseDuration,
  ServiceError,
  isServiceError,
} from "./service/index.js";
export type {
  ServiceOptions,
  RunningService,
  ServiceNote,
  CycleReport,
  ShutdownReport,
} from "./service/index.js";
export { createEventBus, serverEventSchema, EVENT_TYPES, announcedState } from "./events.js";
export type { EventBus, ServerEvent, ServerEventType } from "./events.js";
export { createMetrics } from "./metrics.js";
export type { Metrics } from "./metrics.js";
export { openApiDocument } from "./openapi.js";
export type { RouteDoc } from "./openapi.js";
export { ApiError } from "./errors.js";
export type { ErrorBody } from "./errors.js";
export { TOKEN_ROLES, tokenRoleSchema, ROLE_SETS } from "./auth/roles.js";
export type { TokenRole } from "./auth/roles.js";
export {
  createToken,
  findToken,
  listTokens,
  revokeToken,
  hasAdminToken,
  apiTokenSchema,
} from "./auth/tokens.js";
export type { ApiToken } from "./auth/tokens.js";
export {
  appendAudit,
  verifyAuditChain,
  listAudit,
  auditEntrySchema,
  GENESIS_HASH,
} from "./auth/audit.js";
export type { AuditEntry, AuditVerification } from "./auth/audit.js";
export { langGraphPort, PROMOTION_GRAPH_ID } from "./graph/langgraph.js";
export { registeredGraph } from "./graph/registered.js";
export { createAgentServer } from "./graph/agent-server.js";
export type { AgentServer, ThreadView, AssistantView } from "./graph/agent-server.js";
export { tableDecisions } from "./graph/table.js";
export { createRunManager } from "./graph/runs.js";
export type { RunManager, RunRecord, RunStatus, RunOptions } from "./graph/runs.js";
export type {
  GraphPort,
  AssistantGraph,
  DecisionSource,
  RunInput,
  RunChunk,
  StreamPart,
  ThreadStateView,
  ApproverAnswer,
} from "./graph/port.js";
