// What every job (plan, apply, drift) receives from the composition root: parsed inputs and runner
// facts, the event, the log, the environment and the job's I/O for the shared application layer, the
// GitHub port (absent without a token: the job then reports through the log and summary only), and
// the conversation: the one way a job finds, reads and posts the Action's comments and issues.
import type { Io } from "../app/io.js";
import type { Conversation } from "../github/conversation.js";
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
  /** Always there; without a token (`connected` false) it finds nothing and posts nothing. */
  conversation: Conversation;
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
