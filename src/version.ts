// The version of aep-gitops, from package.json (bundled in at build time): shown by --version, and
// written into saved plans, which another version refuses to apply.
import pkg from "../package.json" with { type: "json" };

export const VERSION: string = pkg.version;
