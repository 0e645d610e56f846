// Safety rails, evaluated on a finished plan. Each one refuses with a message that says exactly what
// tripped it and how to override it (octoDNS-style), and none of them can be skipped by accident.
import type { PlanContext } from "../plan/context.js";

export function checkSafety(ctx: PlanContext): void {
  const managed = ctx.managedCount;
  const { desired, options } = ctx;

  // A YAML folder that failed to load, or a wrong path, must never read as "delete everything". A plan
  // narrowed by --destination counts what the YAML declared before the filter left it out.
  const outside = desired.filter?.outside;
  const declared =
    desired.destinations.length +
    desired.accounts.length +
    (outside?.destinations.length ?? 0) +
    (outside?.accounts.length ?? 0);
  if (declared === 0 && managed > 0 && !options.allowEmpty) {
    ctx.refusals.push({
      rule: "empty-desired",
      message: `Sandbox '${desired.sandbox}' has no destinations or accounts in YAML (${desired.paths.join(", ") || "no paths"}), but aep-gitops manages ${managed} live objects there.`,
      hint: "Check the folder for the sandbox. If emptying the sandbox is intended, re-run with --allow-empty (or set allowEmpty: true).",
    });
  }

  // The guard counts what people write, destinations and accounts, not the objects behind them (a
  // destination is a flow and a target connection). Removing a duplicate restores what was meant, and
  // finishing an interrupted create is not a change of mind: neither counts. A rename or an adoption is
  // only a new name and marker unless it also changes the object: then it is an update like any other.
  const touched = new Set(
    ctx.changes
      .filter(
        (c) =>
          c.action === "update" ||
          (c.action === "delete" && c.duplicate === undefined) ||
          ((c.action === "rename" || c.action === "adopt") && c.fields.some((f) => !NAMING.has(f.field))),
      )
      .filter((c) => !c.completes)
      .flatMap((c) => identity(c.resource, c.name)),
  ).size;
  const identities = ctx.managedIdentities;
  if (managed >= options.minResourcesForThreshold && !options.force) {
    const percent = identities === 0 ? 0 : (touched / identities) * 100;
    if (percent > options.maxChangePercent) {
      ctx.refusals.push({
        rule: "max-change",
        message: `Too many changes: ${percent.toFixed(2)}% of the destinations and accounts aep-gitops manages in sandbox '${desired.sandbox}' would be updated or deleted (${touched}/${identities}), over maxChangePercent ${options.maxChangePercent.toFixed(2)}%.`,
        hint: "Review the plan, then re-run with --force, or raise maxChangePercent in the tool config.",
      });
    }
  }
}

/** The fields a rename or an adoption writes by itself: the name and the ownership marker. */
const NAMING = new Set(["name", "description"]);

/** What a change is counted as: the destination or account it belongs to (the Profile objects: none). */
export function identity(resource: string, name: string): string[] {
  if (resource === "account") return [`account/${name}`];
  if (resource === "flow" || resource === "target-connection") return [`destination/${name}`];
  return [];
}

/** Adobe's soft limit of destinations per sandbox, counting the ones aep-gitops does not manage. */
export const MAX_DESTINATIONS_PER_SANDBOX = 100;

export function checkGuardrails(ctx: PlanContext): void {
  const creates = ctx.changes.filter((c) => c.resource === "flow" && c.action === "create").length;
  const deletes = ctx.changes.filter((c) => c.resource === "flow" && c.action === "delete").length;
  const total = ctx.live.flows.length + creates - deletes;
  if (total <= MAX_DESTINATIONS_PER_SANDBOX) return;
  const unmanaged = ctx.live.flows.filter((f) => !f.owner).length;
  const message = `Sandbox '${ctx.desired.sandbox}' would hold ${total} destinations (${unmanaged} not managed by aep-gitops), over Adobe's guardrail of ${MAX_DESTINATIONS_PER_SANDBOX} per sandbox.`;
  if (ctx.options.strict) {
    ctx.refusals.push({
      rule: "guardrail",
      message,
      hint: "Remove destinations, ask Adobe to raise the limit, or run without --strict to treat guardrails as warnings.",
    });
  } else {
    ctx.notes.push({ level: "warning", message });
  }
}
