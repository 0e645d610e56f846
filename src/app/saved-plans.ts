// Saved plans at the application layer: `plan --out FILE` writes one, `apply FILE` reads it back and
// applies exactly it, `show FILE` shows it. Files are written whole or not at all (a temporary file
// renamed into place), and read up to a bound, as every file is.
import { renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { formatBytes, readBounded } from "../config/repository.js";
import {
  alteredSavedPlan,
  MAX_SAVED_PLAN_BYTES,
  savePlan,
  savedPlanProblem,
  SAVED_PLAN_FORMAT,
  type SavedPlan,
} from "../domain/review/saved-plan.js";
import { AppError } from "../errors.js";
import { applySavedPlan, type SavedApplyOptions } from "../reconcile/apply-saved.js";
import type { ItemResult } from "../domain/apply/results.js";
import type { PlanResult } from "../reconcile/reconcile.js";
import { envReferences } from "../reconcile/credentials.js";
import { movedText } from "../report/plan/moved.js";
import { VERSION } from "../version.js";
import type { Adobe } from "./adobe.js";
import { lockOptions } from "./use-cases.js";
import { lockDegradedWarning } from "./use-cases.js";

export function writeSavedPlan(file: string, planned: PlanResult, adobe: Adobe): SavedPlan {
  if (planned.plan.sandboxes.some((s) => s.refusals.length > 0))
    throw new AppError("refused", "The plan is refused (see above), so it was not saved.", {
      hint: "Resolve the refusals, then plan --out again.",
    });
  const saved = savePlan(planned.plan, planned.lives, where(adobe));
  const text = `${JSON.stringify(saved, null, 2)}\n`;
  // Never a file that show and apply would refuse to read.
  const size = Buffer.byteLength(text);
  if (size > MAX_SAVED_PLAN_BYTES)
    throw new AppError(
      "refused",
      `The plan is ${formatBytes(size)}, more than a saved plan can be (${formatBytes(MAX_SAVED_PLAN_BYTES)}), so it was not saved.`,
      { hint: "Plan one sandbox at a time (--sandbox NAME --out FILE) and apply each file." },
    );
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
  return saved;
}

/** The saved plan named on the command line, or undefined when the argument is YAML (a folder or file). */
export function readSavedPlan(file: string): SavedPlan | undefined {
  const read = examine(file);
  if ("otherFormat" in read)
    throw new AppError(
      "usage",
      `${path.basename(file)} is a saved plan of another format (${read.otherFormat}); nothing was changed.`,
    );
  return "saved" in read ? read.saved : undefined;
}

/** `show FILE`: the plan as it was saved, or an error that says why the file is none. */
export function loadSavedPlan(file: string, shown: string): SavedPlan {
  const read = examine(file);
  if ("saved" in read) {
    const altered = alteredSavedPlan(read.saved);
    if (altered)
      throw new AppError("refused", `${shown} cannot be shown: ${altered}.`, {
        hint: "Run plan again (aep-gitops plan --out FILE) and show the new file; apply would refuse this one too.",
      });
    return read.saved;
  }
  if ("otherFormat" in read)
    throw new AppError("usage", `${shown} is a saved plan of another format (${read.otherFormat}).`, {
      hint: "Show it with the aep-gitops that made it, or make a new plan with this one (plan --out FILE).",
    });
  throw new AppError("usage", `${shown} ${read.not}.`, {
    hint: "A saved plan is the file 'aep-gitops plan --out FILE' writes.",
  });
}

type Examined = { saved: SavedPlan } | { otherFormat: string } | { not: string };

function examine(file: string): Examined {
  const read = readBounded(file, MAX_SAVED_PLAN_BYTES);
  if ("error" in read) {
    if (read.error === "EISDIR") return { not: "is a folder, not a saved plan" };
    return { not: `cannot be read: ${read.error === "ENOENT" ? "it does not exist" : read.error}` };
  }
  // Its size is not said: a device or a pipe has none, and the read stopped at the bound.
  if ("tooLarge" in read) return { not: `is over ${formatBytes(MAX_SAVED_PLAN_BYTES)}: too big to be a saved plan` };
  const text = Buffer.from(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength).toString("utf8");
  const notAPlan = { not: "is not a saved plan" };
  if (!text.trimStart().startsWith("{")) return notAPlan;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return notAPlan;
  }
  const format = (parsed as { format?: unknown } | null)?.format;
  if (typeof format !== "string" || !format.startsWith("aep-gitops.saved-plan/")) return notAPlan;
  if (format !== SAVED_PLAN_FORMAT) return { otherFormat: format };
  return { saved: parsed as SavedPlan };
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
    stop: hooks.stop,
    onItem: hooks.onItem,
    onItemStart: hooks.onItemStart,
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
  return { toolVersion: VERSION, orgId: adobe.settings.orgId, platformUrl: adobe.endpoint };
}
