// Safety rails and ownership, end to end: nothing is deleted or taken over unless asked.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
  lab.write("destinations/a.yaml", kinesisDestination("dest-a"));
  lab.write("destinations/b.yaml", kinesisDestination("dest-b"));
  expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
});
afterEach(() => lab.close());

const flowNames = async (l: Lab) =>
  (await l.ui("GET", "/flows?limit=100")).body.items.map((f: { name: string }) => f.name).sort();

describe("prune", () => {
  it("lists a destination removed from YAML as orphaned and deletes nothing without prune", async () => {
    lab.remove("destinations/b.yaml");
    const before = (await lab.writes()).length;
    const apply = await lab.cli(["apply", "--yes"]);
    expect(apply.stdout).toMatch(/orphan/i);
    expect(apply.code).toBe(0);
    expect((await lab.writes()).length).toBe(before);
    expect(await flowNames(lab)).toEqual(["dest-a", "dest-b"]);
  });

  it("deletes flow then target connection with --prune, and the plan converges", async () => {
    lab.remove("destinations/b.yaml");
    const before = (await lab.dataWrites()).length;
    const apply = await lab.cli(["apply", "--yes", "--prune"]);
    expect(apply.code).toBe(0);
    expect((await lab.dataWrites()).slice(before).map((w) => `${w.method} ${w.route}`)).toEqual([
      "DELETE /flows/{id}",
      "DELETE /targetConnections/{id}",
    ]);
    expect(await flowNames(lab)).toEqual(["dest-a"]);
    expect((await lab.cli(["plan", "--detailed-exitcode", "--prune"])).code).toBe(0);
  });

  it("deletes an account that left the YAML only after the destinations that used it", async () => {
    lab.remove("destinations/a.yaml");
    lab.remove("destinations/b.yaml");
    lab.write("destinations/account.yaml", kinesisAccount("other-account"));
    const before = (await lab.dataWrites()).length;
    expect((await lab.cli(["apply", "--yes", "--prune", "--force"])).code).toBe(0);
    const routes = (await lab.dataWrites()).slice(before).map((w) => `${w.method} ${w.route}`);
    const deletes = routes.filter((r) => r.startsWith("DELETE"));
    expect([...deletes].sort()).toEqual([
      "DELETE /connections/{id}",
      "DELETE /flows/{id}",
      "DELETE /flows/{id}",
      "DELETE /targetConnections/{id}",
      "DELETE /targetConnections/{id}",
    ]);
    // Each target connection goes after the flow that used it (they run concurrently, so the two
    // destinations may interleave), and the account after both target connections.
    expect(deletes[0]).toBe("DELETE /flows/{id}");
    expect(deletes.at(-1)).toBe("DELETE /connections/{id}");
    expect((await lab.cli(["plan", "--detailed-exitcode", "--prune"])).code).toBe(0);
  });
});

describe("guards", () => {
  it("refuses an empty desired set while managed objects exist, and says how to override", async () => {
    lab.remove("destinations/a.yaml");
    lab.remove("destinations/b.yaml");
    lab.remove("destinations/account.yaml");
    lab.write("destinations/README.md", "nothing here");
    const before = (await lab.writes()).length;
    const apply = await lab.cli(["apply", "--yes", "--prune"]);
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("--allow-empty");
    expect((await lab.writes()).length).toBe(before);
  });

  it("refuses more than maxChangePercent of the managed objects unless --force", async () => {
    for (let i = 0; i < 4; i++) lab.write(`destinations/extra-${i}.yaml`, kinesisDestination(`extra-${i}`));
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    for (const name of ["a", "b"])
      lab.write(`destinations/${name}.yaml`, kinesisDestination(`dest-${name}`, { description: "edited" }));
    for (let i = 0; i < 4; i++)
      lab.write(`destinations/extra-${i}.yaml`, kinesisDestination(`extra-${i}`, { description: "edited" }));
    const before = (await lab.writes()).length;
    const refused = await lab.cli(["apply", "--yes"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /Too many changes: 85\.71% of the destinations and accounts .* \(6\/7\), over maxChangePercent 30\.00%/,
    );
    expect(refused.stderr).toContain("--force");
    expect((await lab.writes()).length).toBe(before);
    expect((await lab.cli(["apply", "--yes", "--force"])).code).toBe(0);
  });

  it("refuses a same-named destination made in Adobe's UI instead of taking it over", async () => {
    const flow = (await lab.ui("GET", "/flows?property=name==dest-a")).body.items[0];
    // A person creates a flow named like a new YAML destination, on the same target connection.
    const created = await lab.ui("POST", "/flows", {
      body: {
        name: "dest-c",
        flowSpec: flow.flowSpec,
        sourceConnectionIds: flow.sourceConnectionIds,
        targetConnectionIds: flow.targetConnectionIds,
        transformations: flow.transformations,
      },
    });
    expect(created.status).toBe(201);
    lab.write("destinations/c.yaml", kinesisDestination("dest-c"));
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(1);
    expect(plan.stdout + plan.stderr).toContain("aep-gitops import");
    const apply = await lab.cli(["apply", "--yes"]);
    expect(apply.code).toBe(1);
  });
});
