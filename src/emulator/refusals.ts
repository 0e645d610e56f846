// The configured refusal modes: an API the org is not entitled to (403 from the I/O gateway), an API that
// is absent (404 as for an unknown route), and PATCH /connections/{id} turned off the ways Adobe's error
// catalogue and HTTP allow. They let a client's fallbacks be tested against the same server.
import type { ApiSwitch, PatchConnectionsMode } from "./config-checks.js";
import { ApiError, flowError, gatewayError } from "./errors.js";

/**
 * Throws when an optional API is switched off. 403 is the gateway's answer for a credential whose Developer
 * Console project lacks the API (the key is not valid for that service); 404 is the emulator's unknown-route
 * answer, as if the API did not exist where the client looked.
 */
export function checkApiSwitch(mode: ApiSwitch, pathname: string): void {
  if (mode === 403) throw gatewayError(403, "403003", "Api Key is invalid");
  if (mode === 404) throw new ApiError(404, { error_code: "404000", message: `No route ${pathname}` });
}

/** PATCH /connections/{id} refused per `patchConnections`; other PATCH routes are unaffected. */
export function checkPatchConnections(mode: PatchConnectionsMode): void {
  if (mode === "feature-disabled")
    throw flowError(1445, 400, "Invalid request", "PATCH Connection Feature not enabled.");
  if (mode === 405)
    throw new ApiError(405, { error_code: "405000", message: "Method PATCH not allowed" }, { allow: "GET, DELETE" });
  if (mode === 403)
    throw flowError(
      2120,
      403,
      "Forbidden",
      "You do not have sufficient permissions to perform the operation. Please contact your administrator.",
    );
}
