// Papercuts a newcomer met (issue 27), each through the built CLI in a temp config repository: the
// emulator's state belongs to the repository, not to the folder a command is typed in; `validate .`
// checks the user's files, not node_modules; a missing default folder says where it was looked for; an
// enum field says its values the first time; a message names another file as every message does; and a
// folder given where a file is expected is a clear error, not EISDIR.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, SECRETS } from "../support/lab.js";
import { freshTmp, runWithTmp, type TmpRun } from "../support/tmp-cli.js";

let tmp: string;
let repo: string;
beforeEach(() => {
  tmp = freshTmp("papercuts");
  repo = path.join(tmp, "repo");
  write(".git/HEAD", "ref: refs/heads/main\n");
});
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

function write(file: string, content: string): void {
  mkdirSync(path.dirname(path.join(repo, file)), { recursive: true });
  writeFileSync(path.join(repo, file), content);
}

/** The CLI in `folder` of the repository, with the destination secrets set. */
const cli = (folder: string, ...args: string[]): TmpRun =>
  runWithTmp(tmp, args, { cwd: path.join(repo, folder), env: { ...SECRETS, AEP_SANDBOX: "prod" } });

describe("--emulator run from a subfolder", () => {
  it("plans against the state the repository's root applied to (beside the tool config), not a fresh one", () => {
    write("aep-gitops.config.yaml", "sandboxes:\n  prod: destinations\n");
    write("destinations/account.yaml", kinesisAccount());
    write("destinations/one.yaml", kinesisDestination("one"));
    expect(cli(".", "apply", "--emulator", "--yes").code).toBe(0);
    const plan = cli("destinations", "plan", "--emulator", "--detailed-exitcode");
    expect(plan.stdout + plan.stderr, plan.stderr).toContain("No changes");
    expect(plan.code).toBe(0);
    // Said relative to where the command runs, and true from there.
    expect(plan.stderr).toContain(`state in ${path.join("..", ".aep-gitops", "emulator-state.json")}`);
  });

  it("without a tool config, keeps it at the repository root (the folder with .git)", () => {
    write("destinations/account.yaml", kinesisAccount());
    write("destinations/one.yaml", kinesisDestination("one"));
    expect(cli(".", "apply", "destinations", "--emulator", "--yes").code).toBe(0);
    const plan = cli("destinations", "plan", ".", "--emulator", "--detailed-exitcode");
    expect(plan.code, plan.stdout + plan.stderr).toBe(0);
  });
});

describe("validate . at a config repository's root", () => {
  beforeEach(() => {
    write("destinations/account.yaml", kinesisAccount());
    write("destinations/one.yaml", kinesisDestination("one"));
    // What npm i -D aep-gitops leaves there: YAML that is not the user's, and invalid as a destination.
    write("node_modules/some-package/.github/workflows/ci.yml", "on: push\n");
    write("node_modules/some-package/config.yaml", "apiVersion: aep-gitops/v1\nkind: Nonsense\n");
  });

  it("skips node_modules (and dot-folders) as eslint and prettier do", () => {
    const run = cli(".", "validate", ".");
    expect(run.stdout).toBe("0 errors, 0 warnings in 2 files\n");
    expect(run.code).toBe(0);
  });

  it("still reads a folder inside node_modules named on the command line", () => {
    const run = cli(".", "validate", "node_modules/some-package");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("node_modules/some-package/config.yaml");
  });
});

describe("validate with no config and no default folder", () => {
  it("says where it looked, and how to point it elsewhere", () => {
    mkdirSync(path.join(repo, "sub"), { recursive: true });
    const run = cli("sub", "validate");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("no folder 'destinations'");
    expect(run.stdout).toContain(
      "looked for aep-gitops.config.yaml (and the other config names) in . and .. (from here up to the repository root)",
    );
    expect(run.stdout).toMatch(/hint: name the folder on the command line .*--config/);
  });

  it("with a config that lists no sandboxes, names that config", () => {
    write("aep-gitops.config.yaml", "prune: false\n");
    const run = cli(".", "validate");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("aep-gitops.config.yaml lists no sandboxes");
  });
});

describe("an enum field given a number", () => {
  it("says the allowed values the first time, quoted or not", () => {
    write("destinations/account.yaml", kinesisAccount());
    write("destinations/one.yaml", kinesisDestination("one", { state: "1" }));
    const bare = cli(".", "validate", "destinations");
    expect(bare.stdout).toContain("'state' must be one of enabled, disabled");
    expect(bare.stdout).not.toContain("must be text");
    write("destinations/one.yaml", kinesisDestination("one", { state: '"1"' }));
    expect(cli(".", "validate", "destinations").stdout).toContain("'state' must be one of enabled, disabled");
  });
});

describe("a problem that names another file", () => {
  it("names it relative to the working folder, as the problem's own file is", () => {
    write("bad/acct.yaml", kinesisAccount());
    write("bad/acct-again.yaml", kinesisAccount());
    const run = cli(".", "validate", "bad");
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^bad\/acct\.yaml:\d+:\d+ .*bad\/acct-again\.yaml:\d+:\d+/m);
  });
});

describe("a folder where a file is expected", () => {
  it("--config: says the config is a file, which one the folder holds, and the names looked for", () => {
    write("destinations/account.yaml", kinesisAccount());
    write("config/aep-gitops.config.yaml", "sandboxes:\n  prod: ../destinations\n");
    const run = cli(".", "validate", "--config", "config");
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      "error: 'config' is a folder: the tool config is a file (config/aep-gitops.config.yaml is there)",
    );
    expect(run.stderr).toMatch(/hint: name the file itself.*aep-gitops\.config\.yml.*package\.json/);
  });

  it("emulator --config and --state: a usage error, not the file system's EISDIR", () => {
    mkdirSync(path.join(repo, "folder"), { recursive: true });
    for (const flag of ["--config", "--state"]) {
      const run = cli(".", "emulator", flag, "folder");
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`error: ${flag} folder is a folder: ${flag} names a file`);
      expect(run.stderr).not.toContain("EISDIR");
    }
  });
});
