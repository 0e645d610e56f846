// Every ${env:NAME} a run will send is resolved when planning: a missing one is an error at the line of
// its reference, all of them in one run, and apply writes nothing while one is missing. A plan that is
// secretless by design (a pull request's) says what apply will need instead, with the same checksum.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, kinesisDestination, startLab, type Lab } from "../support/lab.js";

const HUBS_ACCOUNT = `apiVersion: aep-gitops/v1
kind: Account
name: eventhubs-crm
type: azure-event-hubs
credentials:
  sasKeyName: \${env:EH_SAS_KEY_NAME}
  sasKey: \${env:EH_SAS_KEY}
  namespace: crm-namespace
`;
const HUBS_DESTINATION = `apiVersion: aep-gitops/v1
kind: Destination
name: crm-events
type: azure-event-hubs
account: eventhubs-crm
target:
  eventHubName: crm-events
profileAttributes:
  - person.lastName
`;
const UNSET = { EH_SAS_KEY_NAME: undefined, EH_SAS_KEY: undefined };
const SET = { EH_SAS_KEY_NAME: "RootManageSharedAccessKey", EH_SAS_KEY: "sas-secret-Hh22xq" };

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/kinesis.yaml", kinesisAccount());
  lab.write("destinations/promo.yaml", kinesisDestination("promo"));
  lab.write("destinations/hubs.yaml", HUBS_ACCOUNT);
  lab.write("destinations/crm.yaml", HUBS_DESTINATION);
});
afterEach(() => lab.close());

describe("a credential whose environment variable is not set", () => {
  it("fails the plan with every missing variable at the line of its reference", async () => {
    const plan = await lab.cli(["plan", "--detailed-exitcode"], { env: UNSET });
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/destinations\/hubs\.yaml:6:15 +error +env-not-set +EH_SAS_KEY_NAME is not set/);
    expect(plan.stderr).toMatch(/destinations\/hubs\.yaml:7:11 +error +env-not-set +EH_SAS_KEY is not set/);
    expect(plan.stdout).toBe("");
  });

  it("stops apply before its first write, naming every missing variable", async () => {
    const apply = await lab.cli(["apply", "--yes"], { env: UNSET });
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain("EH_SAS_KEY_NAME");
    expect(apply.stderr).toContain("EH_SAS_KEY ");
    expect(await lab.writes()).toEqual([]);
  });

  it("is a warning with --secrets optional that says what apply will need, and the checksum is the same", async () => {
    const secretless = await lab.cli(["plan", "--detailed-exitcode", "--secrets", "optional", "--format", "json"], {
      env: UNSET,
    });
    expect(secretless.code).toBe(2);
    // With --format json the warnings are in the one JSON document, at their file:line:col.
    const json = JSON.parse(secretless.stdout);
    expect(json.problems).toContainEqual(
      expect.objectContaining({
        file: "destinations/hubs.yaml",
        line: 7,
        column: 11,
        severity: "warning",
        rule: "env-not-set",
      }),
    );
    expect(secretless.stderr).not.toContain("env-not-set");
    const account = json.sandboxes[0].changes.find((c: { ref: string }) => c.ref === "account/eventhubs-crm");
    expect(account.credentials).toBe("not-compared");
    const withSecrets = await lab.cli(["plan", "--detailed-exitcode", "--format", "json"], { env: SET });
    expect(withSecrets.code).toBe(2);
    expect(JSON.parse(withSecrets.stdout).checksum).toBe(json.checksum);
    const text = await lab.cli(["plan", "--detailed-exitcode", "--secrets", "optional"], { env: UNSET });
    expect(text.stdout).toContain("credentials: not compared");
    expect(text.stderr).toMatch(/hubs\.yaml:7:11 +warning +env-not-set +EH_SAS_KEY is not set: apply needs it/);
  });

  it("applies once the variables are set, and the plan converges", async () => {
    expect((await lab.cli(["apply", "--yes"], { env: SET })).code).toBe(0);
    expect((await lab.cli(["plan", "--detailed-exitcode"], { env: SET })).code).toBe(0);
  });
});
