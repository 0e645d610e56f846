// Where the `# yaml-language-server: $schema=` line of a YAML file that aep-gitops writes should point, so
// the editor of whoever clones the repository finds the schema too: the package the project installs, else
// this tool's own schema when it lives in the same repository (a clone of aep-gitops), else the schema's
// published $id. Never a path out of the repository into some other folder (a global npm install, another
// checkout): it would mean nothing on anyone else's machine.
import { existsSync, realpathSync } from "node:fs";
import path from "node:path";
import { resourceSchema } from "./schema.js";

const INSTALLED = path.join("node_modules", "aep-gitops", "schemas", "aep-gitops.schema.json");

/**
 * The `$schema=` value for a file written into `outDir` (which need not exist yet). `toolSchemaFile` is the
 * aep-gitops.schema.json of the running tool (in the installed package or in a clone of aep-gitops).
 */
export function schemaReference(outDir: string, toolSchemaFile: string): string {
  const dir = realPath(path.resolve(outDir));
  const repository = gitRoot(dir);
  // Up to the repository's root: a node_modules above it (say ~/node_modules) is not part of the project.
  const folders = ancestors(dir);
  for (const folder of repository ? folders.slice(0, folders.indexOf(repository) + 1) : folders) {
    // Not resolved: node_modules/aep-gitops may be a link (npm link, workspaces); the path through it stays valid.
    const installed = path.join(folder, INSTALLED);
    if (existsSync(installed)) return relative(dir, installed);
  }
  const schema = realPath(path.resolve(toolSchemaFile));
  if (repository !== undefined && gitRoot(path.dirname(schema)) === repository) return relative(dir, schema);
  return resourceSchema.$id;
}

/** The folder itself, then each parent up to the root of the file system. */
function ancestors(dir: string): string[] {
  const found = [dir];
  for (let parent = path.dirname(dir); parent !== found.at(-1); parent = path.dirname(parent)) found.push(parent);
  return found;
}

/** The nearest folder holding a `.git` (a folder, or a file in a worktree or submodule). */
function gitRoot(dir: string): string | undefined {
  return ancestors(dir).find((folder) => existsSync(path.join(folder, ".git")));
}

/** Symbolic links resolved in the part of `target` that exists (an output folder may not exist yet). */
function realPath(target: string): string {
  const missing: string[] = [];
  let existing = target;
  while (!existsSync(existing) && path.dirname(existing) !== existing) {
    missing.unshift(path.basename(existing));
    existing = path.dirname(existing);
  }
  return path.join(realpathSync(existing), ...missing);
}

/** A relative reference with forward slashes, as the language server reads it on every platform. */
function relative(from: string, to: string): string {
  return path.relative(from, to).split(path.sep).join("/");
}
