// The Audit Query API's answers checked against audit-query.yaml: a 200 of GET /audit/events must be the
// spec's CollectionModel (each event an AbstractAuditLog: Adobe's enums of actions, asset types, permission
// resources, statuses and regions). The list under the Postman collection's key (`customerAuditLogList`,
// served with `auditListKey`) is checked as the spec's `events` would be. Skipped without the spec file.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv, type ValidateFunction } from "ajv";
import YAML from "yaml";
import { specDir, toJsonSchema } from "./openapi.js";
import type { Exchange } from "./recorder.js";

export const AUDIT_SPEC = "audit-query.yaml";
export const AUDIT_PATH = "/data/foundation/audit/events";
const auditSpecAvailable = existsSync(path.join(specDir, AUDIT_SPEC));

let validator: ValidateFunction | undefined;

function collectionModel(): ValidateFunction {
  if (validator) return validator;
  const doc = toJsonSchema(YAML.parse(readFileSync(path.join(specDir, AUDIT_SPEC), "utf8"))) as object;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ ...doc, $id: AUDIT_SPEC });
  validator = ajv.getSchema(`${AUDIT_SPEC}#/components/schemas/CollectionModel`);
  if (!validator) throw new Error(`cannot compile ${AUDIT_SPEC} CollectionModel`);
  return validator;
}

/** The violations of one exchange with the audit API (none when it is not one, or the spec is absent). */
export function auditViolations(exchange: Exchange): { checked: boolean; errors: string | undefined } {
  if (!auditSpecAvailable || exchange.method !== "GET" || exchange.status !== 200)
    return { checked: false, errors: undefined };
  if (exchange.path.split("?")[0]!.replace(/\/+$/, "") !== AUDIT_PATH) return { checked: false, errors: undefined };
  const body = exchange.body as { _embedded?: Record<string, unknown> } | undefined;
  const list = body?._embedded?.customerAuditLogList;
  const checked = list === undefined ? body : { ...body, _embedded: { events: list } };
  const validate = collectionModel();
  if (validate(checked)) return { checked: true, errors: undefined };
  const errors = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""} (${e.schemaPath})`);
  return { checked: true, errors: errors.join("; ") };
}
