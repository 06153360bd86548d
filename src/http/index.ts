export {
  createGuardedServer,
  type GuardedServerOptions,
  type HttpHandler,
  type HttpLog,
  sendJson,
} from "./guarded-server.js";
export { HTTP_LIMITS, type HttpLimits, serverOptions } from "./limits.js";
export { HttpError, readBody } from "./read-body.js";
export { requestPath } from "./request-path.js";
