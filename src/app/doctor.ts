// `aep-gitops doctor`: what a first apply against a real sandbox needs, checked one by one with a clear
// verdict and a hint each: the IMS login, the org, the sandbox, read access to what plans read (a 403
// names the AEP permission that is missing), the connection and flow specs, the clock, and how many
// destinations are managed. It reads only; it never writes.
import { DESTINATION_FLOWS, FLOW_SERVICE_PATH } from "../aep/flow-service.js";
import { AepApiError } from "../aep/errors.js";
import { ImsTokenSource } from "../aep/ims.js";
import { AUDIENCES_PATH } from "../aep/audiences.js";
import { DESTINATION_FLOW_SPEC_ID } from "../domain/state/adobe.js";
import { DESTINATION_TYPES, destinationType } from "../domain/destination-types/index.js";
import { parseDescription } from "../domain/plan/ownership.js";
import type { DoctorCheck, DoctorReport } from "../report/operate/doctor.js";
import type { Adobe } from "./adobe.js";

/** A clock further off than this makes tokens and leases hard to reason about: worth fixing. */
const MAX_SKEW_MS = 60_000;

const PERMISSIONS: Record<string, string> = {
  flows: "Manage Destinations (and Activate Destinations to change what they export)",
  connections: "Manage Destinations",
  targetConnections: "Manage Destinations",
  audiences: "View Segments",
};

export async function runDoctor(adobe: Adobe, sandbox: string): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const check = (c: DoctorCheck) => void checks.push(c);
  const done = () => ({ sandbox, ok: checks.every((c) => c.ok), checks });
  try {
    await new ImsTokenSource(adobe.settings).token();
    check({
      id: "ims",
      ok: true,
      message: `IMS issued a token to client ${adobe.settings.clientId} (scopes ${adobe.settings.scopes}).`,
    });
  } catch (error) {
    check({
      id: "ims",
      ok: false,
      message: (error as Error).message,
      hint: "Check AEP_CLIENT_ID, AEP_CLIENT_SECRET and AEP_SCOPES against your Developer Console project.",
    });
    return done();
  }
  const get = (path: string, query: Record<string, string> = {}) => adobe.http.request(sandbox, "GET", path, { query });
  try {
    await get(`/data/foundation/sandbox-management/sandboxes/${encodeURIComponent(sandbox)}`);
    check({ id: "org", ok: true, message: `The org ${adobe.settings.orgId} accepts this client.` });
    check({ id: "sandbox", ok: true, message: `Sandbox '${sandbox}' exists.` });
  } catch (error) {
    const refused = error instanceof AepApiError ? error : undefined;
    if (refused?.status === 404) {
      check({ id: "org", ok: true, message: `The org ${adobe.settings.orgId} accepts this client.` });
      check({
        id: "sandbox",
        ok: false,
        message: `Sandbox '${sandbox}' does not exist in org ${adobe.settings.orgId}.`,
        hint: "Sandbox names are lower-case; pass --sandbox with one the org has (Adobe's Sandboxes view lists them).",
      });
      return done();
    }
    check({
      id: "org",
      ok: false,
      message: (error as Error).message,
      hint: "Check AEP_ORG_ID (…@AdobeOrg) and that the Developer Console project has the Experience Platform API for this org.",
    });
    return done();
  }
  let flows: Record<string, unknown>[] = [];
  for (const [collection, path] of [
    ["flows", `${FLOW_SERVICE_PATH}/flows`],
    ["connections", `${FLOW_SERVICE_PATH}/connections`],
    ["targetConnections", `${FLOW_SERVICE_PATH}/targetConnections`],
    ["audiences", AUDIENCES_PATH],
  ] as const) {
    try {
      // Every destination flow (for the counts below), one item of everything else.
      if (collection === "flows") flows = await adobe.port(sandbox).list("flows", [DESTINATION_FLOWS]);
      else await get(path, { limit: "1" });
      check({ id: `read-${collection}`, ok: true, message: `This client can read ${collection}.` });
    } catch (error) {
      const denied = error instanceof AepApiError && error.status === 403;
      check({
        id: `read-${collection}`,
        ok: false,
        message: denied
          ? `Adobe refused to list ${collection} (403): the client lacks the permission ${PERMISSIONS[collection]}.`
          : (error as Error).message,
        hint: denied
          ? `Add ${PERMISSIONS[collection]} to the product profile of the Developer Console project, for sandbox '${sandbox}'.`
          : "Run again; with --trace FILE the exchange can be attached to a bug report.",
      });
    }
  }
  // The Profile union schema: what profile attribute paths are checked against (and previews typed by).
  const union = await adobe
    .schemas(sandbox)
    .profileUnion()
    .catch((error: Error) => error);
  check(
    union instanceof Error || union === undefined
      ? {
          id: "read-schemas",
          ok: false,
          message: `The Schema Registry refused to show the Profile union schema${union instanceof Error ? `: ${union.message}` : ""}; profile attribute paths cannot be checked.`,
          hint: `Add View Schemas to the product profile of the Developer Console project, for sandbox '${sandbox}'.`,
        }
      : { id: "read-schemas", ok: true, message: "This client can read the Profile union schema." },
  );
  for (const type of DESTINATION_TYPES) {
    const spec = destinationType(type);
    try {
      const body = (await get(`${FLOW_SERVICE_PATH}/connectionSpecs/${spec.connectionSpecId}`)) as {
        items?: { targetSpec?: { spec?: { properties?: object } } }[];
      };
      const params = Object.keys(body.items?.[0]?.targetSpec?.spec?.properties ?? {});
      check({
        id: `spec-${type}`,
        ok: true,
        message: `The ${spec.label} connection spec accepts target params: ${params.join(", ") || "none"}.`,
      });
    } catch (error) {
      check({
        id: `spec-${type}`,
        ok: false,
        message: `The ${spec.label} connection spec (${spec.connectionSpecId}) could not be read: ${(error as Error).message}`,
        hint: "Destinations of this type cannot be planned in this sandbox until it can be read.",
      });
    }
  }
  try {
    await get(`${FLOW_SERVICE_PATH}/flowSpecs/${DESTINATION_FLOW_SPEC_ID}`);
    check({
      id: "flow-spec",
      ok: true,
      message: `The flow spec of profile-based destinations (${DESTINATION_FLOW_SPEC_ID}) is there.`,
    });
  } catch (error) {
    check({
      id: "flow-spec",
      ok: false,
      message: `The destinations flow spec could not be read: ${(error as Error).message}`,
      hint: "This org may not have streaming destinations (Real-Time CDP) licensed.",
    });
  }
  const skew = adobe.http.serverNow() - Date.now();
  check({
    id: "clock",
    ok: Math.abs(skew) <= MAX_SKEW_MS,
    message: `This machine's clock is ${Math.round(Math.abs(skew) / 1000)} s ${skew > 0 ? "behind" : "ahead of"} Adobe's.`,
    ...(Math.abs(skew) > MAX_SKEW_MS
      ? {
          hint: "Synchronise the clock (NTP): IMS tokens and logs are easier to follow with it. The sandbox lock uses Adobe's clock either way.",
        }
      : {}),
  });
  const managed = flows.filter(
    (f) => parseDescription(typeof f.description === "string" ? f.description : "").owner?.kind === "destination",
  ).length;
  check({
    id: "destinations",
    ok: true,
    message: `Sandbox '${sandbox}' has ${flows.length} destinations: ${managed} managed by aep-gitops, ${flows.length - managed} not.`,
  });
  return done();
}
