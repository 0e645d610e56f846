// Where aep-gitops itself is installed (or cloned): the folder holding its package.json, found from the
// running module upwards, wherever the bundler put that module (dist/cli/index.cjs, dist/action/…) or the tests run it
// from (src/…). The examples and the schemas ship there.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export function packageRoot(moduleUrl: string): string {
  for (let dir = path.dirname(fileURLToPath(moduleUrl)); ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "aep-gitops")
      return dir;
    if (dir === path.dirname(dir)) throw new Error(`aep-gitops' package.json not found above ${moduleUrl}`);
  }
}
