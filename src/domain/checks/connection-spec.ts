// The YAML held against what the sandbox's connection specs accept, before anything is planned: each
// Account's credentials against the spec's authSpec (found by its documented name), each Destination's
// target against targetSpec.spec (required params, types, params the spec does not know). A mismatch is
// an error at the YAML line, saying what this sandbox accepts, so nothing is written that Adobe refuses.
import { Ajv, type ValidateFunction } from "ajv";
import { destinationType, type DestinationType } from "../destination-types/index.js";
import type { DesiredAccount, DesiredDestination, DesiredSandbox, SourceLocation } from "../state/desired.js";
import type { Problem } from "./problem.js";

export interface ConnectionSpec {
  id: string;
  name?: string;
  authSpec: { name: string; spec: Record<string, unknown> }[];
  targetSpec?: { spec: Record<string, unknown> };
}

// validateSchema off: checking Adobe's spec against the JSON Schema meta-schema first means compiling
// that meta-schema, ~25 ms of every plan for a judgement no one acts on (a spec ajv cannot compile
// throws either way).
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, validateSchema: false });
const compiled = new WeakMap<object, ValidateFunction>();

/** The spec's validator, compiled once per spec (a plan checks every destination against the same one). */
function validator(schema: Record<string, unknown>): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    // The spec is Adobe's: $schema and $id are its business, not ours to resolve. Params the spec does
    // not know are check()'s to report, each at its own line.
    const { $schema: _schema, $id: _id, ...rest } = schema;
    validate = ajv.compile({ ...rest, additionalProperties: true });
    compiled.set(schema, validate);
  }
  return validate;
}

/**
 * The credential fields this sandbox's spec marks secret (`format: password` in the authSpec of the
 * type's documented name): what Adobe masks on read. Undefined when the spec or that auth spec is missing.
 */
export function specSecretFields(spec: ConnectionSpec | undefined, type: DestinationType): Set<string> | undefined {
  const auth = spec?.authSpec.find((a) => a.name === destinationType(type).authSpecName);
  if (!auth) return undefined;
  const properties = (auth.spec.properties ?? {}) as Record<string, { format?: unknown } | undefined>;
  return new Set(Object.keys(properties).filter((field) => properties[field]?.format === "password"));
}

export function specProblems(desired: DesiredSandbox, specs: Map<DestinationType, ConnectionSpec>): Problem[] {
  return [
    ...desired.accounts.flatMap((account) => {
      const spec = specs.get(account.type);
      return spec ? accountProblems(account, spec) : [];
    }),
    ...desired.destinations.flatMap((destination) => {
      const spec = specs.get(destination.type);
      return spec?.targetSpec ? targetProblems(destination, spec, spec.targetSpec.spec) : [];
    }),
  ];
}

function accountProblems(account: DesiredAccount, spec: ConnectionSpec): Problem[] {
  const name = destinationType(account.type).authSpecName;
  const auth = spec.authSpec.find((a) => a.name === name);
  if (!auth)
    return [
      problem(
        account.source,
        `The ${label(account.type)} connection spec of this sandbox has no auth spec '${name}' (it has: ${spec.authSpec.map((a) => `'${a.name}'`).join(", ") || "none"}).`,
        "Adobe changed how this destination type authenticates; report it with --trace.",
      ),
    ];
  // A ${env:NAME} value is only known when it is sent: its type is text, its format is not checked here.
  const params = Object.fromEntries(
    Object.entries(account.credentials).map(([k, v]) => [k, "env" in v ? `\${env:${v.env}}` : v.literal]),
  );
  return check(auth.spec, params, (key) => account.credentialSources?.[key] ?? account.source, account.source, {
    what: `credential`,
    owner: `account '${account.name}'`,
    type: account.type,
    envFields: new Set(
      Object.entries(account.credentials)
        .filter(([, v]) => "env" in v)
        .map(([k]) => k),
    ),
  });
}

function targetProblems(
  destination: DesiredDestination,
  _spec: ConnectionSpec,
  schema: Record<string, unknown>,
): Problem[] {
  return check(
    schema,
    destination.target,
    (key) => destination.targetSources?.[key] ?? destination.source,
    destination.targetSource ?? destination.source,
    {
      what: "target param",
      owner: `destination '${destination.name}'`,
      type: destination.type,
      envFields: new Set(),
    },
  );
}

function check(
  schema: Record<string, unknown>,
  params: Record<string, unknown>,
  at: (key: string) => SourceLocation,
  holder: SourceLocation,
  context: { what: string; owner: string; type: DestinationType; envFields: Set<string> },
): Problem[] {
  const properties = (schema.properties ?? {}) as Record<string, { type?: string }>;
  const known = Object.keys(properties);
  const accepts = `this sandbox's ${label(context.type)} connection spec accepts: ${known.join(", ") || "none"}`;
  const problems: Problem[] = [];
  for (const key of Object.keys(params)) {
    if (!(key in properties))
      problems.push(
        problem(
          at(key),
          `'${key}' is not a ${context.what} of ${label(context.type)} in this sandbox (${context.owner}).`,
          `${accepts}.`,
        ),
      );
  }
  const validate = validator(schema);
  if (!validate(params)) {
    for (const error of validate.errors ?? []) {
      const key = error.instancePath.split("/")[1];
      if (error.keyword === "required") {
        const missing = String((error.params as { missingProperty: string }).missingProperty);
        problems.push(
          problem(
            holder,
            `${context.owner} lacks the ${context.what} '${missing}', which this sandbox requires.`,
            `${accepts}; required: ${((schema.required as string[]) ?? []).join(", ")}.`,
          ),
        );
      } else if (key !== undefined && !context.envFields.has(key)) {
        problems.push(
          problem(
            at(key),
            `'${key}' of ${context.owner} ${error.message ?? "is invalid"} (this sandbox's connection spec).`,
            `${accepts}.`,
          ),
        );
      }
    }
  }
  return problems;
}

function label(type: DestinationType): string {
  return destinationType(type).label;
}

function problem(at: SourceLocation, message: string, hint: string): Problem {
  return { file: at.file, line: at.line, column: at.column, rule: "connection-spec", severity: "error", message, hint };
}
