// Saved plans at the application layer: `plan --out FILE` writes one, `apply FILE` reads it back and
// applies exactly it. Files are written whole or not at all (a temporary file renamed into place).
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { savePlan, savedPlanProblem, SAVED_PLAN_FORMAT, type SavedPlan } from "../domain/saved-plan.js";
import { AppError } from "../errors.js";
import { applySavedPlan, type SavedApplyOptions } from "../reconcile/apply-saved.js";
import type { ItemResult } from "../reconcile/executor.js";
import type { PlanRun } from "../reconcile/reconcile.js";
import { envReferences } from "../reconcile/substitute.js";
import { movedText } from "../report/moved.js";
import { VERSION } from "../version.js";
import type { Adobe } from "./adobe.js";
import { lockOptions } from "./run-options.js";
import { lockDegradedWarning } from "./runs.js";

export function writeSavedPlan(file: string, run: PlanRun, adobe: Adobe): SavedPlan {
  if (run.plan.sandboxes.some((s) => s.refusals.length > 0))
    throw new AppError("refused", "The plan is refused (see above), so it was not saved.", {
      hint: "Resolve the refusals, then plan --out again.",
    });
  const saved = savePlan(run.plan, run.lives, where(adobe));
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(saved, null, 2)}\n`);
  renameSync(temporary, file);
  return saved;
}

/** The saved plan named on the command line, or undefined when the argument is YAML (a folder or file). */
export function readSavedPlan(file: string): SavedPlan | undefined {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  if (!text.trimStart().startsWith("{")) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const format = (parsed as { format?: unknown } | null)?.format;
  if (typeof format !== "string" || !format.startsWith("aep-gitops.saved-plan/")) return undefined;
  if (format !== SAVED_PLAN_FORMAT)
    throw new AppError(
      "usage",
      `${path.basename(file)} is a saved plan of another format (${format}); nothing was changed.`,
    );
  return parsed as SavedPlan;
}

export async function applySaved(
  saved: SavedPlan,
  file: string,
  adobe: Adobe,
  hooks: Pick<SavedApplyOptions, "onItem" | "onItemStart" | "stop"> & { onLockDegraded?: (warning: string) => void },
): Promise<{ sandbox: string; items: ItemResult[] }[]> {
  const problem = savedPlanProblem(saved, where(adobe));
  if (problem)
    throw new AppError("refused", `${path.basename(file)} cannot be applied: ${problem}. Nothing was changed.`, {
      hint: "Run plan again (aep-gitops plan --out FILE) and apply the new file.",
    });
  const missing = [
    ...new Set(
      saved.sandboxes.flatMap((s) => s.changes.flatMap((c) => c.calls.flatMap((call) => envReferences(call.body)))),
    ),
  ].filter((name) => !adobe.env[name]);
  if (missing.length > 0)
    throw new AppError(
      "config",
      `The saved plan sends credentials from variables that are not set: ${missing.join(", ")}. Nothing was changed.`,
      {
        hint: "Set them in this run's environment (in GitHub: secrets passed to the step) and apply the file again.",
      },
    );
  const ports = new Map(saved.sandboxes.map((s) => [s.sandbox, adobe.port(s.sandbox)]));
  return applySavedPlan(saved, ports, {
    env: adobe.env,
    lock: lockOptions(adobe.env, {
      onDegraded: (reason) => hooks.onLockDegraded?.(lockDegradedWarning(reason)),
      stop: hooks.stop,
    }),
    ...(hooks.stop ? { stop: hooks.stop } : {}),
    ...(hooks.onItem ? { onItem: hooks.onItem } : {}),
    ...(hooks.onItemStart ? { onItemStart: hooks.onItemStart } : {}),
    refuse: (moved) =>
      new AppError(
        "refused",
        `The saved plan is out of date; nothing was changed:\n${moved.map((m) => `  - ${movedText(m)}`).join("\n")}`,
        {
          hint: "Run plan again (aep-gitops plan --out FILE), review the new plan, and apply that file.",
        },
      ),
  });
}

function where(adobe: Adobe) {
  return { toolVersion: VERSION, orgId: adobe.settings.orgId, platformUrl: adobe.target };
}
