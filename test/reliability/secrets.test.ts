// Secrets: every output the tool produces — CLI stdout/stderr in every format, plans as JSON and
// markdown, imported YAML, the Action's PR comments, issues, job summaries and logs, the golden files of
// the Action and report tests, the emulator's request log — holds none of the secret values it was given
// (Kinesis and Event Hubs keys, the IMS client secret, the GitHub token), nor an access token. Only the
// credential bodies sent to Adobe hold them (checked: the emulator's admin view has them).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SECRETS, startLab, type Lab } from "../support/lab.js";
import { pullRequestEvent, pushEvent, scheduleEvent, sha } from "../action/events.js";
import { startActionLab, type ActionLab, type ActionRun } from "../action/harness.js";
import { build, modelFiles, type Model } from "./support/model.js";
import { Recorder } from "./support/recorder.js";
import { rng } from "./support/rng.js";
import { cli, writeFolder } from "./support/runs.js";
import { SEED } from "./support/scale.js";
import { createForeign, FOREIGN_SECRET } from "./support/ui.js";

const rec = new Recorder("secrets");
const ROTATED = "kinesis-secret-rotated-Xk20";
const GITHUB_TOKEN = "ghs_fakeToken0123456789";
const LITERAL = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
for (const s of [ROTATED, GITHUB_TOKEN, LITERAL, FOREIGN_SECRET, "wJalrXUtnFEMI-literal"]) rec.addSecret(s);
const sources: Record<string, number> = {};
afterAll(() => {
  rec.set("outputsBySource", sources);
  rec.save();
});

function scan(source: string, text: string): void {
  sources[source] = (sources[source] ?? 0) + 1;
  rec.scan(source, text);
}

const kinesis = build.kinesis("acct-kinesis-a");
const hubs = build.hubs("acct-hubs-a");
const MODEL: Model = {
  sandbox: "prod",
  accounts: [kinesis, hubs],
  destinations: [build.destination("summer", kinesis), build.destination("winter", hubs, { state: "disabled" })],
};

describe("the CLI", () => {
  let lab: Lab;
  it("prints no secret in any command, format or failure, and sends secrets only in the credential bodies", async () => {
    lab = await startLab();
    try {
      writeFolder(lab, modelFiles(MODEL, rng(SEED)));
      const runs = [
        await cli(lab, rec, ["validate"]),
        await cli(lab, rec, ["validate", "--format", "json"]),
        await cli(lab, rec, ["plan", "--detailed-exitcode", "-v"]),
        await cli(lab, rec, ["plan", "--detailed-exitcode", "--format", "json", "-v"]),
        await cli(lab, rec, ["plan", "--detailed-exitcode", "--format", "markdown", "-v"]),
        await cli(lab, rec, ["apply", "--yes", "-v"]),
        await cli(lab, rec, ["plan", "--detailed-exitcode", "-v"], { env: { KINESIS_SECRET_KEY: ROTATED } }),
        await cli(lab, rec, ["apply", "--yes", "--format", "json", "-v"], { env: { KINESIS_SECRET_KEY: ROTATED } }),
      ];
      await lab.uiPatchFlow((await lab.ui("GET", "/flows?property=name==summer")).body.items[0].id, [
        { op: "replace", path: "/description", value: "Edited in the UI" },
      ]);
      runs.push(
        await cli(lab, rec, ["drift"]),
        await cli(lab, rec, ["drift", "--format", "json"]),
        await cli(lab, rec, ["drift", "--format", "markdown"]),
      );
      // Adobe echoing a secret in an error (it should not, but the tool must not repeat it).
      writeFolder(
        lab,
        modelFiles(
          {
            ...MODEL,
            accounts: [...MODEL.accounts, build.kinesis("acct-kinesis-b")],
            destinations: [...MODEL.destinations, build.destination("spring", build.kinesis("acct-kinesis-b"))],
          },
          rng(SEED),
        ),
      );
      await lab.faults({
        scripted: [
          {
            method: "POST",
            route: "/connections",
            client: "demo-client",
            action: {
              type: "status",
              status: 400,
              body: {
                error_code: "FLOW-1451-400",
                message: `invalid secretKey ${ROTATED} and ${SECRETS.KINESIS_SECRET_KEY}`,
              },
            },
          },
        ],
      });
      const failed = await cli(lab, rec, ["apply", "--yes", "-v"], { env: { KINESIS_SECRET_KEY: ROTATED } });
      runs.push(
        failed,
        await cli(lab, rec, ["apply", "--yes", "--format", "json"], {
          env: { KINESIS_SECRET_KEY: ROTATED, AEP_CLIENT_SECRET: "demo-secret" },
        }),
      );
      expect(failed.code).toBe(1);
      await lab.faults({});
      // A UI-made destination imported to YAML: its secret is Adobe's, masked; the YAML references env vars.
      await createForeign(lab, "ui-made");
      runs.push(await cli(lab, rec, ["import", "--sandbox", "prod", "--out", "imported"]));
      for (const file of readdirSync(path.join(lab.dir, "imported"), { recursive: true, withFileTypes: true }).filter(
        (f) => f.isFile(),
      )) {
        scan("imported YAML", readFileSync(path.join(file.parentPath, file.name), "utf8"));
      }
      // A literal secret in YAML is refused without being echoed.
      lab.write(
        "literal/account.yaml",
        `apiVersion: aep-gitops/v1\nkind: Account\nname: leaky\ntype: amazon-kinesis\ncredentials:\n  accessKeyId: AKIAIOSFODNN7EXAMPLE\n  secretKey: ${LITERAL}\n  region: us-east-1\n`,
      );
      runs.push(
        await cli(lab, rec, ["validate", "literal"]),
        await cli(lab, rec, ["validate", "literal", "--format", "json"]),
        await cli(lab, rec, ["plan", "--detailed-exitcode", "literal"]),
      );
      // (cli() has scanned each run's stdout and stderr already.)
      for (const run of runs) sources[`CLI ${run.args[0]}`] = (sources[`CLI ${run.args[0]}`] ?? 0) + 1;
      scan("emulator request log", JSON.stringify(await lab.requests()));
      const admin = JSON.stringify(await lab.state());
      expect(admin).toContain(ROTATED);
      expect(admin).toContain(SECRETS.EVENTHUB_SAS_KEY);
      rec.set("cliRuns", runs.length);
      expect(rec.scanned.leaks).toEqual([]);
    } finally {
      await lab.close();
    }
  }, 120_000);
});

