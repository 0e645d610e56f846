// Which marketing actions a destination's data is used for, and which destinations of a plan Adobe's
// data-usage policies must judge. Adobe's objects do not say what a destination does with the data (neither
// the Flow Service nor the destinations spec stores a marketing action), so the YAML declares it, or the
// tool config per destination type or for all. Pure: the reconciler reads Adobe, this decides what to ask.
import type { DesiredDestination, DesiredSandbox, MarketingActionRef } from "../state/desired.js";
import type { SandboxPlan } from "../plan/plan.js";

/** The tool config's `marketingActions`: `all`, or per destination type (which replaces `all`). */
export type MarketingActionDefaults = Partial<Record<string, MarketingActionRef[]>>;

/** The destination's own list (`[]` included: none, on purpose), else its type's default, else `all`'s. */
export function actionsFor(
  destination: DesiredDestination,
  defaults: MarketingActionDefaults | undefined,
): MarketingActionRef[] | undefined {
  return destination.marketingActions ?? defaults?.[destination.type] ?? defaults?.all;
}

/**
 * The destinations this plan makes data start leaving through: new audiences or attributes, or a flow
 * enabled again. Adobe's UI judges an activation at its Review step; a plan that only removes, renames or
 * moves nothing new out asks Adobe nothing.
 */
export function destinationsToJudge(plan: SandboxPlan, desired: DesiredSandbox): DesiredDestination[] {
  const starting = new Set(
    plan.egress
      .filter(
        (e) =>
          e.audiencesAdded.length + e.attributesAdded.length > 0 ||
          (e.status === "started" && e.state?.after === "enabled"),
      )
      .map((e) => e.destination),
  );
  return desired.destinations.filter(
    (d) => starting.has(d.name) && d.audiences.length + d.profileAttributes.length > 0,
  );
}

/** Adobe's Policy Service names labels without the `core/` prefix audiences carry (`core/C5` → `C5`). */
export function policyLabel(label: string): string {
  return label.replace(/^(core|custom)\//, "");
}

/** An XDM dotted path as the JSON Pointer into the dataset's schema evaluation.md asks for in `fields`. */
export function fieldPointer(path: string): string {
  return path
    .split(".")
    .map((segment) => `/properties/${segment.replace(/~/g, "~0").replace(/\//g, "~1")}`)
    .join("");
}

/** The note for destinations that start exporting without a marketing action to judge them by. */
export function undeclaredNote(sandbox: string, names: string[]): string {
  const list = names.map((n) => `'${n}'`).join(", ");
  return `Adobe's data-usage policies were not evaluated for ${list} in sandbox '${sandbox}': no marketing action is declared. Declare marketingActions (e.g. [core/emailTargeting]) in the destination's YAML or the tool config, or marketingActions: [] to say none applies.`;
}
