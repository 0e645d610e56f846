// The requests Adobe documents, by default: flows created with empty selectors and given them by one
// PATCH, every JSON Patch remove carrying the removed item, a target param sent only when the YAML sets
// it. The emulator's strict mode refuses anything else, and the examples still apply and re-plan clean.
import { cpSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, PROD_AUDIENCES, startLab, type Lab } from "../support/lab.js";

const EXAMPLES = path.resolve(import.meta.dirname, "../../examples/destinations");
const EXAMPLE_ENV = {
  KINESIS_MARKETING_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
  KINESIS_MARKETING_SECRET_KEY: "example-kinesis-secret-77",
  EVENT_HUBS_ANALYTICS_SAS_KEY: "example-sas-key-88",
};

let lab: Lab;
beforeEach(async () => {
  lab = await startLab({ config: { strictRequests: true } });
});
afterEach(() => lab.close());

describe("against an Adobe that refuses undocumented request shapes", () => {
  it("applies the examples, and the next plan is clean", async () => {
    // Copied into the lab's folder: the CLI reads nothing outside the repository it runs in.
    cpSync(EXAMPLES, path.join(lab.dir, "examples"), { recursive: true });
    const apply = await lab.cli(["apply", "examples", "--yes"], { env: EXAMPLE_ENV });
    expect(apply.code, apply.stderr + apply.stdout).toBe(0);
    expect((await lab.cli(["plan", "--detailed-exitcode", "examples"], { env: EXAMPLE_ENV })).code).toBe(0);
  });

  it("creates a flow empty, then adds its selectors in one PATCH", async () => {
    lab.write("destinations/account.yaml", kinesisAccount());
    lab.write("destinations/promo.yaml", kinesisDestination("promo"));
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    const flowWrites = (await lab.dataWrites()).filter((w) => w.route.startsWith("/flows"));
    expect(flowWrites.map((w) => `${w.method} ${w.route}`)).toEqual(["POST /flows", "PATCH /flows/{id}"]);
  });

  it("removes audiences and attributes with their values, and converges", async () => {
    lab.write("destinations/account.yaml", kinesisAccount());
    lab.write("destinations/promo.yaml", kinesisDestination("promo", { audiences: PROD_AUDIENCES.slice(0, 3) }));
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    lab.write(
      "destinations/promo.yaml",
      kinesisDestination("promo", { audiences: [PROD_AUDIENCES[1]!], attributes: ["person.lastName"] }),
    );
    const apply = await lab.cli(["apply", "--yes"]);
    expect(apply.code, apply.stderr).toBe(0);
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it("sends only the target params the YAML sets", async () => {
    lab.write("destinations/account.yaml", kinesisAccount());
    lab.write("destinations/promo.yaml", kinesisDestination("promo"));
    const plan = JSON.parse((await lab.cli(["plan", "--detailed-exitcode", "--format", "json"])).stdout);
    const create = plan.sandboxes[0].changes.find((c: { ref: string }) => c.ref === "target/promo");
    expect(create.calls[0].body.params).toEqual({ region: "us-east-1", stream: "promo-stream" });
  });
});
