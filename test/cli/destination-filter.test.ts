// `--destination` on plan, apply and drift, as Terraform's -target: only the matching destinations are
// planned (with the accounts and shared objects they need), the plan says it is partial, its checksum
// binds the filter, nothing outside the filter is pruned or even listed, and a pattern that matches
// nothing is a usage error naming the nearest names.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { canonicalJson, sha256 } from "../../src/domain/review/canonical.js";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- parsed documents

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/marketing.yaml", kinesisAccount("kinesis-marketing"));
  lab.write("destinations/loyalty-account.yaml", kinesisAccount("kinesis-loyalty"));
  lab.write("destinations/promo-eu.yaml", kinesisDestination("promo-eu"));
  lab.write("destinations/promo-us.yaml", kinesisDestination("promo-us"));
  lab.write("destinations/loyalty.yaml", kinesisDestination("loyalty", { account: "kinesis-loyalty" }));
});
afterEach(() => lab.close());

async function json(args: string[]): Promise<{ code: number | null; doc: Json; stderr: string }> {
  const run = await lab.cli([...args, "--format", "json"]);
  return { code: run.code, doc: JSON.parse(run.stdout) as Json, stderr: run.stderr };
}
const refs = (doc: Json): string[] => doc.sandboxes.flatMap((s: Json) => s.changes.map((c: Json) => c.ref)).sort();
const refsOf = (doc: Json, action: string): string[] =>
  doc.sandboxes.flatMap((s: Json) => s.changes.filter((c: Json) => c.action === action).map((c: Json) => c.ref));
const flowNames = async (): Promise<string[]> =>
  (await lab.ui("GET", "/flows?limit=100")).body.items.map((f: Json) => f.name).sort();
const connectionNames = async (): Promise<string[]> =>
  (await lab.ui("GET", "/connections?limit=100")).body.items.map((c: Json) => c.name).sort();

