// The Action's composition root and its one error boundary. Secrets are masked before anything else
// is read or printed; then inputs, runner facts and the event are parsed, the GitHub port is built,
// and the chosen job runs. Whatever fails, the check ends with a clear status: an annotation, the job
// summary, and the job's own report where people look (the PR comment, the incident issue).
import { withIo, type Io } from "../app/io.js";
import { createOutput } from "../app/output.js";
import { describeError, ExitCode } from "../errors.js";
import { createConversation } from "../github/conversation.js";
import { readEvent } from "../github/event.js";
import { tokenIdentity } from "../github/identity.js";
import { createOctokitGitHub } from "../github/octokit-github.js";
import { redactingGitHub } from "../github/redacting-github.js";
import { appendSummary, writeOutputs } from "../github/runner-files.js";
import { fence, md } from "../report/escape/markdown.js";
import { createActionLog, type ActionLog } from "./action-log.js";
import { applyJob } from "./apply-job.js";
import { driftJob } from "./drift-job.js";
import { readInputs, type ActionCommand } from "./inputs.js";
import type { Job, JobContext } from "./job-context.js";
import { DRIFT_LABEL, INCIDENT_LABEL } from "./labels.js";
import { planJob } from "./plan-job.js";
import { readRunnerEnv, type RunnerEnv } from "./runner-env.js";

export type ActionIo = Io;

const JOBS: Record<ActionCommand, (ctx: JobContext) => Job> = { plan: planJob, apply: applyJob, drift: driftJob };

export async function runAction(process: ActionIo): Promise<number> {
  const env = process.env;
  const io: Io = { ...process, cwd: env.GITHUB_WORKSPACE || process.cwd };
  const log = createActionLog(createOutput(io), (line) => void io.stdout.write(line));
  log.mask([env.AEP_CLIENT_SECRET, env.AEP_GITOPS_FINGERPRINT_KEY, env["INPUT_GITHUB-TOKEN"], env.GITHUB_TOKEN]);

  let command = "run";
  let runner: RunnerEnv | undefined;
  let job: Job | undefined;
  try {
    const inputs = readInputs(env);
    command = inputs.command;
    runner = readRunnerEnv(env, io.cwd);
    const event = readEvent(runner.eventName, runner.eventPath, runner.sha);
    const github = inputs.githubToken
      ? redactingGitHub(
          createOctokitGitHub({
            token: inputs.githubToken,
            repo: runner.repo,
            baseUrl: runner.apiUrl,
            log: { warn: (m) => log.info(`warning: ${m}`), info: (m) => log.info(m) },
          }),
          log.redact,
        )
      : undefined;
    if (!github)
      log.annotate({
        level: "warning",
        message: "No github-token input: results go to the job summary only (no PR comment, no issues).",
      });
    const conversation = createConversation(github, {
      sandbox: inputs.sandbox,
      identity: tokenIdentity(github, inputs.commentAuthor),
      labels: { incident: INCIDENT_LABEL, drift: DRIFT_LABEL },
      log: {
        info: (m) => log.info(m),
        warn: (m) => log.annotate({ level: "warning", title: "aep-gitops: comment author", message: m }),
      },
    });
    const jobIo = withIo(io, { cwd: runner.workspace });
    job = JOBS[inputs.command]({ inputs, runner, event, env, io: jobIo, log, github, conversation });
    const result = await job.run();
    writeOutputs(runner.outputFile, result.outputs);
    return result.exitCode;
  } catch (error) {
    return fail(error as Error, {
      command,
      summaryFile: runner?.summaryFile ?? (env.GITHUB_STEP_SUMMARY || undefined),
      job,
      log,
    });
  }
}

async function fail(
  error: Error,
  at: { command: string; summaryFile: string | undefined; job: Job | undefined; log: ActionLog },
): Promise<number> {
  const { log } = at;
  const described = describeError(error);
  const title = `aep-gitops ${at.command} failed`;
  log.annotate({
    level: "error",
    title,
    message:
      described.kind === "bug"
        ? `${described.title}: ${described.message}`
        : `${described.message}${described.hint ? `\nhint: ${described.hint}` : ""}`,
  });
  if (described.stack) log.info(described.stack);
  const summary = [`### ❌ ${md(title)}`, "", fence("text", described.message), ""];
  if (described.hint) summary.push(`**Hint:** ${md(described.hint)}`, "");
  appendSummary(at.summaryFile, log.redact(summary.join("\n")));
  try {
    await at.job?.reportFailure?.(error);
  } catch (reportError) {
    // GitHub itself may be what failed: the annotation and the summary above still stand.
    log.annotate({
      level: "warning",
      message: `Could not report the failure on GitHub: ${(reportError as Error).message}`,
    });
  }
  return ExitCode.error;
}
