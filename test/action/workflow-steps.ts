// A workflow step's shell script run as GitHub's runner runs it (bash -e, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files), in a checkout shaped as actions/checkout leaves a pull request's: so an
// example workflow's logic is tested, not only its syntax.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Runs the step's script as the runner would, in a repository whose HEAD is a pull request's merge
 * commit (first parent: the base branch), as actions/checkout leaves it; its `config` output.
 */
export function changedConfig(script: string, files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), "aep-gitops-changes-"));
  try {
    const env = {
      ...process.env,
      // The developer's own git settings (signing, hooks, default branch) must not change the result.
      GIT_CONFIG_GLOBAL: "/dev/null",
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_AUTHOR_NAME: "a",
      GIT_AUTHOR_EMAIL: "a@example.com",
      GIT_COMMITTER_NAME: "a",
      GIT_COMMITTER_EMAIL: "a@example.com",
      GITHUB_OUTPUT: path.join(dir, "output"),
      GITHUB_STEP_SUMMARY: path.join(dir, "summary"),
    };
    const git = (...args: string[]) => execFileSync("git", args, { cwd: path.join(dir, "repo"), env, stdio: "pipe" });
    mkdirSync(path.join(dir, "repo/destinations"), { recursive: true });
    writeFileSync(path.join(dir, "repo/destinations/summer.yaml"), "name: summer\n");
    git("init", "-q", "-b", "main");
    git("add", "-A");
    git("commit", "-q", "-m", "base");
    git("checkout", "-q", "-b", "feature");
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, "repo", name)), { recursive: true });
      writeFileSync(path.join(dir, "repo", name), content);
    }
    git("add", "-A");
    git("commit", "-q", "-m", "change");
    git("checkout", "-q", "main");
    git("merge", "-q", "--no-ff", "-m", "merge", "feature");
    writeFileSync(env.GITHUB_OUTPUT, "");
    execFileSync("bash", ["-e", "-c", script], { cwd: path.join(dir, "repo"), env, stdio: "pipe" });
    return /^config=(.*)$/m.exec(readFileSync(env.GITHUB_OUTPUT, "utf8"))?.[1] ?? "(none)";
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
