// When nothing names the YAML's folder (no path on the command line, no tool config, or one without
// `sandboxes`), the default `destinations/` is read; run from a subfolder, or from the wrong repository,
// that folder is not there. "destinations:1:1 no such file or folder" then leaves a newcomer guessing,
// so the problem says where it looked (the folder, and the folders searched for a config) and the ways
// to point elsewhere: a path argument, --config, or `sandboxes` in the tool config.
import path from "node:path";
import type { Problem } from "../domain/checks/problem.js";
import { SEARCH_PLACES } from "./tool-config-file.js";
import type { ToolConfig } from "./tool-config.js";

/** `problems` with the default folder's path-not-found explained; every other problem as it was. */
export function explainDefaultFolder(problems: Problem[], tool: ToolConfig, cwd: string): Problem[] {
  const folder = tool.defaultFolder;
  if (folder === undefined) return problems;
  return problems.map((p) =>
    p.rule === "path-not-found" && p.file === folder ? { ...p, ...explanation(tool, folder, cwd) } : p,
  );
}

function explanation(tool: ToolConfig, folder: string, cwd: string): Pick<Problem, "message" | "hint"> {
  const shown = (file: string) => path.relative(cwd, file) || ".";
  const name = path.basename(folder);
  if (tool.configFile) {
    const config = shown(tool.configFile);
    return {
      message: `no folder '${shown(folder)}': ${config} lists no sandboxes, so the default '${name}' beside it was read`,
      hint: `list each sandbox's folders in ${config} (sandboxes: { prod: [path/to/yaml] }), or name the folder on the command line (aep-gitops validate path/to/yaml)`,
    };
  }
  const folders = (tool.searched ?? [cwd]).map(shown);
  const searched = folders.length > 1 ? `${folders.slice(0, -1).join(", ")} and ${folders.at(-1)!}` : folders[0]!;
  return {
    message: `no folder '${shown(folder)}', and no aep-gitops config to name another: looked for ${SEARCH_PLACES[0]} (and the other config names) in ${searched} (from here up to the repository root)`,
    hint: `name the folder on the command line (aep-gitops validate path/to/yaml), pass --config path/to/${SEARCH_PLACES[0]}, or write one at the repository root with sandboxes: { prod: [path/to/yaml] }`,
  };
}
