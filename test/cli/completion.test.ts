// `aep-gitops completion bash|zsh|fish`: each script byte for byte (UPDATE_GOLDEN=1 rewrites them), and
// each one run by its shell: bash's completion function is called as bash calls it (COMP_WORDS,
// COMP_CWORD) and its COMPREPLY read back; fish answers `complete -C` itself; zsh's script is checked
// for syntax and registration. A shell that is not installed is skipped, and says so.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands.js";
import { longFlag } from "../../src/cli/options.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const GOLDEN = path.join(import.meta.dirname, "golden/completion");
const SHELLS = ["bash", "zsh", "fish"] as const;
const has = (shell: string) => spawnSync("sh", ["-c", `command -v ${shell}`]).status === 0;
for (const shell of SHELLS) if (!has(shell)) console.warn(`test/cli/completion.test.ts: ${shell} is not installed`);

function cli(args: string[]) {
  const run = spawnSync(process.execPath, [path.join(ROOT, "bin/aep-gitops.js"), ...args], {
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "" },
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

let dir = "";
/** The config repository paths are completed in (the scripts are written beside it, not in it). */
let repo = "";
const scripts: Record<string, string> = {};
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "aep-gitops-completion-"));
  // A config repository to complete paths in: a folder of YAML, a saved plan, the tool config.
  repo = path.join(dir, "repo");
  mkdirSync(path.join(repo, "destinations"), { recursive: true });
  for (const file of ["destinations/promo.yaml", "promo.plan", "aep-gitops.config.yaml"])
    writeFileSync(path.join(repo, file), "");
  for (const shell of SHELLS) {
    const run = cli(["completion", shell]);
    expect(run.status, run.stderr).toBe(0);
    scripts[shell] = path.join(dir, `script.${shell}`);
    writeFileSync(scripts[shell], run.stdout);
  }
});
afterAll(() => dir && rmSync(dir, { recursive: true, force: true }));

describe("completion SHELL", () => {
  for (const shell of SHELLS)
    it(`prints the ${shell} script`, () => {
      const file = path.join(GOLDEN, `aep-gitops.${shell}`);
      const text = readFileSync(scripts[shell]!, "utf8");
      if (process.env.UPDATE_GOLDEN) {
        mkdirSync(GOLDEN, { recursive: true });
        writeFileSync(file, text);
      }
      expect(existsSync(file), `${file} is missing: run with UPDATE_GOLDEN=1`).toBe(true);
      expect(text).toBe(readFileSync(file, "utf8"));
    });

  it("refuses another shell as a usage error naming the three", () => {
    const run = cli(["completion", "tcsh"]);
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^error: .*'tcsh'.*bash, zsh (and|or) fish/m);
    const none = cli(["completion"]);
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/^error: Missing required argument 'shell'/m);
  });
});

/** What bash's completion function answers for these words, the cursor on the last one. */
function bash(words: string[]): string[] {
  const quoted = words.map((w) => `'${w}'`).join(" ");
  const program = `source '${scripts.bash}'
COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; COMP_LINE="\${COMP_WORDS[*]}"; COMP_POINT=\${#COMP_LINE}
_aep_gitops aep-gitops "\${COMP_WORDS[COMP_CWORD]}" "\${COMP_WORDS[COMP_CWORD-1]}"
printf '%s\\n' "\${COMPREPLY[@]}"`;
  const run = spawnSync("bash", ["--norc", "--noprofile", "-c", program], { cwd: repo, encoding: "utf8" });
  expect(run.stderr).toBe("");
  return run.stdout.split("\n").filter(Boolean).sort();
}
const line = (text: string) => ["aep-gitops", ...text.split(" ")];
const commandNames = [...COMMANDS.map((c) => c.name), "help", "version"].sort();

