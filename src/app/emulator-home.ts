// Where --emulator keeps its state (`.aep-gitops/`): with the configuration it stands in for, not in
// whatever folder the command was typed in. A command from `destinations/` must plan against the sandbox the
// one from the root applied to, not a fresh empty one that "adds" everything again. So: the tool
// config's folder (named with --config, or found from the working folder up, as every command finds it),
// else the repository root (the nearest folder with .git; outside Git, the working folder).
import path from "node:path";
import { Repository } from "../config/repository.js";
import { findConfigFolder } from "../config/tool-config-file.js";

export function emulatorHome(cwd: string, configFile?: string): string {
  if (configFile) return path.dirname(path.resolve(cwd, configFile));
  const repository = Repository.around(cwd);
  return findConfigFolder(repository) ?? repository.root;
}
