// What a config repository gets from `npm i -D aep-gitops`: a fresh clone packs itself (the prepack
// script builds the CLI bundle), and the tarball, installed into an empty folder outside this clone with
// its dependencies only, gives a working `npx aep-gitops`; so does a git URL of a branch. And on this Node (20 is the promised minimum)
// neither the project's install nor a user's prints EBADENGINE.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyClone, npmProblem, run, type Run } from "./npm.js";
import { exported, tourLines } from "./readme-tour.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const pkg = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
  version: string;
  devDependencies: Record<string, string>;
};
const TIMEOUT = 120_000;
const problem = npmProblem();
if (problem) console.warn(`test/release/package.test.ts skipped: npm cannot be run here (${problem})`);
const output = (r: Run) => r.stdout + r.stderr;

describe.skipIf(problem !== undefined)(`the npm package, on Node ${process.version}`, { timeout: TIMEOUT }, () => {
  let temp = "";
  let user = "";
  let packed: { filename: string; files: { path: string }[] };
  let install: Run;
  const npx = (...args: string[]) => run("npx", ["--no", "--", "aep-gitops", ...args], user);

  beforeAll(async () => {
    temp = realpathSync(mkdtempSync(path.join(tmpdir(), "aep-gitops-release-")));
    const clone = path.join(temp, "clone");
    user = path.join(temp, "user");
    copyClone(ROOT, clone);
    const pack = await run("npm", ["pack", "--json", "--pack-destination", temp], clone);
    expect(pack.status, output(pack)).toBe(0);
    packed = (JSON.parse(pack.stdout.slice(pack.stdout.indexOf("["))) as (typeof packed)[])[0]!;

    // An empty config repository. Offline from npm's cache when it holds everything, else the registry.
    mkdirSync(user);
    writeFileSync(path.join(user, "package.json"), JSON.stringify({ name: "config-repo", private: true }));
    const tarball = path.join(temp, packed.filename);
    const args = ["install", "--no-audit", "--no-fund", "--save-dev", tarball];
    install = await run("npm", [...args, "--offline"], user);
    if (install.status !== 0 && /ENOTCACHED/.test(output(install)))
      install = await run("npm", [...args, "--prefer-offline"], user);
    expect(install.status, output(install)).toBe(0);
  }, TIMEOUT);

  afterAll(() => temp && rmSync(temp, { recursive: true, force: true }));

  it("is installed outside this clone", () => {
    expect(path.relative(ROOT, user).startsWith("..")).toBe(true);
    expect(existsSync(path.join(user, "node_modules/aep-gitops/package.json"))).toBe(true);
  });

  it("a fresh clone packs the built CLI, the Action, the schemas, the examples, the license and the changelog", () => {
    const files = packed.files.map((f) => f.path);
    for (const file of [
      "bin/aep-gitops.js",
      "bin/code-cache.js",
      "bin/package.json",
      "dist/cli/index.cjs",
      "dist/cli/handlers.cjs",
      "dist/cli/index.cjs.id",
      "dist/action/index.js",
      "action.yml",
      "schemas/aep-gitops.schema.json",
      "schemas/tool-config.schema.json",
      "examples/destinations/summer-advertising-campaign.yaml",
      "examples/workflows/plan.yml",
      "LICENSE",
      "CHANGELOG.md",
      "README.md",
      "package.json",
    ])
      expect(files).toContain(file);
    expect(files.filter((f) => /^(src|test|scripts|bench|node_modules|\.aep-gitops)\//.test(f))).toEqual([]);
  });

  it("installs with its dependencies only: no build or test tool is needed to run it", () => {
    const present = Object.keys(pkg.devDependencies).filter((name) =>
      existsSync(path.join(user, "node_modules", name)),
    );
    expect(present).toEqual([]);
  });

  it("prints no EBADENGINE when a user installs it", () => {
    expect(output(install)).not.toMatch(/EBADENGINE/);
  });

  // npm 11 lists a tarball's or a git dependency's `prepare` as an install script to approve, though it
  // never runs it there: the package has none (prepack builds the tarball, postprepare a git install).
  it("has no install script for npm to warn about", () => {
    expect(output(install)).not.toMatch(/install-scripts|prepare/);
    const scripts = (
      JSON.parse(readFileSync(path.join(user, "node_modules/aep-gitops/package.json"), "utf8")) as {
        scripts: Record<string, string>;
      }
    ).scripts;
    expect(Object.keys(scripts).filter((name) => /^(preinstall|install|postinstall|prepare)$/.test(name))).toEqual([]);
  });

  it("ships every doc that a --help names", async () => {
    const files = packed.files.map((f) => f.path);
    const bin = path.join(user, "node_modules/.bin/aep-gitops");
    const top = await run(bin, ["--help"], user);
    const commands = [...top.stdout.split("\nCommands:\n")[1]!.matchAll(/^ {2}([a-z]+)/gm)].map((m) => m[1]!);
    const named = new Set<string>();
    for (const args of [["--help"], ...commands.map((name) => [name, "--help"])]) {
      const r = await run(bin, args, user);
      expect(r.status, `${args.join(" ")}\n${output(r)}`).toBe(0);
      for (const [doc] of r.stdout.matchAll(/\bdocs\/[\w.-]+\.md\b/g)) named.add(doc);
    }
    expect([...named]).toEqual(expect.arrayContaining(["docs/emulator.md", "docs/json-output.md"]));
    for (const doc of named) expect(files, doc).toContain(doc);
  });

  it("npx aep-gitops --version prints the package's version", async () => {
    const r = await npx("--version");
    expect(r.status, output(r)).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
  });

  it("validates the examples it ships", async () => {
    const r = await npx("validate", "node_modules/aep-gitops/examples/destinations");
    expect(r.status, output(r)).toBe(0);
  });

  it("plans the examples it ships on the embedded emulator, without any secret", async () => {
    const r = await npx("plan", "node_modules/aep-gitops/examples/destinations", "--emulator", "--secrets", "optional");
    expect(r.status, output(r)).toBe(0);
    expect(r.stdout).toContain("Plan:");
  });

  it("runs every line of the README's tour, as written, in the config repository", async () => {
    const lines = tourLines();
    expect(lines.length).toBeGreaterThanOrEqual(8);
    let env: Record<string, string> = {};
    for (const line of lines) {
      const variables = exported(line);
      if (variables) {
        env = { ...env, ...variables };
        continue;
      }
      if (/ emulator --port /.test(line)) {
        // Runs until stopped: started with a timeout, it must say where it listens before that.
        const r = await run(
          "bash",
          ["-c", `timeout -s INT 8 ${line.replace(/--port \d+/, "--port 0")}`],
          user,
          20_000,
          env,
        );
        expect(r.stdout, `${line}\n${output(r)}`).toMatch(
          /^aep-gitops emulator listening on http:\/\/127\.0\.0\.1:\d+$/m,
        );
        continue;
      }
      const r = await run("bash", ["-c", line], user, 60_000, env);
      expect(r.status, `${line}\n${output(r)}`).toBe(0);
    }
  });

  it("after the tour: shows a saved plan with no credential at all, as plan printed it", async () => {
    const saved = await npx(
      "plan",
      "destinations",
      "--emulator",
      "--secrets",
      "optional",
      "--format",
      "markdown",
      "--out",
      "tour.plan",
    );
    expect(saved.status, output(saved)).toBe(0);
    // No AEP_* variable, no secret: only what finds node and a home.
    const bare = ["-i", `PATH=${process.env.PATH ?? ""}`, `HOME=${user}`, "node_modules/.bin/aep-gitops"];
    const shown = await run("env", [...bare, "show", "tour.plan", "--format", "markdown"], user);
    expect(shown.status, output(shown)).toBe(0);
    expect(shown.stdout).toBe(saved.stdout);
  });

  it("after the tour: prints a bash completion script that completes its commands", async () => {
    const script = await npx("completion", "bash");
    expect(script.status, output(script)).toBe(0);
    writeFileSync(path.join(temp, "aep-gitops.bash"), script.stdout);
    const words = "COMP_WORDS=(aep-gitops sh); COMP_CWORD=1";
    const r = await run(
      "bash",
      ["-c", `source ../aep-gitops.bash; ${words}; _aep_gitops; echo "\${COMPREPLY[*]}"`],
      user,
    );
    expect(r.stdout.trim(), output(r)).toBe("show");
  });

  it("after the tour: plans one destination by a glob, and streams an apply as JSON lines", async () => {
    const plan = await npx("plan", "destinations", "--emulator", "--destination", "summer-*", "--format", "json");
    expect(plan.status, output(plan)).toBe(0);
    const doc = JSON.parse(plan.stdout) as { filter: string[]; checksum: string };
    expect(doc.filter).toEqual(["summer-*"]);
    const typo = await npx("plan", "destinations", "--emulator", "--destination", "sumer-advertising-campaign");
    expect(typo.status).toBe(1);
    expect(typo.stderr).toContain("Did you mean 'summer-advertising-campaign'?");
    const apply = await npx("apply", "destinations", "--emulator", "--yes", "-d", "summer-*", "--format", "jsonl");
    expect(apply.status, output(apply)).toBe(0);
    const lines = apply.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { format: string });
    expect(lines.at(-1)!.format).toBe("aep-gitops.apply/v1");
  });

  it("installs from a git URL of a branch, built there, with no install script to approve", async () => {
    // The clone as a repository of its own: what a branch holds, without dist/cli (never committed).
    const clone = path.join(temp, "clone");
    const git = (...args: string[]) =>
      run("git", ["-c", "user.name=release-test", "-c", "user.email=release-test@example.com", ...args], clone);
    for (const args of [
      ["init", "-q"],
      ["add", "-A", "--", ".", ":(exclude)node_modules"],
      ["commit", "-qm", "a branch"],
    ]) {
      const r = await git(...args);
      expect(r.status, output(r)).toBe(0);
    }
    const gitUser = path.join(temp, "git-user");
    mkdirSync(gitUser);
    writeFileSync(path.join(gitUser, "package.json"), JSON.stringify({ name: "config-repo", private: true }));
    const args = ["install", "--no-audit", "--no-fund", "--save-dev", `git+file://${clone}`];
    let r = await run("npm", [...args, "--offline"], gitUser, TIMEOUT);
    if (r.status !== 0 && /ENOTCACHED/.test(output(r)))
      r = await run("npm", [...args, "--prefer-offline"], gitUser, TIMEOUT);
    expect(r.status, output(r)).toBe(0);
    expect(output(r)).not.toMatch(/install-scripts|prepare/);
    const version = await run(path.join(gitUser, "node_modules/.bin/aep-gitops"), ["--version"], gitUser);
    expect(version.stdout.trim(), output(version)).toBe(pkg.version);
  });

  it("ships the JSON Schema where the README points editors (yaml.schemas, $schema)", () => {
    const schema = path.join(user, "node_modules/aep-gitops/schemas/aep-gitops.schema.json");
    expect((JSON.parse(readFileSync(schema, "utf8")) as { title: string }).title).toBe("AepGitopsResource");
  });
});

describe.skipIf(problem !== undefined)(
  `the project's own install, on Node ${process.version}`,
  { timeout: TIMEOUT },
  () => {
    let dir = "";
    beforeAll(() => void (dir = realpathSync(mkdtempSync(path.join(tmpdir(), "aep-gitops-ci-")))));
    afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

    // `npm ci --dry-run` checks every package of the lockfile against this Node, as `npm ci` does,
    // without downloading or running anything.
    const dryRun = async (lock: string) => {
      writeFileSync(path.join(dir, "package.json"), readFileSync(path.join(ROOT, "package.json")));
      writeFileSync(path.join(dir, "package-lock.json"), lock);
      return run("npm", ["ci", "--dry-run", "--ignore-scripts", "--offline", "--no-audit", "--no-fund"], dir);
    };

    it("npm ci prints no EBADENGINE: every locked package supports this Node", async () => {
      const r = await dryRun(readFileSync(path.join(ROOT, "package-lock.json"), "utf8"));
      expect(r.status, output(r)).toBe(0);
      expect(output(r)).not.toMatch(/EBADENGINE/);
    });

    it("and the check sees a locked package that does not", async () => {
      const lock = JSON.parse(readFileSync(path.join(ROOT, "package-lock.json"), "utf8")) as {
        packages: Record<string, { engines?: Record<string, string> }>;
      };
      lock.packages["node_modules/yaml"]!.engines = { node: ">=99" };
      const r = await dryRun(JSON.stringify(lock));
      expect(output(r)).toMatch(/EBADENGINE[\s\S]*yaml@/);
    });
  },
);
