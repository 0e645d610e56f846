// Where `import` points the `$schema` line of the files it writes, checked in real folders: the installed
// package, else this tool's schema in the same Git repository, else the schema's published $id.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { schemaReference } from "../../src/config/schema-location.js";
import { resourceSchema } from "../../src/config/schema.js";

const URL_ID = "https://raw.githubusercontent.com/aep-gitops/aep-gitops/main/schemas/aep-gitops.schema.json";
const INSTALLED = "node_modules/aep-gitops/schemas/aep-gitops.schema.json";

let tmp = "";
beforeEach(() => void (tmp = realpathSync(mkdtempSync(path.join(tmpdir(), "aep-gitops-schema-location-")))));
afterEach(() => rmSync(tmp, { recursive: true, force: true }));

/** Creates `file` (and its folders) under the temp folder; returns its absolute path. */
function touch(file: string, text = "{}"): string {
  const full = path.join(tmp, file);
  mkdirSync(path.dirname(full), { recursive: true });
  writeFileSync(full, text);
  return full;
}

function folder(dir: string): string {
  const full = path.join(tmp, dir);
  mkdirSync(full, { recursive: true });
  return full;
}

/** A schema file of a global npm install, in no repository and in no parent of the output folders. */
const globalSchema = () => touch(`global/lib/${INSTALLED}`);

describe("schemaReference", () => {
  it("is the published $id of the schema when nothing better is at hand", () => {
    expect(resourceSchema.$id).toBe(URL_ID);
    expect(schemaReference(folder("plain/destinations"), globalSchema())).toBe(URL_ID);
  });

  it("points into node_modules when the project installs aep-gitops", () => {
    touch(`project/${INSTALLED}`);
    folder("project/.git");
    const out = folder("project/destinations/prod");
    expect(schemaReference(out, globalSchema())).toBe(`../../${INSTALLED}`);
    expect(schemaReference(path.join(tmp, "project"), globalSchema())).toBe(INSTALLED);
  });

  it("finds node_modules in a project that is not a Git repository", () => {
    touch(`project/${INSTALLED}`);
    expect(schemaReference(folder("project/a/b/c"), globalSchema())).toBe(`../../../${INSTALLED}`);
  });

  it("prefers the installed package to the tool's own schema in the same repository", () => {
    folder("clone/.git");
    const own = touch("clone/schemas/aep-gitops.schema.json");
    touch(`clone/${INSTALLED}`);
    expect(schemaReference(folder("clone/destinations"), own)).toBe(`../${INSTALLED}`);
  });

  it("keeps the path through a linked package (npm link, workspaces) rather than where the link leads", () => {
    folder("project/.git");
    const linked = folder("elsewhere/aep-gitops");
    touch("elsewhere/aep-gitops/schemas/aep-gitops.schema.json");
    folder("project/node_modules");
    symlinkSync(linked, path.join(tmp, "project/node_modules/aep-gitops"), "dir");
    expect(schemaReference(folder("project/destinations"), globalSchema())).toBe(`../${INSTALLED}`);
  });

  it("ignores a node_modules above the repository's root", () => {
    touch(`home/${INSTALLED}`);
    folder("home/repo/.git");
    expect(schemaReference(folder("home/repo/destinations"), globalSchema())).toBe(URL_ID);
  });

  it("points at the tool's own schema when it is in the same Git repository (a clone of aep-gitops)", () => {
    folder("clone/.git");
    const own = touch("clone/schemas/aep-gitops.schema.json");
    expect(schemaReference(folder("clone/destinations/prod"), own)).toBe("../../schemas/aep-gitops.schema.json");
    expect(schemaReference(folder("clone/examples/destinations/accounts"), own)).toBe(
      "../../../schemas/aep-gitops.schema.json",
    );
  });

  it("recognises a worktree or submodule, whose .git is a file", () => {
    touch("clone/.git", "gitdir: /somewhere/else/.git/worktrees/clone\n");
    const own = touch("clone/schemas/aep-gitops.schema.json");
    expect(schemaReference(folder("clone/destinations"), own)).toBe("../schemas/aep-gitops.schema.json");
  });

  it("works for an output folder that does not exist yet", () => {
    folder("clone/.git");
    const own = touch("clone/schemas/aep-gitops.schema.json");
    expect(schemaReference(path.join(tmp, "clone/not/yet/there"), own)).toBe("../../../schemas/aep-gitops.schema.json");
    expect(schemaReference(path.join(tmp, "nowhere/at/all"), own)).toBe(URL_ID);
  });

  it("uses the $id, not a path into another repository, when the tool's schema is in a different one", () => {
    folder("clone/.git");
    const own = touch("clone/schemas/aep-gitops.schema.json");
    folder("infra/.git");
    expect(schemaReference(folder("infra/destinations"), own)).toBe(URL_ID);
  });

  it("treats a repository nested in the clone (a submodule) as another repository", () => {
    folder("clone/.git");
    const own = touch("clone/schemas/aep-gitops.schema.json");
    touch("clone/vendor/infra/.git", "gitdir: ../../.git/modules/infra\n");
    expect(schemaReference(folder("clone/vendor/infra/destinations"), own)).toBe(URL_ID);
  });

  it("uses the $id for output outside any repository, even beside the tool's schema", () => {
    const own = touch("loose/schemas/aep-gitops.schema.json");
    expect(schemaReference(folder("loose/destinations"), own)).toBe(URL_ID);
  });

  it("accepts relative folders and writes forward slashes", () => {
    folder("clone/.git");
    const own = touch("clone/schemas/aep-gitops.schema.json");
    const out = folder("clone/destinations/prod");
    const reference = schemaReference(path.relative(process.cwd(), out), path.relative(process.cwd(), own));
    expect(reference).toBe("../../schemas/aep-gitops.schema.json");
    expect(reference).not.toContain("\\");
  });
});
