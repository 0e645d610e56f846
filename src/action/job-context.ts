// What every job (plan, apply, drift) receives from the composition root: parsed inputs and runner
// facts, the event, the log, the environment and the run's I/O for the shared application layer, and
// the GitHub port (absent without a token: the job then reports through the log and summary only).
import type { Io } from "../app/io.js";
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
  io: Io;
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
