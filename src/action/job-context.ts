// What every job (plan, apply, drift) receives from the composition root: parsed inputs and runner
// facts, the event, the log, the environment and a CLI context for the shared core, and the GitHub
// port (absent without a token: the job then reports through the log and summary only).
import type { CliContext } from "../cli/context.js";
import type { ActionEvent } from "../github/event.js";
import type { GitHubPort } from "../github/port.js";
import type { ActionLog } from "./action-log.js";
import type { ActionInputs } from "./inputs.js";
import type { RunnerEnv } from "./runner-env.js";

export interface JobContext {
  inputs: ActionInputs;
  runner: RunnerEnv;
  event: ActionEvent;
  env: Record<string, string | undefined>;
  cli: CliContext;
  log: ActionLog;
  github: GitHubPort | undefined;
}

export interface JobResult {
  exitCode: number;
  outputs: Record<string, string>;
}

export interface Job {
  run(): Promise<JobResult>;
  /** Leaves a clear status where people look (the PR, an incident issue) when run() failed. */
  reportFailure?(error: Error): Promise<void>;
}
