// The repository is the boundary, and the tool config is data (issue 21): the built CLI in a child
// process, in a temp repository (a folder with .git) beside a folder outside it. Every path that leads
// outside (a symbolic link, '../', an absolute path; in the tool config, on the command line, or met
// while listing a folder) is refused before anything is read, and nothing of what lies outside (its
// content, or its name beyond what the command line wrote) reaches stdout, stderr or any file written.
// A JavaScript or TypeScript config is refused and never run; a tool config over 1 MiB is refused
// unparsed.
import { randomUUID } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination } from "../config/builders.js";
import { freshTmp, runWithTmp, type TmpRun } from "../support/tmp-cli.js";

let tmp: string;
let repo: string;
/** A folder outside the repository, named by a token that must never be printed. */
let outside: string;
let token: string;
/** What the files outside hold: never to be printed either. */
let secret: string;

beforeEach(() => {
  tmp = freshTmp("boundary");
  token = `elsewhere-${randomUUID().slice(0, 8)}`;
  secret = `OUTSIDE-${randomUUID()}`;
  repo = path.join(tmp, "repo");
  outside = path.join(tmp, token);
  write(repo, ".git/HEAD", "ref: refs/heads/main\n");
  write(repo, "destinations/account.yaml", kinesisAccount());
  write(repo, "destinations/summer.yaml", kinesisDestination("summer-campaign"));
  // What /etc/hostname would be to a runner: a file outside the checkout, with a line of its own.
  write(outside, "hostname", `${secret}\n`);
  // YAML whose every value would be quoted back in a problem, if it were ever read.
  write(outside, "secret.yaml", `apiVersion: aep-gitops/v1\nkind: ${secret}\nname: ${secret}\n`);
  write(outside, "aep-gitops.config.yaml", `sandboxes:\n  ${secret}: destinations\n`);
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function write(root: string, file: string, content: string): void {
  mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  writeFileSync(path.join(root, file), content);
}

function link(target: string, at: string): void {
  mkdirSync(path.dirname(path.join(repo, at)), { recursive: true });
  symlinkSync(target, path.join(repo, at));
}

const cli = (...args: string[]): TmpRun => runWithTmp(tmp, args, { cwd: repo, env: { AEP_SANDBOX: "prod" } });

/** Every regular file under `dir`, but those of the folder outside (reached directly or through a link). */
function writtenFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((name) => path.join(dir, name))
    .filter((file) => lstatSync(file).isFile() && !realpathSync(file).startsWith(realpathSync(outside)));
}

/** Refused as a config error (exit 1), naming what was written; nothing of the outside shown or kept. */
function expectRefused(run: TmpRun, shown: string, opts: { nameWritten?: boolean } = {}): void {
  expect(run.code, run.stderr + run.stdout).toBe(1);
  const output = run.stdout + run.stderr;
  expect(output).toContain(`'${shown}'`);
  expect(output).toMatch(/outside the repository/);
  expect(output).not.toContain(secret);
  if (!opts.nameWritten) expect(output).not.toContain(token);
  for (const file of writtenFiles(tmp)) expect(readFileSync(file, "utf8"), file).not.toContain(secret);
}

describe("a symbolic link that leads outside the repository", () => {
  it("a linked destination file is refused, whether found in a folder or named", () => {
    link(path.join(outside, "secret.yaml"), "destinations/leak.yaml");
    expectRefused(cli("validate"), "destinations/leak.yaml");
    expectRefused(cli("validate", "destinations"), "destinations/leak.yaml");
    expectRefused(cli("validate", "destinations/leak.yaml"), "destinations/leak.yaml");
    expectRefused(cli("plan", "--secrets", "optional"), "destinations/leak.yaml");
  });

  it("a link to a file like /etc/hostname is refused, in JSON too, as a config error", () => {
    link(path.join(outside, "hostname"), "destinations/hostname.yaml");
    const run = cli("validate", "--format", "json");
    expectRefused(run, "destinations/hostname.yaml");
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { kind: "config" } });
  });

  it("a linked folder is refused, inside a listed folder or named as a sandbox's folder", () => {
    link(outside, "destinations/team");
    expectRefused(cli("validate"), "destinations/team");
    rmSync(path.join(repo, "destinations/team"));
    link(outside, "shared");
    write(repo, "aep-gitops.config.yaml", "sandboxes:\n  prod: [destinations, shared]\n");
    expectRefused(cli("validate"), "shared");
    expectRefused(cli("validate", "shared/secret.yaml"), "shared/secret.yaml");
  });

  it("a linked tool config is refused, found or named", () => {
    link(path.join(outside, "aep-gitops.config.yaml"), "aep-gitops.config.yaml");
    expectRefused(cli("validate"), "aep-gitops.config.yaml");
    expectRefused(cli("plan", "--config", "aep-gitops.config.yaml"), "aep-gitops.config.yaml");
  });

  it("a link that stays inside the repository is followed", () => {
    write(repo, "shared/account.yaml", kinesisAccount());
    rmSync(path.join(repo, "destinations/account.yaml"));
    link("../shared/account.yaml", "destinations/account.yaml");
    link("destinations", "linked");
    const run = cli("validate", "linked");
    expect(run.stdout).toBe("0 errors, 0 warnings in 2 files\n");
    expect(run.code).toBe(0);
  });
});

