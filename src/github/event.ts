// The triggering event, from the JSON payload the runner writes at GITHUB_EVENT_PATH, reduced to what
// the Action decides on: which pull request, which commit, whether it comes from a fork.
import { readFileSync } from "node:fs";
import { AppError } from "../errors.js";

export type ActionEvent =
  | {
      kind: "pull_request";
      number: number;
      headSha: string;
      /** The head branch's name: the drift job's pull requests come from aep-gitops/drift/<sandbox>. */
      headRef?: string;
      /** Who opened it. */
      author?: string;
      /** The commit of the base branch the PR targets: its data policies judge the PR's plan. */
      baseSha?: string;
      htmlUrl?: string;
      /** A fork's PR: GitHub gives its workflows no secrets and a read-only token. */
      fromFork: boolean;
    }
  | { kind: "push"; sha: string; ref: string; defaultBranch?: string }
  | { kind: "other"; name: string };

interface Payload {
  pull_request?: {
    number?: number;
    html_url?: string;
    head?: { sha?: string; ref?: string; repo?: { full_name?: string } | null };
    user?: { login?: string } | null;
    base?: { sha?: string; repo?: { full_name?: string } | null };
  };
  after?: string;
  ref?: string;
  repository?: { default_branch?: string };
}

export function readEvent(
  eventName: string | undefined,
  eventPath: string | undefined,
  fallbackSha?: string,
): ActionEvent {
  const name = eventName ?? "";
  const payload = readPayload(eventPath);
  if (name === "pull_request" || name === "pull_request_target") {
    const pr = payload.pull_request;
    if (!pr?.number || !pr.head?.sha)
      throw new AppError("usage", `The ${name} event payload at ${eventPath} has no pull_request.number / head.sha.`);
    // A deleted fork has head.repo null: treat it as a fork, the safe side.
    const head = pr.head.repo?.full_name;
    const base = pr.base?.repo?.full_name;
    return {
      kind: "pull_request",
      number: pr.number,
      headSha: pr.head.sha,
      fromFork: !head || head !== base,
      ...(pr.head.ref ? { headRef: pr.head.ref } : {}),
      ...(pr.user?.login ? { author: pr.user.login } : {}),
      ...(pr.base?.sha ? { baseSha: pr.base.sha } : {}),
      ...(pr.html_url ? { htmlUrl: pr.html_url } : {}),
    };
  }
  if (name === "push") {
    const sha = payload.after ?? fallbackSha;
    if (!sha || !payload.ref) throw new AppError("usage", `The push event payload at ${eventPath} has no after / ref.`);
    return {
      kind: "push",
      sha,
      ref: payload.ref,
      ...(payload.repository?.default_branch ? { defaultBranch: payload.repository.default_branch } : {}),
    };
  }
  return { kind: "other", name: name || "unknown" };
}

function readPayload(eventPath: string | undefined): Payload {
  if (!eventPath) return {};
  try {
    return JSON.parse(readFileSync(eventPath, "utf8")) as Payload;
  } catch (error) {
    throw new AppError("usage", `Could not read the event payload at ${eventPath}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
