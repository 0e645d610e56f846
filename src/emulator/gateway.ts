// The Adobe I/O gateway checks, in the order Adobe's troubleshooting guide lists them, then the sandbox
// header and the content type. Each failure answers in the gateway's {error_code, message} shape.
import { ApiError, flowError, gatewayError } from "./errors.js";
import type { EmuRequest } from "./http.js";
import { isUiClient, type EmulatorConfig } from "./config.js";
import type { TokenStore } from "./ims.js";
import type { Caller, SandboxInfo } from "./types.js";

/** Resolves the caller from the bearer token and checks api key and org. */
export function authenticate(req: EmuRequest, config: EmulatorConfig, tokens: TokenStore, now = Date.now()): Caller {
  const authorization = req.headers.authorization?.trim();
  if (!authorization) throw gatewayError(403, "403010", "Oauth token is missing.");
  const match = /^Bearer\s+(\S+)$/i.exec(authorization);
  const issued = match ? tokens.verify(match[1]!, now) : undefined;
  if (!issued) throw gatewayError(401, "401013", "Oauth token is not valid");
  const apiKey = req.headers["x-api-key"];
  if (!apiKey) throw gatewayError(403, "403000", "Api Key is required");
  if (apiKey !== issued.clientId) throw gatewayError(403, "403003", "Api Key is invalid");
  const org = req.headers["x-gw-ims-org-id"];
  if (!org) throw gatewayError(400, "400003", "Missing header");
  if (org !== config.orgId) throw gatewayError(403, "403025", "Profile is not valid");
  const client = config.clients.find((c) => c.clientId === issued.clientId);
  return { clientId: issued.clientId, ui: client ? isUiClient(client) : false };
}

/** `x-sandbox-name` defaults to prod (strict mode: 2105-400); an unknown sandbox is 2100-404. */
export function resolveSandbox(
  req: EmuRequest,
  config: EmulatorConfig,
  sandboxIdOf: (name: string) => string,
): SandboxInfo {
  const header = req.headers["x-sandbox-name"]?.trim() ?? "";
  if (header === "" && config.strictSandboxHeader)
    throw flowError(2105, 400, "Bad request", "The header x-sandbox-name is missing in the request.");
  const name = header === "" ? "prod" : header;
  if (!config.sandboxes.includes(name)) {
    throw flowError(
      2100,
      404,
      "Sandbox not found",
      `Sandbox ${name} not found for org ${config.orgId}. Sandbox names are all lowercase.`,
      { sandboxName: name },
    );
  }
  return { name, id: sandboxIdOf(name) };
}

/** POST/PATCH must send JSON (PATCH may send application/json-patch+json). */
export function checkContentType(req: EmuRequest): void {
  if (req.method !== "POST" && req.method !== "PATCH" && req.method !== "PUT") return;
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json" || (req.method === "PATCH" && type === "application/json-patch+json")) return;
  throw new ApiError(400, {
    type: "/placeholder/type/uri",
    status: 400,
    title: "BadRequestError",
    detail: "A valid content-type must be specified",
  });
}
