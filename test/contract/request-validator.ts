// Checks recorded client requests against the REQUEST side of Adobe's two Flow Service specs: the
// operation (method + path template), the declared header and query parameters, and the JSON body.
// The two specs overlap (destinations.yaml is the destination-flavoured subset of the same API that
// flow-service.yaml describes, and each has gaps and mistakes the other has not), so a request is valid
// when it passes EVERY check of at least one spec that declares its operation; the failures of all of
// them are reported when none does. Exceptions come only from the allow-list the caller passes in.
import type { ErrorObject } from "ajv";
import { SPEC_FILES, type SpecFile } from "../emulator/helpers/openapi.js";
import type { RecordedRequest } from "./recording-proxy.js";
import { kindOf, SpecOperations, type Operation, type RequestKind } from "./spec-operations.js";

export type { RequestKind };

/** The specs' server path; both documents declare their paths relative to it. */
export const FLOW_SERVICE = "/data/foundation/flowservice";

export interface Failure {
  spec: SpecFile | "neither spec";
  /** `METHOD /spec/path/{TEMPLATE}` as the spec spells it. */
  operation: string;
  /** `route`, `header:<name>`, `query:<name>` or `body`. */
  check: string;
  /** ajv's keyword, or: required, repeated, undeclared, trailing-slash, media-type, unparsable. */
  keyword: string;
  instancePath: string;
  message: string;
  data?: unknown;
}

export interface Allowance {
  spec: SpecFile;
  operations: readonly string[];
  check: string;
  keyword: string;
  instancePath?: RegExp;
  /** Narrows the match to the failing value the justification is about. */
  when?: (failure: Failure) => boolean;
  /** The body is a JSON Patch array where the spec types one op: each element is checked against it. */
  elementwise?: true;
  reason: string;
}

export interface Verdict {
  request: RecordedRequest;
  /** checked: a Flow Service request; not-covered: another Adobe API, described by neither spec. */
  scope: "checked" | "not-covered";
  kind?: RequestKind;
  valid: boolean;
  /** The failures that were not allowed, of every spec that declares the operation (empty when valid). */
  failures: Failure[];
  /** The allow-list entries that excused a failure of this request. */
  allowed: Allowance[];
}

export class RequestValidator {
  private readonly specs = new SpecOperations();

  constructor(private readonly allowances: readonly Allowance[]) {}

  check(request: RecordedRequest): Verdict {
    if (request.path !== FLOW_SERVICE && !request.path.startsWith(`${FLOW_SERVICE}/`))
      return { request, scope: "not-covered", valid: true, failures: [], allowed: [] };
    const flowPath = request.path.slice(FLOW_SERVICE.length) || "/";
    const evaluations = SPEC_FILES.flatMap((spec) => {
      const found = this.specs.find(spec, request.method, flowPath);
      return found ? [this.evaluate(found.op, found.viaSlash, request)] : [];
    });
    const kind = evaluations[0] ? kindOf(evaluations[0].op) : "other";
    if (evaluations.length === 0) {
      const failure = { check: "route", keyword: "no-operation", instancePath: "", data: undefined };
      const message = `neither spec declares ${request.method} ${flowPath}`;
      return {
        request,
        scope: "checked",
        kind,
        valid: false,
        failures: [{ spec: "neither spec", operation: `${request.method} ${flowPath}`, ...failure, message }],
        allowed: [],
      };
    }
    const allowed = [...new Set(evaluations.flatMap((e) => e.allowed))];
    const valid = evaluations.some((e) => e.failures.length === 0);
    return {
      request,
      scope: "checked",
      kind,
      valid,
      failures: valid ? [] : evaluations.flatMap((e) => e.failures),
      allowed,
    };
  }

