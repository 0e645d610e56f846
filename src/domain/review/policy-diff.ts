// How two sets of data policies differ, policy by policy (by id), guardrail by guardrail, and in the
// variables credentials may name: what a
// pull request that edits the tool config proposes, next to what judges it (the base branch's). Each
// policy is compared as its rules, not as it is written: a string and a one-item list are the same
// rule, and moving a policy to another line changes nothing.
import { GUARDRAIL_IDS, type Policy, type PolicySet } from "../checks/policies.js";

export interface PolicyDiffLine {
  sign: "-" | "+";
  /** `<id>: <the policy's rules as JSON>`, or `<guardrail id>: <severity>`. */
  text: string;
}

/** Empty when the two say the same; otherwise what `before` has that `after` has not (-), and back (+). */
export function diffPolicies(before: PolicySet, after: PolicySet): PolicyDiffLine[] {
  const lines: PolicyDiffLine[] = [];
  const rules = (policy: Policy) => {
    const { id: _id, source: _source, ...rest } = policy;
    return JSON.stringify(rest);
  };
  const old = new Map(before.policies.map((p) => [p.id, rules(p)]));
  const next = new Map(after.policies.map((p) => [p.id, rules(p)]));
  const compare = (id: string, a: string | undefined, b: string | undefined) => {
    if (a === b) return;
    if (a !== undefined) lines.push({ sign: "-", text: `${id}: ${a}` });
    if (b !== undefined) lines.push({ sign: "+", text: `${id}: ${b}` });
  };
  for (const id of new Set([...old.keys(), ...next.keys()])) compare(id, old.get(id), next.get(id));
  for (const id of GUARDRAIL_IDS) compare(id, before.guardrails[id], after.guardrails[id]);
  const prefixes = (set: PolicySet) => (set.variablePrefixes ? JSON.stringify(set.variablePrefixes) : undefined);
  compare("credentials.variablePrefixes", prefixes(before), prefixes(after));
  return lines;
}
