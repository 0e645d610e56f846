// What the runner tells every step through the environment (GITHUB_*, RUNNER_*): the repository, the
// event, the API to call, the files for outputs and the summary, and the link to this workflow run.
import { AppError } from "../errors.js";
import type { RepoRef } from "../github/port.js";

export interface RunnerEnv {
  repo: RepoRef;
  eventName: string | undefined;
  eventPath: string | undefined;
  sha: string | undefined;
  apiUrl: string;
  /** Where the YAML is checked out; the working directory of every file path. */
  workspace: string;
  summaryFile: string | undefined;
  outputFile: string | undefined;
  /** A link to this workflow run, for comments and issues; undefined outside GitHub. */
  workflowRunUrl: string | undefined;
}

export function readRunnerEnv(env: Record<string, string | undefined>, cwd: string): RunnerEnv {
  const full = env.GITHUB_REPOSITORY ?? "";
  const [owner, repo] = full.split("/");
  if (!owner || !repo)
    throw new AppError(
      "usage",
      `GITHUB_REPOSITORY must be 'owner/repo', not '${full}': is this running in GitHub Actions?`,
    );
  const server = (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, "");
  return {
    repo: { owner, repo },
    eventName: env.GITHUB_EVENT_NAME,
    eventPath: env.GITHUB_EVENT_PATH,
    sha: env.GITHUB_SHA,
    apiUrl: env.GITHUB_API_URL || "https://api.github.com",
    workspace: env.GITHUB_WORKSPACE || cwd,
    summaryFile: env.GITHUB_STEP_SUMMARY || undefined,
    outputFile: env.GITHUB_OUTPUT || undefined,
    workflowRunUrl: env.GITHUB_RUN_ID
      ? `${server}/${full}/actions/runs/${env.GITHUB_RUN_ID}${env.GITHUB_RUN_ATTEMPT && env.GITHUB_RUN_ATTEMPT !== "1" ? `/attempts/${env.GITHUB_RUN_ATTEMPT}` : ""}`
      : undefined,
  };
}