describe.skipIf(!has("bash"))("the bash script, run by bash", () => {
  it("registers its function for aep-gitops", () => {
    const run = spawnSync("bash", ["--norc", "-c", `source '${scripts.bash}'; complete -p aep-gitops`], {
      encoding: "utf8",
    });
    expect(run.stdout.trim()).toBe("complete -F _aep_gitops aep-gitops");
  });

  it("completes the commands", () => {
    expect(bash(line(""))).toEqual(commandNames);
    expect(bash(line("pl"))).toEqual(["plan"]);
    expect(bash(line("sh"))).toEqual(["show"]);
    expect(bash(line("help p"))).toEqual(["plan", "preview"]);
  });

  it("completes each command's options, and only its own", () => {
    for (const spec of COMMANDS) {
      const offered = bash(line(`${spec.name} --`));
      const own = spec.options.map((use) => longFlag(typeof use === "string" ? use : use.name));
      expect(offered).toEqual([...own, "--help", "--no-color"].sort());
    }
    expect(bash(line("plan --f"))).toEqual(["--force", "--format"]);
    expect(bash(line("validate --emu"))).toEqual([]);
  });

  it("completes an option's choices, as the command declares them", () => {
    expect(bash(line("plan --format "))).toEqual(["json", "markdown", "text"]);
    expect(bash(line("plan -f m"))).toEqual(["markdown"]);
    expect(bash(line("validate --format "))).toEqual(["json", "text"]);
    expect(bash(line("plan --secrets "))).toEqual(["optional", "required"]);
    expect(bash(["aep-gitops", "show", "--format", "=", ""])).toEqual(["json", "markdown", "text"]);
    expect(bash(line("completion "))).toEqual(["bash", "fish", "zsh"]);
  });

  it("completes folders for dir arguments, files for file arguments and options, nothing for other values", () => {
    expect(bash(line("plan "))).toEqual(["destinations"]);
    expect(bash(line("drift dest"))).toEqual(["destinations"]);
    expect(bash(line("show "))).toEqual(["aep-gitops.config.yaml", "destinations", "promo.plan"]);
    expect(bash(line("apply pro"))).toEqual(["promo.plan"]);
    expect(bash(line("plan --config aep"))).toEqual(["aep-gitops.config.yaml"]);
    expect(bash(line("plan --sandbox "))).toEqual([]);
    expect(bash(line("import "))).toContain("--sandbox");
  });
});

describe.skipIf(!has("fish"))("the fish script, run by fish", () => {
  const fish = (text: string): string[] => {
    const run = spawnSync(
      "fish",
      ["--no-config", "-c", `source '${scripts.fish}'; complete -C '${text.replace(/'/g, "\\'")}'`],
      { cwd: repo, encoding: "utf8" },
    );
    expect(run.stderr).toBe("");
    return run.stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => l.split("\t")[0]!)
      .sort();
  };

  it("has no syntax error", () => {
    expect(spawnSync("fish", ["--no-execute", scripts.fish!], { encoding: "utf8" }).stderr).toBe("");
  });

  it("completes commands, options, choices, folders and files", () => {
    expect(fish("aep-gitops ")).toEqual(commandNames);
    expect(fish("aep-gitops pl")).toEqual(["plan"]);
    expect(fish("aep-gitops plan --format ")).toEqual(["json", "markdown", "text"]);
    expect(fish("aep-gitops validate --format ")).toEqual(["json", "text"]);
    expect(fish("aep-gitops plan --f")).toEqual(["--force", "--format"]);
    expect(fish("aep-gitops validate --emu")).toEqual([]);
    expect(fish("aep-gitops plan dest")).toEqual(["destinations/"]);
    expect(fish("aep-gitops show pro")).toEqual(["promo.plan"]);
    expect(fish("aep-gitops completion ")).toEqual(["bash", "fish", "zsh"]);
    expect(fish("aep-gitops help pre")).toEqual(["preview"]);
  });
});

/**
 * What zsh does on Tab, typed on a terminal: an interactive zsh on a pseudo-terminal (zsh's own zpty)
 * with compinit and the script, in the repository. `screen`: what it showed (the list of matches);
 * `line`: the command line after it, printed by a command typed in front of it.
 */
