// Policy-as-code on egress: what a company allows to leave, where. Policies are written in the tool
// config and evaluated here, purely, in two stages: what the YAML alone shows (attributes, audiences as
// written, what a destination must declare) when the configuration is loaded, so `validate` and an
// editor see it; and what needs the sandbox (the data-usage labels and origins of the audiences, and
// Adobe's id and name for each, however the YAML names it) when the plan has resolved them. A
// violation is a problem at the YAML line that causes it, with the policy's id; an error stops the
// plan, so apply refuses it before its first write.
import path from "node:path";
import type { DesiredAudience, DesiredDestination, DesiredSandbox, SourceLocation } from "../state/desired.js";
import { globMatcher } from "../match/glob.js";
import type { Problem } from "./problem.js";

export const GUARDRAIL_IDS = ["guardrail-audiences", "guardrail-attributes", "guardrail-destinations"] as const;

export type GuardrailSeverity = Partial<Record<(typeof GUARDRAIL_IDS)[number], "error" | "warning" | "off">>;

/** What a tool config's `policies` say: the data policies, and the severities of Adobe's guardrails. */
export interface PolicySet {
  policies: Policy[];
  guardrails: GuardrailSeverity;
  /**
   * `credentials.variablePrefixes`: which variables a credential may name. A rule of the same kind as a
   * policy, so in the Action the base branch's judges a pull request too.
   */
  variablePrefixes?: string[];
}

export interface DestinationMatch {
  type?: string[];
  name?: string[];
  sandbox?: string[];
}

export interface Policy {
  id: string;
  message?: string;
  severity: "error" | "warning";
  deny?: {
    attributes?: string[];
    audiences?: string[];
    audienceLabels?: string[];
    audienceOrigins?: string[];
    destinations?: DestinationMatch;
  };
  require?: {
    description?: boolean;
    maxAttributes?: number;
    maxAudiences?: number;
    destinations?: DestinationMatch;
  };
  /** Where the policy is written (the tool config), for the hint. */
  source?: SourceLocation;
}

export type PolicyStage = "offline" | "live";

export function policyProblems(desired: DesiredSandbox, policies: readonly Policy[], stage: PolicyStage): Problem[] {
  const problems: Problem[] = [];
  for (const policy of policies) {
    const scope = policy.deny?.destinations ?? policy.require?.destinations;
    for (const destination of desired.destinations.filter((d) => matches(d, desired.sandbox, scope))) {
      const report = (at: SourceLocation, what: string, fix: string) =>
        problems.push(violation(policy, at, `${what} in destination '${destination.name}'`, fix));
      if (stage === "offline") {
        offline(policy, destination, report);
      } else {
        live(policy, destination, report);
      }
    }
  }
  return problems;
}

type Report = (at: SourceLocation, what: string, fix: string) => void;

function offline(policy: Policy, destination: DesiredDestination, report: Report): void {
  const { deny, require } = policy;
  if (deny?.attributes) {
    const denied = globMatcher(deny.attributes);
    for (const attribute of destination.profileAttributes.filter((a) => denied(a.path)))
      report(attribute.source, `the attribute '${attribute.path}'`, "Remove it from profileAttributes");
  }
  if (deny?.audiences) {
    const denied = globMatcher(deny.audiences, { ignoreCase: true });
    for (const audience of destination.audiences.filter((a) => [a.id, a.name].some((v) => v && denied(v))))
      report(audience.source, `the audience ${describe(audience)}`, "Remove it from audiences");
  }
  if (require?.description && !destination.description?.trim())
    report(destination.source, "no description", "Add a description saying what the export is for");
  const over = (items: { source: SourceLocation }[], max: number | undefined, what: string) => {
    if (max !== undefined && items.length > max)
      report(items[max]!.source, `${items.length} ${what} (at most ${max})`, `Export at most ${max} ${what}`);
  };
  over(destination.profileAttributes, require?.maxAttributes, "profile attributes");
  over(destination.audiences, require?.maxAudiences, "audiences");
}

function live(policy: Policy, destination: DesiredDestination, report: Report): void {
  const { deny } = policy;
  if (deny?.audiences) {
    // However the YAML names the audience, Adobe's id and name for it: a deny by name is not escaped by
    // writing the id, nor a deny by id by writing the name. What the YAML writes was checked offline.
    const denied = globMatcher(deny.audiences, { ignoreCase: true });
    const any = (values: (string | undefined)[]) => values.some((v) => v !== undefined && denied(v));
    for (const audience of destination.audiences) {
      const written = [audience.name, audience.idFromName ? undefined : audience.id];
      if (!any(written) && any([audience.id, audience.adobeName]))
        report(audience.source, `the audience ${describe(audience, true)}`, "Remove it from audiences");
    }
  }
  if (deny?.audienceLabels) {
    const denied = globMatcher(deny.audienceLabels);
    for (const audience of destination.audiences) {
      const labels = (audience.labels ?? []).filter(denied);
      if (labels.length > 0)
        report(
          audience.source,
          `the audience ${describe(audience)}, labelled ${labels.join(", ")},`,
          "Remove it from audiences",
        );
    }
  }
  if (deny?.audienceOrigins) {
    const denied = globMatcher(deny.audienceOrigins, { ignoreCase: true });
    for (const audience of destination.audiences.filter((a) => a.origin && denied(a.origin)))
      report(
        audience.source,
        `the audience ${describe(audience)} (origin ${audience.origin})`,
        "Remove it from audiences",
      );
  }
}

function matches(destination: DesiredDestination, sandbox: string, scope: DestinationMatch | undefined): boolean {
  if (!scope) return true;
  const one = (patterns: string[] | undefined, value: string, ignoreCase = false) =>
    patterns === undefined || globMatcher(patterns, { ignoreCase })(value);
  return (
    one(scope.type, destination.type) && one(scope.name, destination.name, true) && one(scope.sandbox, sandbox, true)
  );
}

/** As the YAML writes it; with Adobe's name where the YAML's label differs (or where a match was by it). */
function describe(audience: DesiredAudience, withAdobeName = false): string {
  const { name, id, adobeName } = audience;
  const differs = adobeName !== undefined && adobeName !== name && (withAdobeName || name !== undefined);
  const details = [...(name && id ? [id] : []), ...(differs ? [`named '${adobeName}' in Adobe`] : [])];
  return `'${name ?? id}'${details.length > 0 ? ` (${details.join(", ")})` : ""}`;
}

function violation(policy: Policy, at: SourceLocation, what: string, fix: string): Problem {
  const where = policy.source ? ` (${path.basename(policy.source.file)}:${policy.source.line})` : "";
  return {
    file: at.file,
    line: at.line,
    column: at.column,
    rule: "policy",
    policy: policy.id,
    severity: policy.severity,
    message: `policy '${policy.id}'${policy.message ? `: ${policy.message}` : ""}: ${what} violates it`,
    hint: `${fix}, or change the policy${where}.`,
  };
}
