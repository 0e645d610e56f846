// Audiences come from the Audiences API, every origin a streaming destination can export, paged by the
// links the server gives (whatever page size it chooses); an inactive audience, or one of an origin the
// destination cannot export, is an error at its line; a refused Audiences API falls back, and says so.
import { afterEach, describe, expect, it } from "vitest";
import { kinesisAccount, startLab, type Lab } from "../support/lab.js";

const UPLOADED = { id: "5b4f3c2e-8d1a-4e6b-9f70-2a1c3d4e5f60", name: "CRM upload: VIP customers" };
const INACTIVE = { id: "9c8b7a65-4d3e-4f21-8a0b-1c2d3e4f5a6b", name: "Summer sale 2023 (retired)" };
const ORCHESTRATED = { id: "0d1e2f30-4a5b-4c6d-8e7f-901a2b3c4d5e", name: "Composed: churn risk" };
/** Prod's active Platform audiences, newest first as the list serves them: with 4 per page, 3 pages. */
const ACTIVE = [
  "72ddd79b-6b0a-4e97-a8d2-112ccd81bd02",
  "fa1ec848-301b-4d38-b651-04a12114c7bb",
  "22a6a416-9144-4566-a44a-41301747d69e",
  "199897ff-0c92-41d0-87dc-c6d494cdad48",
  "d591f606-e773-4a32-b6ae-4d47bb987fab",
  "ba9733a8-18a2-4ea8-ac84-0167eb947dbe",
  "46db2560-40d9-4aa7-89e1-df0b5a1b0ed7",
  "c19a59bc-b049-4a56-b590-d9941c80ec7e",
  "eb764ff8-0e01-4af1-9304-9d442f0ed705",
];

let lab: Lab;
afterEach(() => lab.close());

async function start(config: Record<string, unknown> = {}) {
  lab = await startLab({ config });
  lab.write("destinations/account.yaml", kinesisAccount());
}

const destination = (audiences: string) => `apiVersion: aep-gitops/v1
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

const exported = async () =>
  (
    await lab.ui("GET", "/flows?property=name==promo")
  ).body.items[0].transformations[0].params.segmentSelectors.selectors.map(
    (s: { value: { id: string } }) => s.value.id,
  );

describe("audience references", () => {
  it("resolve on every page when the server serves 4 per page whatever limit asks", async () => {
    await start({ audiencePageSize: 4 });
    lab.write("destinations/promo.yaml", destination(ACTIVE.map((id) => `  - id: ${id}`).join("\n")));
    const apply = await lab.cli(["apply", "--yes"]);
    expect(apply.code, apply.stderr).toBe(0);
    expect((await exported()).sort()).toEqual([...ACTIVE].sort());
    const pages = (await lab.requests()).filter((r) => r.route === "/data/core/ups/audiences");
    expect(pages.length).toBeGreaterThanOrEqual(3);
  });

  it("accept a custom-upload audience by id and by name, and apply exports it", async () => {
    await start();
    lab.write("destinations/promo.yaml", destination(`  - id: ${UPLOADED.id}\n    name: "${UPLOADED.name}"`));
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    expect(await exported()).toEqual([UPLOADED.id]);
    lab.write("destinations/promo.yaml", destination(`  - name: "${UPLOADED.name}"`));
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });

  it("fail at the line of an inactive audience, saying it is inactive, and nothing is written", async () => {
    await start();
    lab.write("destinations/promo.yaml", destination(`  - id: ${ACTIVE[0]}\n  - id: ${INACTIVE.id}`));
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(
      /promo\.yaml:11:5 +error +inactive-audience +Audience 9c8b7a65-.* is inactive in sandbox 'prod'/,
    );
    lab.write("destinations/promo.yaml", destination(`  - name: ${INACTIVE.name}`));
    expect((await lab.cli(["plan", "--detailed-exitcode"])).stderr).toMatch(
      /promo\.yaml:10:5 +error +inactive-audience .*inactive/,
    );
    expect((await lab.cli(["apply", "--yes"])).code).toBe(1);
    expect(await lab.writes()).toEqual([]);
  });

  it("fail for an origin a streaming destination cannot export", async () => {
    await start({
      audiences: {
        prod: [{ ...ORCHESTRATED, type: "ExternalSegment", originName: "AUDIENCE_ORCHESTRATION" }],
      },
    });
    lab.write("destinations/promo.yaml", destination(`  - id: ${ORCHESTRATED.id}`));
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(
      /promo\.yaml:10:5 +error +audience-origin +Audience 0d1e2f30-.* comes from AUDIENCE_ORCHESTRATION/,
    );
  });

  it("fall back to segment definitions when the Audiences API is refused, and say so once", async () => {
    await start({ audiencesApi: 403 });
    lab.write("destinations/promo.yaml", destination(`  - id: ${ACTIVE[0]}`));
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(2);
    expect(plan.stdout.match(/The Audiences API answered 403/g)).toHaveLength(1);
  });
});
