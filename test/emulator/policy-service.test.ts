// The Policy Service's evaluation routes and the Profile API's merge policies, as Adobe's pages show them
// (help/data-governance/api/evaluation.md, help/segmentation/tutorials/governance.md): labels judged by
// GET, datasets and fields by POST, several jobs by bulk-eval; the seeded policies and labelled datasets;
// the chain from an audience's mergePolicyId to its datasets; and the refusal switches.
import { describe, expect, it } from "vitest";
import { itConformsToAdobeSpecs } from "./helpers/contract.js";
import { useEmulator } from "./helpers/harness.js";

const DULE = "/data/foundation/dulepolicy";
const EMAIL = `${DULE}/marketingActions/core/emailTargeting/constraints`;
const CRM = "5b95b155419ec801e6eee780";
const WEB = "5b7c86968f7b6501e21ba9df";
const MEN_OVER_50 = "72ddd79b-6b0a-4e97-a8d2-112ccd81bd02";

const env = useEmulator();
const forbidden = useEmulator({ config: { policyApi: 403, mergePoliciesApi: 404 } });

describe("GET …/marketingActions/{core|custom}/{NAME}/constraints?duleLabels=", () => {
  it("returns the enabled policies the labels violate, with name, id and deny rule (evaluation.md #labels)", async () => {
    const result = await env.api.call("GET", `${EMAIL}?duleLabels=C1,C5`);
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({
      marketingActionRef:
        "https://platform.adobe.io:443/data/foundation/dulepolicy/marketingActions/core/emailTargeting",
      duleLabels: ["C1", "C5"],
      sandboxName: "prod",
    });
    expect(result.body.violatedPolicies).toEqual([
      expect.objectContaining({
        id: "corepolicy_0003",
        name: "Restrict email targeting",
        status: "ENABLED",
        deny: { operator: "OR", operands: [{ label: "C2" }, { label: "C5" }] },
      }),
    ]);
  });

  it("allows what no policy denies (an empty violatedPolicies), counts a DRAFT policy only with includeDraft", async () => {
    expect((await env.api.call("GET", `${EMAIL}?duleLabels=C1,C3`)).body.violatedPolicies).toEqual([]);
    const draft = await env.api.call("GET", `${EMAIL}?duleLabels=C1,C3&includeDraft=true`);
    expect(draft.body.violatedPolicies.map((p: { name: string }) => p.name)).toEqual(["Email Policy"]);
  });

  it("refuses a missing duleLabels (400) and an unknown marketing action (404)", async () => {
    expect((await env.api.call("GET", EMAIL)).status).toBe(400);
    const unknown = await env.api.call("GET", `${DULE}/marketingActions/custom/nothing/constraints?duleLabels=C1`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.detail).toBe("https://platform.adobe.io:443/marketingActions/custom/nothing not found");
  });
});

describe("POST …/constraints with datasets and fields", () => {
  it("collects the dataset's labels, and only the named fields' (JSON Pointers) when fields are given", async () => {
    const whole = await env.api.call("POST", EMAIL, { body: [{ entityType: "dataSet", entityId: CRM }] });
    expect(whole.status).toBe(200);
    expect(whole.body.duleLabels).toEqual(["C2"]);
    expect(whole.body.violatedPolicies.map((p: { id: string }) => p.id)).toEqual(["corepolicy_0003"]);
    const fields = ["/properties/person/properties/lastName"];
    const clean = await env.api.call("POST", EMAIL, {
      body: [{ entityType: "dataSet", entityId: CRM, entityMeta: { fields } }],
    });
    expect(clean.body).toMatchObject({ duleLabels: [], violatedPolicies: [] });
    expect(clean.body.discoveredLabels[0].dataSetLabels.fields).toEqual([]);
  });

  it("a field inside a labelled object carries its label; bare names (the bulk example's) are read too", async () => {
    const inside = await env.api.call("POST", EMAIL, {
      body: [
        { entityType: "dataSet", entityId: CRM, entityMeta: { fields: ["/properties/homeAddress/properties/city"] } },
      ],
    });
    expect(inside.body.duleLabels).toEqual(["C2"]);
    const bare = await env.api.call("POST", EMAIL, {
      body: [{ entityType: "dataSet", entityId: CRM, entityMeta: { fields: ["address"] } }],
    });
    expect(bare.body.discoveredLabels[0].dataSetLabels.fields).toEqual([
      { labels: ["C2"], path: "/properties/personalEmail/properties/address" },
    ]);
  });

  it("refuses an unknown dataset (404) and a body that is not a list of entities (400)", async () => {
    expect((await env.api.call("POST", EMAIL, { body: [{ entityType: "dataSet", entityId: "nope" }] })).status).toBe(
      404,
    );
    expect((await env.api.call("POST", EMAIL, { body: { entityId: CRM } })).status).toBe(400);
  });
});

describe("POST /bulk-eval", () => {
  it("answers each job in order with its status and body (evaluation.md #bulk)", async () => {
    const result = await env.api.call("POST", `${DULE}/bulk-eval`, {
      body: [
        { evalRef: `https://platform.adobe.io:443${EMAIL}`, includeDraft: false, labels: ["C1", "C2", "C3"] },
        {
          evalRef: EMAIL,
          entityList: [{ entityType: "dataSet", entityId: WEB, entityMeta: { fields: ["/properties/person"] } }],
        },
        { evalRef: `${DULE}/marketingActions/core/nothing/constraints`, labels: ["C1"] },
      ],
    });
    expect(result.status).toBe(200);
    expect(result.body.map((r: { status: number }) => r.status)).toEqual([200, 200, 404]);
    expect(result.body[0].body.violatedPolicies[0].id).toBe("corepolicy_0003");
    expect(result.body[1].body.duleLabels).toEqual(["C5"]);
    expect(result.body[2].error.title).toBe("NotFound");
  });

  it("refuses a job with both labels and an entityList (400), as the page warns", async () => {
    const both = await env.api.call("POST", `${DULE}/bulk-eval`, {
      body: [{ evalRef: EMAIL, labels: ["C1"], entityList: [{ entityType: "dataSet", entityId: CRM }] }],
    });
    expect(both.status).toBe(400);
  });
});

describe("merge policies", () => {
  it("an audience's mergePolicyId leads to its datasets (governance.md)", async () => {
    const audience = (await env.api.call("GET", `/data/core/ups/audiences/${MEN_OVER_50}`)).body;
    const policy = await env.api.call("GET", `/data/core/ups/config/mergePolicies/${audience.mergePolicyId}`);
    expect(policy.status).toBe(200);
    expect(policy.body).toMatchObject({
      id: audience.mergePolicyId,
      attributeMerge: { type: "dataSetPrecedence", data: { order: [CRM, WEB] } },
    });
    expect((await env.api.call("GET", "/data/core/ups/config/mergePolicies/other")).status).toBe(404);
  });
});

describe("refusal switches", () => {
  it("policyApi and mergePoliciesApi refuse their routes", async () => {
    expect((await forbidden.api.call("GET", `${EMAIL}?duleLabels=C1`)).status).toBe(403);
    expect((await forbidden.api.call("POST", `${DULE}/bulk-eval`, { body: [] })).status).toBe(403);
    expect((await forbidden.api.call("GET", "/data/core/ups/config/mergePolicies/x")).status).toBe(404);
  });
});

itConformsToAdobeSpecs();
