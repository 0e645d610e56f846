// Audience references are checked against the live sandbox at plan time, and names resolve per sandbox.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, MEN_OVER_50, startLab, type Lab } from "../support/lab.js";

const MEN_OVER_50_DEV = "b05260be-08ce-47e5-89ae-c7d6ec80326b";

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
});
afterEach(() => lab.close());

function destination(audiences: string): string {
  return `apiVersion: aep-gitops/v1
kind: Destination
name: promo
type: amazon-kinesis
account: kinesis-marketing
target:
  stream: promo
  region: us-east-1
audiences:
${audiences}
profileAttributes:
  - person.lastName
`;
}

/** The audience ids a plan's flow create adds (in the PATCH that follows the empty create). */
function addedAudiences(
  plan: { sandboxes: { sandbox: string; changes: { ref: string; calls: { body: unknown }[] }[] }[] },
  sandbox: string,
) {
  const flow = plan.sandboxes.find((s) => s.sandbox === sandbox)!.changes.find((c) => c.ref === "flow/promo")!;
  const ops = flow.calls[1]!.body as { path: string; value: { value: { id: string } } }[];
  return ops.filter((op) => op.path.endsWith("/segmentSelectors/selectors/-")).map((op) => op.value.value.id);
}

describe("audience references", () => {
  it("fails the plan at the line of an audience id the sandbox does not have, and writes nothing", async () => {
    lab.write(
      "destinations/promo.yaml",
      destination(`  - id: ${MEN_OVER_50}\n  - id: 00000000-1111-4222-8333-444444444444\n    name: Ghosts`),
    );
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(
      /destinations\/promo\.yaml:11:5 +error +unknown-audience +Audience 00000000-1111-4222-8333-444444444444 \(Ghosts\) does not exist in sandbox 'prod'\./,
    );
    expect(await lab.writes()).toEqual([]);
  });

  it("warns when the name next to an id is not Adobe's name for it", async () => {
    lab.write("destinations/promo.yaml", destination(`  - id: ${MEN_OVER_50}\n    name: Men over 60`));
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(2);
    expect(plan.stderr).toMatch(
      /promo\.yaml:10:5 +warning +audience-name +Audience 72ddd79b-6b0a-4e97-a8d2-112ccd81bd02 is named 'Men over 50'/,
    );
  });

  it("resolves an audience given by name to each sandbox's own id", async () => {
    lab.write("aep-gitops.config.yaml", "sandboxes:\n  prod: destinations\n  dev: destinations\n");
    lab.write("destinations/promo.yaml", destination("  - name: Men over 50"));
    const plan = await lab.cli(["plan", "--detailed-exitcode", "--format", "json"]);
    expect(plan.code, plan.stderr).toBe(2);
    const json = JSON.parse(plan.stdout);
    // The flow is created empty; its audiences are added by the PATCH that follows (calls[1]).
    const ids = (sandbox: string) => addedAudiences(json, sandbox);
    expect(ids("prod")).toEqual([MEN_OVER_50]);
    expect(ids("dev")).toEqual([MEN_OVER_50_DEV]);
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it("reads every page of a sandbox's audiences (here 261) to resolve a name on the last one", async () => {
    const token = await fetch(`${lab.url}/ims/token/v3`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: "ui-editor",
        client_secret: "ui-secret",
        scope: "openid",
      }),
    }).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
    const headers = {
      authorization: `Bearer ${token}`,
      "x-api-key": "ui-editor",
      "x-gw-ims-org-id": "DEMOORG0000000000000000@AdobeOrg",
      "x-sandbox-name": "prod",
      "content-type": "application/json",
    };
    let last = "";
    for (let i = 0; i < 250; i++) {
      const response = await fetch(`${lab.url}/data/core/ups/segment/definitions`, {
        method: "POST",
        headers,
        body: JSON.stringify({ name: `Generated audience ${i}` }),
      });
      last = ((await response.json()) as { id: string }).id;
    }
    lab.write("destinations/promo.yaml", destination("  - name: Generated audience 249"));
    const plan = await lab.cli(["plan", "--detailed-exitcode", "--format", "json"]);
    expect(plan.code, plan.stderr).toBe(2);
    expect(addedAudiences(JSON.parse(plan.stdout), "prod")).toEqual([last]);
    // References are read from the Audiences API (every origin), in pages of 100 by its next links.
    const pages = (await lab.requests()).filter((r) => r.route === "/data/core/ups/audiences" && r.method === "GET");
    expect(pages).toHaveLength(3);
  });

  it("refuses a name two audiences share, and lists both ids", async () => {
    lab.write("destinations/promo.yaml", destination("  - name: Loyal customers"));
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(
      /promo\.yaml:10:5 +error +ambiguous-audience +2 audiences are named 'Loyal customers' in sandbox 'prod' \(12a04c10-9a9f-4ba7-8bc6-8ef47f766db3, 74d32c44-49af-42b8-a5f9-02daf2f3ab92\)\./,
    );
    expect(plan.stderr).toContain("Give the audience's id as well");
  });
});

describe("what the reviewer reads: Adobe's name for each audience id", () => {
  const mislabelled = `  - id: ${MEN_OVER_50}\n    name: Newsletter subscribers`;
  const note = `destination 'promo': audience ${MEN_OVER_50} is 'Men over 50' in Adobe, but the YAML calls it 'Newsletter subscribers'`;

  it("shows Adobe's name, and the YAML's label flagged where it differs, in text, markdown and JSON", async () => {
    lab.write("destinations/promo.yaml", destination(mislabelled));
    const text = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(text.code, text.stderr).toBe(2);
    const shown = `+ audience ${MEN_OVER_50} (Men over 50; YAML says "Newsletter subscribers")`;
    expect(text.stdout).toContain(shown);
    expect(text.stdout).toContain(`warning: [prod] ${note}`);

    const markdown = await lab.cli(["plan", "--format", "markdown"]);
    expect(markdown.stdout).toContain(
      `- ➕ audience **Men over 50** \`${MEN_OVER_50}\` ⚠️ YAML says \`Newsletter subscribers\``,
    );
    expect(markdown.stdout).toContain(note);

    const json = JSON.parse((await lab.cli(["plan", "--format", "json"])).stdout);
    const [egress] = json.sandboxes[0].egress;
    expect(egress.audiencesAdded).toEqual([
      { id: MEN_OVER_50, name: "Newsletter subscribers", adobeName: "Men over 50", profiles: 1_184_302 },
    ]);
    expect(json.sandboxes[0].notes).toContainEqual({ level: "warning", message: expect.stringContaining(note) });
  });

  it("names an audience given by id alone, and a removed one, by Adobe's name", async () => {
    lab.write("destinations/promo.yaml", destination(`  - id: ${MEN_OVER_50}`));
    const plan = await lab.cli(["plan"]);
    expect(plan.stdout).toContain(`+ audience ${MEN_OVER_50} (Men over 50)`);
    expect(plan.stdout).not.toContain("YAML says");
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    lab.write("destinations/promo.yaml", destination("  - name: Women 25-34"));
    const removal = await lab.cli(["plan"]);
    expect(removal.stdout).toContain(`- audience ${MEN_OVER_50} (Men over 50)`);
  });
});