describe("plan --destination", () => {
  it("plans only the matching destinations, their accounts and the shared objects, and says it is partial", async () => {
    const text = await lab.cli(["plan", "--destination", "promo-*"]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout.split("\n")[0]).toBe(
      "Partial plan: only destinations matching 'promo-*', with the accounts and shared objects they need; nothing else is planned, pruned or listed.",
    );
    expect(text.stdout).toContain("Plan: 7 to add, 0 to change, 0 to destroy.");
    expect(text.stdout).not.toContain("loyalty");

    // By name or by the ref a plan shows, repeatable; the JSON names the filter, sorted.
    const plan = await json(["plan", "--destination", "promo-eu", "-d", "flow/promo-us"]);
    expect(plan.code).toBe(0);
    expect(plan.doc.filter).toEqual(["flow/promo-us", "promo-eu"]);
    expect(refs(plan.doc)).toEqual([
      "account/kinesis-marketing",
      "flow/promo-eu",
      "flow/promo-us",
      "profile-connection",
      "profile-source",
      "target/promo-eu",
      "target/promo-us",
    ]);

    const markdown = await lab.cli(["plan", "--destination", "loyalty", "--format", "markdown"]);
    expect(markdown.stdout).toContain("> Partial plan: only destinations matching 'loyalty'");
    expect(markdown.stdout).not.toContain("promo");

    const full = await json(["plan"]);
    expect(full.doc.filter).toBeUndefined();
    expect(refs(full.doc)).toHaveLength(10);
  });

  it("applies only them; the rest is left for a later apply", async () => {
    const apply = await lab.cli(["apply", "--yes", "--destination", "promo-*"]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(await flowNames()).toEqual(["promo-eu", "promo-us"]);
    expect(await connectionNames()).not.toContain("kinesis-loyalty");

    const rest = await json(["plan"]);
    expect(refs(rest.doc)).toEqual(["account/kinesis-loyalty", "flow/loyalty", "target/loyalty"]);
    expect((await lab.cli(["plan", "--destination", "promo-*", "--detailed-exitcode"])).code).toBe(0);
  });
});

describe("drift --destination", () => {
  it("reports only the matching destinations' drift", async () => {
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    for (const name of ["promo-eu", "loyalty"]) {
      const flow = (await lab.ui("GET", `/flows?property=name==${name}`)).body.items[0];
      const edit = await lab.uiPatchFlow(flow.id, [
        { op: "remove", path: "/transformations/0/params/profileSelectors/selectors/0" },
      ]);
      expect(edit.status).toBe(202);
    }
    const one = await json(["drift", "--destination", "promo-eu"]);
    expect(one.code).toBe(2);
    expect(one.doc.filter).toEqual(["promo-eu"]);
    expect(one.doc.items.map((i: Json) => i.ref)).toEqual(["flow/promo-eu"]);

    const none = await lab.cli(["drift", "--destination", "promo-us"]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain("Partial drift report: only destinations matching 'promo-us'");
    expect(none.stdout).not.toContain("loyalty");
    expect((await lab.cli(["drift"])).code).toBe(2);
  });
});

describe("prune under a filter", () => {
  it("never deletes or lists an orphan whose destination does not match", async () => {
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    lab.remove("destinations/promo-eu.yaml");
    lab.remove("destinations/loyalty.yaml");
    lab.remove("destinations/loyalty-account.yaml");

    // Unfiltered, prune would delete both destinations and the account only loyalty used.
    const full = await json(["plan", "--prune"]);
    expect(refsOf(full.doc, "delete").sort()).toEqual([
      "account/kinesis-loyalty",
      "flow/loyalty",
      "flow/promo-eu",
      "target/loyalty",
      "target/promo-eu",
    ]);

    // Filtered: the matching orphan (promo-eu) is in scope; loyalty and its account are not even listed.
    const pruned = await json(["plan", "--prune", "--destination", "promo-*"]);
    expect(pruned.code).toBe(0);
    expect(refs(pruned.doc)).toEqual(["flow/promo-eu", "target/promo-eu"]);
    expect(refsOf(pruned.doc, "delete")).toEqual(["flow/promo-eu", "target/promo-eu"]);
    const listed = await json(["plan", "--destination", "promo-*"]);
    expect(refs(listed.doc)).toEqual(["flow/promo-eu", "target/promo-eu"]);
    expect(refsOf(listed.doc, "orphan").sort()).toEqual(["flow/promo-eu", "target/promo-eu"]);

    const apply = await lab.cli(["apply", "--yes", "--prune", "--destination", "promo-*"]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(await flowNames()).toEqual(["loyalty", "promo-us"]);
    expect(await connectionNames()).toContain("kinesis-loyalty");
  });
});

describe("the checksum of a partial plan", () => {
  beforeEach(async () => {
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    lab.write("destinations/promo-eu.yaml", kinesisDestination("promo-eu", { description: "Edited in Git" }));
  });

  it("binds the filter: a full plan's checksum never applies a filtered run, nor the reverse", async () => {
    const partial = await json(["plan", "--destination", "promo-eu"]);
    const full = await json(["plan"]);
    // The same change either way, and still two checksums.
    expect(refs(partial.doc)).toEqual(["flow/promo-eu"]);
    expect(refs(full.doc)).toEqual(["flow/promo-eu"]);
    expect(partial.doc.checksum).not.toBe(full.doc.checksum);

    const before = (await lab.writes()).length;
    const filtered = await lab.cli(["apply", "--yes", "-d", "promo-eu", "--expect-checksum", full.doc.checksum]);
    expect(filtered.code).toBe(1);
    expect(filtered.stderr).toContain(`expected checksum ${full.doc.checksum}`);
    const unfiltered = await lab.cli(["apply", "--yes", "--expect-checksum", partial.doc.checksum]);
    expect(unfiltered.code).toBe(1);
    expect((await lab.writes()).length).toBe(before);

    const bound = await lab.cli(["apply", "--yes", "-d", "promo-eu", "--expect-checksum", partial.doc.checksum]);
    expect(bound.code, bound.stderr).toBe(0);
  });

  it("is saved with the plan: the file cannot be made a full plan, nor narrowed again", async () => {
    expect((await lab.cli(["plan", "--destination", "promo-eu", "--out", "partial.json"])).code).toBe(0);
    const file = path.join(lab.dir, "partial.json");
    const saved = JSON.parse(readFileSync(file, "utf8")) as Json;
    expect(saved.sandboxes[0].filter).toEqual(["promo-eu"]);

    const narrowed = await lab.cli(["apply", "partial.json", "--yes", "--destination", "promo-eu"]);
    expect(narrowed.code).toBe(1);
    expect(narrowed.stderr).toContain("--destination cannot change it");

    // Without its filter, with a digest made anew: only the checksum can tell, and it does.
    const { digest: _digest, ...body } = saved;
    delete body.sandboxes[0].filter;
    writeFileSync(path.join(lab.dir, "as-full.json"), JSON.stringify({ ...body, digest: sha256(canonicalJson(body)) }));
    const asFull = await lab.cli(["apply", "as-full.json", "--yes"]);
    expect(asFull.code).toBe(1);
    expect(asFull.stderr).toContain("does not match its checksum");

    const apply = await lab.cli(["apply", "partial.json", "--yes"]);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stdout).toContain("Partial plan: only destinations matching 'promo-eu'");
  });
});

describe("a pattern that matches nothing", () => {
  it("is a usage error naming the pattern and the nearest names, before anything is written", async () => {
    const typo = await lab.cli(["plan", "--destination", "promo-ue"]);
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain("No destination named 'promo-ue' in sandbox 'prod' (nearest: promo-eu, promo-us");
    expect(typo.stderr).toContain("Did you mean 'promo-eu'?");

    const glob = await json(["apply", "--yes", "--destination", "summer-*", "-d", "promo-*"]);
    expect(glob.code).toBe(1);
    expect(glob.doc).toMatchObject({ format: "aep-gitops.error/v1", command: "apply", error: { kind: "usage" } });
    expect(glob.doc.error.message).toContain("No destination matches 'summer-*'");
    expect(await lab.writes()).toEqual([]);

    const bad = await lab.cli(["drift", "--destination", "promo-[eu]"]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--destination 'promo-[eu]' is not a pattern aep-gitops reads");
  });
});
