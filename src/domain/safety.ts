// Safety rails, evaluated on a finished plan. Each one refuses with a message that says exactly what
// tripped it and how to override it (octoDNS-style), and none of them can be skipped by accident.
import type { PlanContext } from "./plan-context.js";

export function checkSafety(ctx: PlanContext): void {
  const managed = ctx.managedCount;
  const { desired, options } = ctx;

  // A YAML folder that failed to load, or a wrong path, must never read as "delete everything".
  if (desired.destinations.length === 0 && desired.accounts.length === 0 && managed > 0 && !options.allowEmpty) {
    ctx.refusals.push({
      rule: "empty-desired",
      message: `Sandbox '${desired.sandbox}' has no destinations or accounts in YAML (${desired.paths.join(", ") || "no paths"}), but aep-gitops manages ${managed} live objects there.`,
      hint: "Check the folder for the sandbox. If emptying the sandbox is intended, re-run with --allow-empty (or set allowEmpty: true).",
    });
  }

  const touched = ctx.changes.filter((c) => (c.action === "update" || c.action === "delete") && !c.ref.includes("#dup")).length;
  if (managed >= options.minResourcesForThreshold && !options.force) {
    const percent = (touched / managed) * 100;
    if (percent > options.maxChangePercent) {
      ctx.refusals.push({
        rule: "max-change",
        message: `Too many changes: ${percent.toFixed(2)}% of the managed objects in sandbox '${desired.sandbox}' would be updated or deleted (${touched}/${managed}), over maxChangePercent ${options.maxChangePercent.toFixed(2)}%.`,
        hint: "Review the plan, then re-run with --force, or raise maxChangePercent in the tool config.",
      });
    }
  }
}
