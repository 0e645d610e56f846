// Event payloads as GitHub writes them to GITHUB_EVENT_PATH, trimmed to realistic essentials.
const REPO = {
  full_name: "acme/aep-config",
  name: "aep-config",
  owner: { login: "acme" },
  default_branch: "main",
  private: true,
};

export const sha = (digit: string) => digit.repeat(40);

export function pullRequestEvent(number: number, headSha: string, opts: { action?: string; fork?: string } = {}) {
  const headRepo = opts.fork
    ? { ...REPO, full_name: opts.fork, owner: { login: opts.fork.split("/")[0] }, fork: true }
    : REPO;
  return {
    action: opts.action ?? "opened",
    number,
    pull_request: {
      number,
      state: "open",
      title: `Change #${number}`,
      html_url: `https://github.com/acme/aep-config/pull/${number}`,
      user: { login: "alice" },
      head: { ref: `feature-${number}`, sha: headSha, repo: headRepo },
      base: { ref: "main", sha: sha("0"), repo: REPO },
      merged: false,
    },
    repository: REPO,
    sender: { login: "alice" },
  };
}

export function pushEvent(after: string, opts: { ref?: string } = {}) {
  return {
    ref: opts.ref ?? "refs/heads/main",
    before: sha("0"),
    after,
    created: false,
    deleted: false,
    forced: false,
    head_commit: { id: after, message: "Merge pull request", author: { name: "Alice" } },
    pusher: { name: "alice" },
    repository: REPO,
    sender: { login: "alice" },
  };
}

export const scheduleEvent = () => ({ schedule: "17 6 * * *", repository: REPO });
export const workflowDispatchEvent = (inputs: Record<string, string> = {}) => ({
  inputs,
  ref: "refs/heads/main",
  repository: REPO,
  sender: { login: "alice" },
});