  private evaluate(op: Operation, viaSlash: boolean, request: RecordedRequest) {
    const operation = `${op.method} ${op.specPath}`;
    const failures: Failure[] = [];
    const allowed: Allowance[] = [];
    const fail = (check: string, keyword: string, message: string, instancePath = "", data?: unknown) =>
      failures.push({ spec: op.spec, operation, check, keyword, instancePath, message, data });
    const schemaErrors = (check: string, errors: ErrorObject[], prefix = "") => {
      for (const e of errors)
        fail(check, e.keyword, `${e.message ?? ""} (${e.schemaPath})`, prefix + e.instancePath, e.data);
    };
    if (viaSlash) fail("route", "trailing-slash", `the spec declares this operation only as ${op.specPath}`);

    for (const param of op.parameters.filter((p) => p.in === "header")) {
      const name = param.name.toLowerCase();
      const present = name === "authorization" ? request.authorization : request.headers[name] !== undefined;
      if (!present) {
        if (param.required) fail(`header:${param.name}`, "required", `required header ${param.name} was not sent`);
        continue;
      }
      if (name === "authorization") continue; // its value is never recorded
      const validate = this.specs.schema(op.spec, param.pointer);
      if (!validate(request.headers[name])) schemaErrors(`header:${param.name}`, validate.errors ?? []);
    }

    const declared = op.parameters.filter((p) => p.in === "query");
    for (const name of Object.keys(request.query)) {
      if (!declared.some((p) => p.name === name))
        fail(`query:${name}`, "undeclared", `query parameter ${name} is not declared`);
    }
    for (const param of declared) {
      const values = request.query[param.name];
      if (!values) {
        if (param.required)
          fail(`query:${param.name}`, "required", `required query parameter ${param.name} was not sent`);
        continue;
      }
      const check = `query:${param.name}`;
      // An array parameter takes every occurrence as items (form style, exploded or comma-separated).
      const isArray = param.schema?.type === "array";
      if (!isArray && values.length > 1) {
        fail(
          check,
          "repeated",
          `sent ${values.length} times, declared as one ${param.schema?.type ?? "value"}`,
          "",
          values,
        );
        continue;
      }
      const value = isArray
        ? values.flatMap((v) => (param.explode === false ? v.split(",") : [v]))
        : coerce(values[0]!, param.schema?.type);
      const validate = this.specs.schema(op.spec, param.pointer);
      if (!validate(value)) schemaErrors(check, validate.errors ?? []);
    }

    const hasBody = request.body !== undefined || request.bodyLength !== undefined;
    if (!op.body) {
      if (hasBody) fail("body", "undeclared", "a body was sent, the operation declares none");
    } else if (!hasBody) {
      if (op.body.required) fail("body", "required", "the operation requires a body, none was sent");
    } else {
      const media = (request.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
      if (!op.body.media.includes(media))
        fail("header:content-type", "media-type", `content-type '${media}' is not one of ${op.body.media.join(", ")}`);
      if (request.body === undefined) fail("body", "unparsable", `${request.bodyLength} characters that are not JSON`);
      else if (op.body.pointer) this.checkBody(op, operation, op.body.pointer, request.body, allowed, schemaErrors);
    }

    const remaining = failures.filter((failure) => {
      const entry = this.allowance(failure, false);
      if (entry) allowed.push(entry);
      return !entry;
    });
    return { op, failures: remaining, allowed };
  }

  /** The JSON body against its schema; a JSON Patch array typed as one op goes element by element if allowed. */
  private checkBody(
    op: Operation,
    operation: string,
    pointer: string,
    body: unknown,
    allowed: Allowance[],
    schemaErrors: (check: string, errors: ErrorObject[], prefix?: string) => void,
  ): void {
    const validate = this.specs.schema(op.spec, pointer);
    const valid: boolean = validate(body); // not `if (validate(body))`: the type guard would narrow body to never
    if (valid) return;
    const errors = validate.errors ?? [];
    const root = errors.find((e) => e.instancePath === "" && e.keyword === "type");
    const perElement = root ? this.allowance(failureOf(op, operation, root), true) : undefined;
    if (!perElement || !Array.isArray(body)) return schemaErrors("body", errors);
    allowed.push(perElement);
    body.forEach((element, i) => {
      if (!validate(element)) schemaErrors("body", validate.errors ?? [], `/${i}`);
    });
  }

  private allowance(failure: Failure, elementwise: boolean): Allowance | undefined {
    return this.allowances.find(
      (a) =>
        Boolean(a.elementwise) === elementwise &&
        a.spec === failure.spec &&
        a.operations.includes(failure.operation) &&
        a.check === failure.check &&
        a.keyword === failure.keyword &&
        (!a.instancePath || a.instancePath.test(failure.instancePath)) &&
        (!a.when || a.when(failure)),
    );
  }
}

function failureOf(op: Operation, operation: string, e: ErrorObject): Failure {
  return {
    spec: op.spec,
    operation,
    check: "body",
    keyword: e.keyword,
    instancePath: e.instancePath,
    message: e.message ?? "",
    data: e.data,
  };
}

function coerce(value: string, type: string | undefined): unknown {
  if (type === "integer" || type === "number") return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (type === "boolean") return value === "true" ? true : value === "false" ? false : value;
  return value;
}
