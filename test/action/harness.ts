// Runs the built Action (dist/action/index.js) the way GitHub's runner does: a child process with the
// step's inputs as INPUT_*, the runner's GITHUB_* facts, an event payload file, and files for outputs
// and the job summary; against the Flow Service emulator (the lab) and the fake GitHub server.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { startFakeGitHub, type FakeGitHub } from "../support/fake-github.js";
import { startLab, type Lab } from "../support/lab.js";

const BUNDLE = path.resolve(import.meta.dirname, "../../dist/action/index.js");

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
}

export interface ActionStep {
  command: "plan" | "apply" | "drift";
  eventName: string;
  payload: unknown;
  sha: string;
  inputs?: Record<string, string>;
  /** Extra or removed (undefined) environment variables. */
  env?: Record<string, string | undefined>;
  /** Called with the running Action's process, e.g. to cancel it as the runner would (SIGINT). */
  started?: (child: { kill(signal: NodeJS.Signals): boolean }) => void;
}

export type ActionLab = Awaited<ReturnType<typeof startActionLab>>;

/** What examples/workflows/plan.yml passes: the IMS credential, no destination secret, no fingerprint key. */
export const PLAN_ENV = {
  KINESIS_SECRET_KEY: undefined,
  EVENTHUB_SAS_KEY: undefined,
  AEP_GITOPS_FINGERPRINT_KEY: undefined,
};
/** What examples/workflows/apply.yml adds: the fingerprint key of the apply environment. */
export const APPLY_ENV = { AEP_GITOPS_FINGERPRINT_KEY: "fingerprint-key-of-the-apply-environment" };

/** `lab`: the emulator's options (e.g. the audiences a sandbox holds), as startLab takes them. */
export async function startActionLab(options: { lab?: Parameters<typeof startLab>[0] } = {}) {
  const lab: Lab = await startLab(options.lab);
  const github: FakeGitHub = await startFakeGitHub();
  const runnerTemp = mkdtempSync(path.join(tmpdir(), "aep-gitops-runner-"));
  let runId = 9000;

  const run = async (step: ActionStep): Promise<ActionRun> => {
    runId++;
    const files = {
      event: path.join(runnerTemp, `event-${runId}.json`),
      output: path.join(runnerTemp, `output-${runId}.txt`),
      summary: path.join(runnerTemp, `summary-${runId}.md`),
    };
    writeFileSync(files.event, JSON.stringify(step.payload, null, 2));
    writeFileSync(files.output, "");
    writeFileSync(files.summary, "");
    const inputs = { command: step.command, "github-token": github.token, ...step.inputs };
    const env: Record<string, string | undefined> = {
      ...lab.env,
      CI: "true",
      GITHUB_ACTIONS: "true",
      GITHUB_REPOSITORY: `${github.owner}/${github.repo}`,
      GITHUB_REPOSITORY_OWNER: github.owner,
      GITHUB_EVENT_NAME: step.eventName,
      GITHUB_EVENT_PATH: files.event,
      GITHUB_SHA: step.sha,
      GITHUB_REF: step.eventName === "pull_request" ? "refs/pull/1/merge" : "refs/heads/main",
      GITHUB_API_URL: github.url,
      GITHUB_SERVER_URL: "https://github.com",
      GITHUB_RUN_ID: String(runId),
      GITHUB_RUN_ATTEMPT: "1",
      GITHUB_WORKSPACE: lab.dir,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      RUNNER_TEMP: runnerTemp,
      RUNNER_OS: "Linux",
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
      ...step.env,
    };
    const { code, stdout, stderr } = await spawnNode(BUNDLE, lab.dir, env, step.started);
    return {
      code,
      stdout,
      stderr,
      outputs: parseOutputs(readFileSync(files.output, "utf8")),
      summary: readFileSync(files.summary, "utf8"),
    };
  };

  return {
    lab,
    github,
    run,
    async close() {
      await Promise.all([lab.close(), github.close()]);
      rmSync(runnerTemp, { recursive: true, force: true });
    },
  };
}

function spawnNode(
  file: string,
  cwd: string,
  env: Record<string, string | undefined>,
  started?: ActionStep["started"],
) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [file], {
      cwd,
      env: Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)) as Record<string, string>,
      stdio: ["ignore", "pipe", "pipe"],
    });
    started?.(child);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** GITHUB_OUTPUT's `name<<DELIMITER … DELIMITER` entries (and plain `name=value` lines). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const heredoc = /^([^=<]+)<<(.+)$/.exec(lines[i]!);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2]!, i + 1);
      outputs[heredoc[1]!] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (lines[i]!.includes("=")) {
      const [name, ...value] = lines[i]!.split("=");
      outputs[name!] = value.join("=");
    }
  }
  return outputs;
}
