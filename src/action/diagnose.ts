// When a job fails before it has a plan because Adobe refused it (wrong secret, missing permission,
// unknown sandbox), the error alone rarely says what to fix. The job then runs `doctor` against each
// sandbox of the configuration and puts its verdicts in the job summary and the log, next to the error.
import { runDoctor } from "../app/doctor.js";
import type { Workspace } from "../app/workspace.js";
import { kindOf } from "../errors.js";
import { appendSummary } from "../github/runner-files.js";
import type { DoctorReport } from "../report/operate/doctor.js";
import { render } from "../report/formats/index.js";
import type { JobContext } from "./job-context.js";

/** Runs the planning step; if Adobe refuses it, diagnoses the sandboxes and rethrows the error. */
export async function diagnosingPlanning<T>(ctx: JobContext, ws: Workspace, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (kindOf(error) === "adobe") await diagnose(ctx, ws);
    throw error;
  }
}

async function diagnose(ctx: JobContext, ws: Workspace): Promise<void> {
  const sandboxes = [...new Set(ws.configuration.desired.map((d) => d.sandbox))];
  const reports: DoctorReport[] = [];
  try {
    for (const sandbox of sandboxes) reports.push(await runDoctor(ws.adobe, sandbox));
  } catch (error) {
    // The diagnosis is a courtesy: its own failure must not hide the error it was meant to explain.
    ctx.log.info(`doctor could not finish: ${(error as Error).message}`);
    return;
  }
  ctx.log.group("doctor", render("doctor", "text", reports));
  appendSummary(ctx.runner.summaryFile, render("doctor", "markdown", reports));
}