describe("a path that leads outside the repository", () => {
  it("'../' and absolute folders in the tool config's sandboxes are refused at their line", () => {
    write(repo, "aep-gitops.config.yaml", `sandboxes:\n  prod: ../${token}\n  dev: ${outside}\n`);
    const run = cli("validate");
    expectRefused(run, `../${token}`, { nameWritten: true });
    expect(run.stdout).toContain(`aep-gitops.config.yaml:2:9  error  tool-config  '../${token}'`);
    expect(run.stdout).toContain(`aep-gitops.config.yaml:3:8  error  tool-config  '${outside}'`);
  });

  it("'../' and absolute paths on the command line are refused", () => {
    expectRefused(cli("validate", `../${token}`), `../${token}`, { nameWritten: true });
    expectRefused(cli("validate", path.join(outside, "secret.yaml")), path.join(outside, "secret.yaml"), {
      nameWritten: true,
    });
    expectRefused(cli("plan", `../${token}`, "--secrets", "optional"), `../${token}`, { nameWritten: true });
    expectRefused(cli("validate", `destinations/../../${token}/hostname`), `destinations/../../${token}/hostname`, {
      nameWritten: true,
    });
  });

  it("--config outside the repository is refused", () => {
    const named = `../${token}/aep-gitops.config.yaml`;
    expectRefused(cli("validate", "--config", named), named, { nameWritten: true });
    expectRefused(
      cli("plan", "--config", path.join(outside, "aep-gitops.config.yaml")),
      path.join(outside, "aep-gitops.config.yaml"),
      {
        nameWritten: true,
      },
    );
  });

  it("does not tell a missing file outside from an existing one", () => {
    link(outside, "linked");
    const present = cli("validate", "linked/secret.yaml");
    const missing = cli("validate", "linked/missing.yaml");
    expectRefused(present, "linked/secret.yaml");
    expectRefused(missing, "linked/missing.yaml");
    expect(missing.stderr.replace("missing", "secret")).toBe(present.stderr);
  });
});

describe("the tool config is data", () => {
  /** A config that, were it ever run, would leave a marker file and print a line. */
  const script = (marker: string, esm: boolean) =>
    esm
      ? `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, "ran");\nconsole.log("CONFIG RAN");\nexport default { prune: true };\n`
      : `require("node:fs").writeFileSync(${JSON.stringify(marker)}, "ran");\nconsole.log("CONFIG RAN");\nmodule.exports = { prune: true };\n`;

  it.each([
    "aep-gitops.config.js",
    "aep-gitops.config.cjs",
    "aep-gitops.config.mjs",
    "aep-gitops.config.ts",
    ".aep-gitopsrc.js",
  ])("a %s in a search place is refused, never run", (name) => {
    const marker = path.join(tmp, "marker");
    write(repo, name, script(marker, !name.endsWith("cjs") && !name.endsWith(".js")));
    const run = cli("validate");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`error: ${name}: aep-gitops reads its config from YAML or JSON only`);
    expect(run.stderr).toMatch(/hint: .*aep-gitops\.config\.yaml/);
    expect(run.stdout + run.stderr).not.toContain("CONFIG RAN");
    expect(existsSync(marker)).toBe(false);
  });

  it.each(["ci/settings.js", "ci/settings.cjs", "ci/settings.mjs", "ci/settings.ts", "ci/settings.mts"])(
    "--config %s is refused, never run",
    (name) => {
      const marker = path.join(tmp, "marker");
      write(repo, name, script(marker, name.endsWith("mjs")));
      const run = cli("validate", "--config", name);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`error: ${name}: aep-gitops reads its config from YAML or JSON only`);
      expect(run.stdout + run.stderr).not.toContain("CONFIG RAN");
      expect(existsSync(marker)).toBe(false);
    },
  );

  it("a YAML config still points at its problems' lines", () => {
    write(repo, "aep-gitops.config.yaml", "sandboxes:\n  prod: destinations\nprun: true\n");
    expect(cli("validate").stdout).toContain("aep-gitops.config.yaml:3:1  error  tool-config  unknown field 'prun'");
  });
});

describe("the tool config's size", () => {
  it("a 20 MB tool config is refused before it is read or parsed", () => {
    const timed = () => {
      const started = performance.now();
      const run = cli("validate");
      return { run, elapsed: performance.now() - started };
    };
    // The same run with a config of a few bytes: what starting the CLI costs on this machine right now.
    write(repo, "aep-gitops.config.yaml", "sandboxes:\n  prod: destinations\n");
    const small = timed();
    expect(small.run.code, small.run.stdout).toBe(0);
    // 1.6 million keys: parsing them took over a minute and 1.4 GB before the limit (and a 50 MB config
    // 7.5 s and 1.8 GB); refused after a stat, the run costs what any start does.
    const entries = Array.from({ length: (20 * 1024 * 1024) / 13 }, (_, i) => `k${String(i).padStart(8, "0")}: 1`);
    write(repo, "aep-gitops.config.yaml", `${entries.join("\n")}\n`);
    const large = timed();
    expect(large.run.code).toBe(1);
    expect(large.run.stderr).toMatch(
      /^error: aep-gitops\.config\.yaml is 20\.0 MiB; the tool config may be at most 1 MiB$/m,
    );
    expect(large.run.stdout).toBe("");
    expect(large.elapsed).toBeLessThan(Math.max(1500, small.elapsed + 1000));
  });
});
