// Which files make up a sandbox: every *.yaml / *.yml under the given folders (recursively, sorted, so
// results never depend on the file system's order), plus files named directly. Hidden entries (.git,
// .github) and node_modules are skipped while walking, as eslint and prettier do: `validate .` at a
// config repository's root must check the user's files, not the YAML of its dependencies (a file or
// folder named on the command line is read all the same). Symlinked folders are not followed, so a
// link cannot loop. Given the
// repository (repository.ts), every path given and every link met must lead inside it: one that leads
// out is refused before anything is read, so no file beyond the repository is ever listed.
//
// Synchronous on purpose, as the reading is (yaml-file.ts): listing a tree is many tiny system calls,
// which fs/promises sends through the thread pool one by one, and loading fs/promises alone costs ~2 ms of
// every start.
import { readdirSync, statSync, type Dirent } from "node:fs";
import path from "node:path";
import type { Problem } from "../domain/checks/problem.js";
import { problem } from "../domain/checks/problems.js";
import type { Repository } from "./repository.js";

const YAML_FILE = /\.ya?ml$/i;

/** Without a repository, nothing is refused: for the package's own examples (the demo) and tests. */
export function listYamlFiles(
  paths: string[],
  repository?: Repository,
): Promise<{ files: string[]; problems: Problem[] }> {
  const files = new Set<string>();
  const problems: Problem[] = [];
  for (const input of paths) {
    const absolute = repository ? repository.admit(input) : path.resolve(input);
    const info = statOrUndefined(absolute);
    if (!info) {
      problems.push(
        problem({ file: absolute, line: 1, column: 1 }, "path-not-found", "no such file or folder", {
          hint: "name the folder that holds the destination YAML, or list each sandbox's folders in aep-gitops.config.yaml",
        }),
      );
    } else if (info.isDirectory()) {
      const found = walk(absolute, repository);
      if (found.length === 0) {
        problems.push(
          problem({ file: absolute, line: 1, column: 1 }, "no-files", "folder holds no .yaml or .yml files", {
            severity: "warning",
          }),
        );
      }
      found.forEach((file) => files.add(file));
    } else {
      // A file named on purpose is read whatever its extension.
      files.add(absolute);
    }
  }
  return Promise.resolve({ files: [...files].sort(), problems });
}

function walk(dir: string, repository: Repository | undefined): string[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    entries = [];
  }
  const files: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    // Any link, to a file or a folder, followed or not: one that leads out is an error, not a skip.
    if (repository && entry.isSymbolicLink() && repository.locate(full) !== "inside")
      throw repository.refusal("link", repository.show(full));
    if (entry.isDirectory()) files.push(...walk(full, repository));
    else if (
      YAML_FILE.test(entry.name) &&
      (entry.isFile() || (entry.isSymbolicLink() && statOrUndefined(full)?.isFile() === true))
    )
      files.push(full);
  }
  return files;
}

function statOrUndefined(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
