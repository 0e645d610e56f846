// action.yml and every workflow (the examples users copy, and this repository's CI) are valid for
// GitHub, and keep the promises the README makes: least-privilege permissions, third-party actions
// pinned by commit SHA, secrets only on the step that needs them, apply serialized per sandbox.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { validateAction, validateWorkflow } from "./workflow-validator.js";
import { changedConfig } from "./workflow-steps.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const WORKFLOWS = [
  "examples/workflows/plan.yml",
  "examples/workflows/apply.yml",
  "examples/workflows/drift.yml",
  ".github/workflows/ci.yml",
];

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  permissions?: unknown;
  needs?: string | string[];
  if?: string;
  env?: unknown;
  environment?: string;
  concurrency?: { group: string; "cancel-in-progress": boolean };
  steps: Step[];
}
const jobsOf = (file: string) => Object.values((parse(read(file)) as { jobs: Record<string, Job> }).jobs);
const stepsOf = (file: string) => jobsOf(file).flatMap((j) => j.steps);

describe("action.yml", () => {
  it("is a valid action manifest for GitHub, a node24 action running the committed bundle", () => {
    const { errors, template } = validateAction(read("action.yml"));
    expect(errors).toEqual([]);
    expect(template?.runs).toMatchObject({ using: "node24", main: "dist/action/index.js" });
    expect(template?.inputs?.map((i) => i.id)).toEqual([
      "command",
      "config",
      "sandbox",
      "github-token",
      "comment-author",
      "force",
      "prune",
      "fail-on-drift",
      "drift-pr",
      "health",
      "secrets",
    ]);
    expect(template?.outputs?.map((o) => o.id)).toEqual([
      "has-changes",
      "plan-checksum",
      "drift-count",
      "health-attention",
    ]);
  });

  it("is rejected by the validator when broken, so the check above means something", () => {
    expect(validateAction(read("action.yml").replace("using: node24", "using: node99")).errors).not.toEqual([]);
  });
});

