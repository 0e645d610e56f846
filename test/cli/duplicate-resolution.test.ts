// Two entries that name the same audience (one by name, one by id; or two names of one audience) are
// found once names are resolved in the sandbox: an error at the second entry, before anything is written.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { kinesisAccount, MEN_OVER_50, startLab, type Lab } from "../support/lab.js";

let lab: Lab;
beforeEach(async () => {
  lab = await startLab();
  lab.write("destinations/account.yaml", kinesisAccount());
});
afterEach(() => lab.close());

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

describe("an audience listed twice once resolved", () => {
  it("by name and by id is an error at the second entry's line, and nothing is written", async () => {
    lab.write("destinations/promo.yaml", destination(`  - name: Men over 50\n  - id: ${MEN_OVER_50}`));
    expect((await lab.cli(["validate"])).code).toBe(0); // offline, the two entries look different
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(
      /destinations\/promo\.yaml:11:5 +error +duplicate-audience +audience 72ddd79b-6b0a-4e97-a8d2-112ccd81bd02 \(Men over 50\) is listed twice \(first at line 10\)/,
    );
    const apply = await lab.cli(["apply", "--yes"]);
    expect(apply.code).toBe(1);
    expect(await lab.writes()).toEqual([]);
  });

  it("by id first and then by name is reported at the name", async () => {
    lab.write("destinations/promo.yaml", destination(`  - id: ${MEN_OVER_50}\n  - name: Men over 50`));
    const plan = await lab.cli(["plan", "--detailed-exitcode"]);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toMatch(/promo\.yaml:11:5 +error +duplicate-audience .*first at line 10/);
  });

  it("converges once the duplicate is removed", async () => {
    lab.write("destinations/promo.yaml", destination(`  - name: Men over 50`));
    expect((await lab.cli(["apply", "--yes"])).code).toBe(0);
    expect((await lab.cli(["plan", "--detailed-exitcode"])).code).toBe(0);
  });
});