function zshTab(typed: string): { screen: string[]; line: string } {
  // The keys go in at once: Tab, then Ctrl-A and a command in front of the line. zle reads them in
  // order, so the output ends with the line as Tab left it, whenever that is.
  const driver = `zmodload zsh/zpty
zpty z 'zsh -f -i'
zpty -w z "bindkey -e; PS1='> '; autoload -Uz compinit; compinit -u -d \${(q)1}/zcompdump; source \${(q)2}; cd \${(q)3}; print RE''ADY"
zpty -w -n z "$4"$'\\t\\x01print -r -- LI\\'\\'NE: \\n'
local out
zpty -r z out '*LINE: *'$'\\n''*'
print -r -- "$out"
zpty -d z`;
  const run = spawnSync("zsh", ["-f", "-c", driver, "zsh", dir, scripts.zsh!, repo, typed], {
    encoding: "utf8",
    timeout: 20_000,
  });
  const text = run.stdout
    // eslint-disable-next-line no-control-regex
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, " ")
    // eslint-disable-next-line no-control-regex
    .replace(/[^\n]\x08/g, "")
    // eslint-disable-next-line no-control-regex
    .replace(/[\r\x07]/g, "");
  const after = text.slice(text.indexOf("READY") + 5);
  const printed = /^ *LINE: (.*)$/m.exec(after);
  expect(printed, run.stdout + run.stderr).not.toBeNull();
  return { screen: after.slice(0, printed!.index).split(/\s+/).filter(Boolean), line: printed![1]!.trim() };
}

describe.skipIf(!has("zsh"))("the zsh script, run by zsh", () => {
  const zsh = (program: string) => spawnSync("zsh", ["-f", "-c", program], { cwd: repo, encoding: "utf8" });

  it("has no syntax error", () => {
    const run = spawnSync("zsh", ["-n", scripts.zsh!], { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
  });

  it("registers _aep-gitops for aep-gitops, sourced or autoloaded from fpath", () => {
    const compinit = `autoload -Uz compinit && compinit -u -d '${dir}/zcompdump'`;
    const sourced = zsh(`${compinit}; source '${scripts.zsh}'; print -r -- $_comps[aep-gitops]`);
    expect(sourced.stdout.trim(), sourced.stderr).toBe("_aep-gitops");
    const functions = path.join(dir, "zfunctions");
    mkdirSync(functions, { recursive: true });
    writeFileSync(path.join(functions, "_aep-gitops"), readFileSync(scripts.zsh!));
    const autoloaded = zsh(`fpath=('${functions}' $fpath); ${compinit}-fpath; print -r -- $_comps[aep-gitops]`);
    expect(autoloaded.stdout.trim(), autoloaded.stderr).toBe("_aep-gitops");
  });

  it("completes on a terminal: commands, options, choices and folders", () => {
    expect(zshTab("aep-gitops ").screen).toEqual(expect.arrayContaining([...commandNames, "saved"]));
    expect(zshTab("aep-gitops plan --format ").screen).toEqual(expect.arrayContaining(["json", "markdown", "text"]));
    const validate = zshTab("aep-gitops validate --format ").screen;
    expect(validate).toEqual(expect.arrayContaining(["json", "text"]));
    expect(validate).not.toContain("markdown");
    const options = zshTab("aep-gitops plan --").screen;
    expect(options).toEqual(expect.arrayContaining(["--format", "--prune", "--detailed-exitcode", "output"]));
    expect(options).not.toContain("--cache");
    expect(zshTab("aep-gitops validate --").screen).not.toContain("--prune");
    expect(zshTab("aep-gitops completion ").screen).toEqual(expect.arrayContaining(["bash", "fish", "zsh"]));
    expect(zshTab("aep-gitops plan dest").line).toBe("aep-gitops plan destinations");
    expect(zshTab("aep-gitops sh").line).toBe("aep-gitops show");
    expect(zshTab("aep-gitops show pro").line).toBe("aep-gitops show promo.plan");
  }, 60_000);
});