describe("the Action", () => {
  let t: ActionLab;
  /** The log without the mask commands: `::add-mask::<secret>` is how a secret is masked, the one place it must appear. */
  const logOf = (run: ActionRun) =>
    `${run.stdout}\n${run.stderr}`
      .split("\n")
      .filter((l) => !l.startsWith("::add-mask::"))
      .join("\n");
  const scanRun = (what: string, run: ActionRun) => {
    scan(`Action ${what} log`, logOf(run));
    scan(`Action ${what} job summary`, run.summary);
    scan(`Action ${what} outputs`, JSON.stringify(run.outputs));
  };

  it("posts no secret in a PR comment, issue or job summary, and logs none except in ::add-mask::", async () => {
    t = await startActionLab();
    try {
      writeFolder(t.lab, modelFiles(MODEL, rng(SEED)));
      const pr = t.github.openPullRequest("Add destinations", sha("1"));
      scanRun(
        "plan",
        await t.run({
          command: "plan",
          eventName: "pull_request",
          payload: pullRequestEvent(pr, sha("1")),
          sha: sha("1"),
        }),
      );
      t.github.mergePullRequest(pr, sha("2"));
      scanRun(
        "apply",
        await t.run({ command: "apply", eventName: "push", payload: pushEvent(sha("2")), sha: sha("2") }),
      );
      await t.lab.uiPatchFlow((await t.lab.ui("GET", "/flows?property=name==summer")).body.items[0].id, [
        { op: "replace", path: "/description", value: "Edited in the UI" },
      ]);
      scanRun(
        "drift",
        await t.run({
          command: "drift",
          eventName: "schedule",
          payload: scheduleEvent(),
          sha: sha("2"),
          inputs: { "fail-on-drift": "true" },
        }),
      );
      // A second PR rotates a key; its merge fails at Adobe with an error that echoes the secret: incident.
      const second = t.github.openPullRequest("Rotate", sha("3"));
      const rotated = { KINESIS_SECRET_KEY: ROTATED };
      scanRun(
        "plan (rotation)",
        await t.run({
          command: "plan",
          eventName: "pull_request",
          payload: pullRequestEvent(second, sha("3")),
          sha: sha("3"),
          env: rotated,
        }),
      );
      t.github.mergePullRequest(second, sha("4"));
      await t.lab.faults({
        scripted: [
          {
            method: "PATCH",
            route: "/connections/{id}",
            client: "demo-client",
            nth: 2,
            from: true,
            action: {
              type: "status",
              status: 400,
              body: { error_code: "FLOW-1451-400", message: `bad key ${ROTATED}` },
            },
          },
        ],
      });
      const failed = await t.run({
        command: "apply",
        eventName: "push",
        payload: pushEvent(sha("4")),
        sha: sha("4"),
        env: rotated,
      });
      scanRun("apply (failing)", failed);
      await t.lab.faults({});
      expect(failed.code).toBe(1);
      expect(failed.stdout).toContain(`::add-mask::${ROTATED}`);
      scan("GitHub API requests (comments, issues)", JSON.stringify(t.github.requests));
      scan("emulator request log", JSON.stringify(await t.lab.requests()));
      rec.set("actionRuns", 5);
      rec.set("githubRequests", t.github.requests.length);
      expect(rec.scanned.leaks).toEqual([]);
    } finally {
      await t.close();
    }
  }, 120_000);
});

describe("golden files of the Action and report tests", () => {
  it("hold no secret value", () => {
    const root = path.resolve(import.meta.dirname, "..");
    const dirs = ["action/golden", "report/__golden__"];
    let files = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(path.join(root, dir))) {
        files++;
        scan(`golden ${dir}`, readFileSync(path.join(root, dir, name), "utf8"));
      }
    }
    rec.set("goldenFiles", files);
    expect(files).toBeGreaterThan(10);
    expect(rec.scanned.leaks).toEqual([]);
  });
});

describe("in total", () => {
  it("0 occurrences of any secret value across every output scanned", () => {
    rec.check(
      "0 secret values in any output (CLI, JSON/markdown plans, imported YAML, Action comments/issues/summaries/logs, goldens, request log)",
      rec.scanned.leaks.length === 0,
    );
    expect(rec.scanned.leaks).toEqual([]);
    expect(rec.scanned.outputs).toBeGreaterThan(40);
  });
});