describe.each(WORKFLOWS)("%s", (file) => {
  it("is valid for GitHub's workflow parser and actionlint", async () => {
    const { errors } = await validateWorkflow(path.basename(file), read(file));
    expect(errors).toEqual([]);
  });

  it("pins every third-party action to a full commit SHA", () => {
    const uses = stepsOf(file).flatMap((s) => (s.uses ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(0);
    for (const ref of uses.filter((u) => !u.startsWith("./"))) expect(ref).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
  });

  it("declares its permissions at the top and gives no job more", () => {
    const workflow = parse(read(file)) as { permissions?: Record<string, string> };
    expect(workflow.permissions).toBeDefined();
    expect(Object.values(workflow.permissions!).every((level) => level === "read" || level === "write")).toBe(true);
    expect(workflow.permissions!.contents).toBe("read");
    for (const job of jobsOf(file)) expect(job.permissions).toBeUndefined();
  });

  it("passes secrets only to the aep-gitops step, never to the whole job or to other steps", () => {
    for (const job of jobsOf(file)) expect(JSON.stringify(job.env ?? {})).not.toContain("secrets.");
    for (const step of stepsOf(file)) {
      if (!step.uses?.startsWith("aep-gitops/")) expect(JSON.stringify(step)).not.toContain("secrets.");
    }
  });
});

describe("the workflow validators", () => {
  it("reject what GitHub would reject: an unknown permission, a misspelt context, a bad runner label", async () => {
    const broken = read("examples/workflows/plan.yml")
      .replace("pull-requests: write", "pull-request: write")
      .replace("github.event.pull_request.number", "github.evnt.pull_request.number")
      .replace("runs-on: ubuntu-latest", "runs-on: ubuntu-lastest");
    const { errors } = await validateWorkflow("plan.yml", broken);
    expect(errors.join("\n")).toMatch(/pull-request/);
    expect(errors.join("\n")).toMatch(/evnt/);
    expect(errors.join("\n")).toMatch(/ubuntu-lastest/);
  });
});

describe("the example workflows", () => {
  const permissions = (file: string) => (parse(read(file)) as { permissions: Record<string, string> }).permissions;
  const commands = (file: string) =>
    stepsOf(file).flatMap((s) => (s.uses?.startsWith("aep-gitops/") ? [s.with?.command] : []));

  it("plan: comments on pull requests and can never apply", () => {
    expect(permissions("examples/workflows/plan.yml")).toEqual({ contents: "read", "pull-requests": "write" });
    expect(commands("examples/workflows/plan.yml")).toEqual(["plan"]);
    expect(Object.keys((parse(read("examples/workflows/plan.yml")) as { on: object }).on)).toEqual(["pull_request"]);
  });

  it("apply: runs on pushes to main in a protected environment, one run per sandbox at a time, never cancelled", () => {
    const on = (parse(read("examples/workflows/apply.yml")) as { on: { push: { branches: string[] } } }).on;
    expect(on.push.branches).toEqual(["main"]);
    expect(permissions("examples/workflows/apply.yml")).toEqual({
      contents: "read",
      "pull-requests": "write",
      issues: "write",
    });
    const [job] = jobsOf("examples/workflows/apply.yml");
    expect(job!.environment).toBeTruthy();
    expect(job!.concurrency).toEqual({ group: "aep-gitops-apply-${{ matrix.sandbox }}", "cancel-in-progress": false });
    expect(commands("examples/workflows/apply.yml")).toEqual(["apply"]);
  });

  it("drift: runs on a schedule and by hand, and only writes issues", () => {
    const on = (parse(read("examples/workflows/drift.yml")) as { on: Record<string, unknown> }).on;
    expect(Object.keys(on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(permissions("examples/workflows/drift.yml")).toEqual({ contents: "read", issues: "write" });
    expect(commands("examples/workflows/drift.yml")).toEqual(["drift"]);
  });
});

describe("plan.yml as a required check (issue 27)", () => {
  const file = "examples/workflows/plan.yml";
  const template = async () => (await validateWorkflow("plan.yml", read(file))).template!;
  /** A job's or step's `if:`, as GitHub's parser reads it (`success()` when none is written). */
  const condition = (item: { if?: { expression: string } }) => item.if?.expression ?? "";

  it("runs on every pull request, whatever it changes: a required check is never left pending", async () => {
    const events = (await template()).events as Record<string, Record<string, unknown> | undefined>;
    expect(Object.keys(events)).toEqual(["pull_request"]);
    for (const filter of ["paths", "paths-ignore", "branches", "branches-ignore"])
      expect(events.pull_request?.[filter], filter).toBeUndefined();
    // No job is skipped by a condition: a skipped matrix job reports no `plan (<sandbox>)` check at all.
    for (const job of (await template()).jobs)
      expect(condition(job as { if?: { expression: string } })).toBe("success()");
  });

  it("decides in the job whether there is anything to plan, and runs aep-gitops only then", async () => {
    const [job] = (await template()).jobs as unknown as { steps: { if?: { expression: string } }[] }[];
    // The parser's steps are in the file's order: the condition as GitHub reads it, of the aep-gitops step.
    const at = stepsOf(file).findIndex((step) => step.uses?.startsWith("aep-gitops/"));
    expect(condition(job!.steps[at]!)).toContain("steps.changes.outputs.config == 'true'");
    const checkout = stepsOf(file).find((step) => step.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with?.["fetch-depth"]).toBe(2);
  });

  it("its `changes` step says config=true only for a pull request that changes what aep-gitops reads", () => {
    const script = (stepsOf(file) as (Step & { id?: string })[]).find((step) => step.id === "changes")!.run!;
    expect(changedConfig(script, { "README.md": "docs\n" })).toBe("false");
    expect(changedConfig(script, { "destinations/prod/summer.yaml": "name: x\n" })).toBe("true");
    expect(changedConfig(script, { "aep-gitops.config.yaml": "prune: false\n" })).toBe("true");
    expect(changedConfig(script, { ".github/workflows/aep-gitops-plan.yml": "on: push\n" })).toBe("true");
  });

  it("is what the README tells to require", () => {
    const readme = read("README.md");
    expect(readme).toContain("`plan (<sandbox>)` check");
    expect(readme).not.toMatch(/require pull requests and the `aep-gitops plan` check/);
  });
});

describe("this repository's CI", () => {
  it("runs lint, typecheck, tests and the bundle check", () => {
    const runs = stepsOf(".github/workflows/ci.yml").flatMap((s) => (s.run ? [s.run] : []));
    for (const command of ["npm ci", "npm run lint", "npm run typecheck", "npm test", "npm run build:action"])
      expect(runs.join("\n")).toContain(command);
    expect(runs.join("\n")).toContain("git diff --exit-code");
  });
});

describe(".github/workflows/release.yml", () => {
  const file = ".github/workflows/release.yml";
  const workflow = () =>
    parse(read(file)) as {
      permissions?: Record<string, string>;
      concurrency?: { group: string; "cancel-in-progress": boolean };
      jobs: Record<string, Job & { permissions?: Record<string, string> }>;
    };
  const runs = (job: string) => workflow().jobs[job]!.steps.flatMap((s) => (s.run ? [s.run] : []));

  it("is valid for GitHub's workflow parser and actionlint", async () => {
    const { errors } = await validateWorkflow(path.basename(file), read(file));
    expect(errors).toEqual([]);
  });

  it("pins every action to a full commit SHA, with the release it is in a comment", () => {
    const lines = read(file)
      .split("\n")
      .filter((l) => /^\s*-?\s*uses:/.test(l));
    expect(lines.length).toBeGreaterThanOrEqual(7);
    for (const line of lines) expect(line).toMatch(/uses: [\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*$/);
    expect(lines.join("\n")).toMatch(/changesets\/action@[0-9a-f]{40} # v1\./);
  });

  it("reads only at the top; each job asks for its own, and only the publish job gets an OIDC token", () => {
    const { permissions, jobs } = workflow();
    expect(permissions).toEqual({ contents: "read" });
    expect(jobs.test!.permissions).toEqual({ contents: "read" });
    expect(jobs.version!.permissions).toEqual({ contents: "write", "pull-requests": "write" });
    expect(jobs.publish!.permissions).toEqual({ contents: "write", "id-token": "write" });
    const withIdToken = Object.entries(jobs).filter(([, job]) => job.permissions?.["id-token"] !== undefined);
    expect(withIdToken.map(([name]) => name)).toEqual(["publish"]);
  });

  it("runs one release at a time and never cancels one half-way", () => {
    expect(workflow().concurrency).toEqual({ group: "release", "cancel-in-progress": false });
  });

  it("tests on Node 20 and 24 first; versions from main, and publishes only when nothing is left to version", () => {
    const { jobs } = workflow();
    expect((jobs.test as { strategy?: { matrix: { node: number[] } } }).strategy?.matrix.node).toEqual([20, 24]);
    expect(runs("test")).toEqual(["npm ci", "npm test"]);
    expect(jobs.version!.needs).toBe("test");
    expect(jobs.version!.if).toContain("refs/heads/main");
    const changesets = jobs.version!.steps.find((s) => s.uses?.startsWith("changesets/action@"));
    expect(changesets?.with).toMatchObject({ version: "npm run version-packages" });
    expect(changesets?.with).not.toHaveProperty("publish");
    expect(jobs.publish!.needs).toEqual(["test", "version"]);
    expect(jobs.publish!.if).toContain("needs.version.outputs.has-changesets == 'false'");
  });

  it("builds, publishes with provenance, and gives the npm token to the publish step only", () => {
    const { jobs } = workflow();
    const steps = jobs.publish!.steps;
    const publish = steps.findIndex((s) => s.run?.includes("npm publish"));
    expect(steps.filter((s) => s.run?.includes("npm publish"))).toHaveLength(1);
    expect(steps[publish]!.run).toBe("npm publish --provenance --access public");
    expect(steps[publish]!.env).toEqual({ NODE_AUTH_TOKEN: "${{ secrets.NPM_TOKEN }}" });
    expect(steps.findIndex((s) => s.run === "npm run build")).toBeGreaterThan(-1);
    expect(steps.findIndex((s) => s.run === "npm run build")).toBeLessThan(publish);
    for (const [name, job] of Object.entries(jobs)) {
      expect(JSON.stringify(job.env ?? {})).not.toContain("secrets.");
      for (const step of job.steps.filter((s) => s !== steps[publish]))
        expect(JSON.stringify(step), name).not.toContain("secrets.");
    }
  });

  it("tags vX.Y.Z on a commit with the built dist/ and force-moves the major tag vX to it", () => {
    const tagging = runs("publish").find((r) => r.includes("git tag"));
    expect(tagging).toBeDefined();
    for (const command of ["git add -f dist/", 'git tag -a "$VERSION"', 'git tag -f "$MAJOR"', "push -f origin"])
      expect(tagging).toContain(command);
    expect(tagging).not.toMatch(/push[^\n]*(main|HEAD)/);
  });
});
