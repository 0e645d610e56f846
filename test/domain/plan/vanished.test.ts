// Objects deleted in Adobe: what the YAML describes and Adobe no longer holds is created again, with a
// reason on the create and one note per YAML document naming the vanished id; a target connection left
// on a deleted account is replaced and removed like a duplicate. End to end: test/cli/vanished.test.ts.
import { describe, expect, it } from "vitest";
import { MISSING, RECREATED } from "../../../src/domain/plan/vanished.js";
import { change, desired, live, planOf } from "./builders.js";

const why = (plan: { changes: { action: string; ref: string; reason?: string }[] }) =>
  plan.changes.map((c) => `${c.action} ${c.ref}${c.reason ? ` — ${c.reason}` : ""}`);

describe("a destination deleted in Adobe", () => {
  it("whose target connection is left gets its flow re-created on it, saying what is missing", () => {
    const plan = planOf(desired().account("kin").destination("sales"), live().account("kin").target("sales"));
    expect(why(plan)).toEqual([`create flow/sales — ${MISSING}`]);
    expect(change(plan, "flow/sales").calls[0]!.body).toMatchObject({ targetConnectionIds: ["tc-sales"] });
    expect(change(plan, "flow/sales").dependsOn).toEqual([]);
    expect(plan.notes).toEqual([
      {
        level: "warning",
        message:
          "Destination 'sales': its target connection tc-sales is in sandbox 'prod' but its dataflow is not: deleted in Adobe, or an earlier apply stopped before creating it; re-created.",
      },
    ]);
    expect(plan.refusals).toEqual([]);
  });

  it("that was adopted is re-created, saying so once for its document, however many objects it re-creates", () => {
    const plan = planOf(desired().account("kin").destination("sales", { adoptId: "flow-ui" }), live().account("kin"));
    expect(why(plan)).toEqual([`create target/sales — ${RECREATED}`, `create flow/sales — ${RECREATED}`]);
    expect(plan.notes.map((n) => n.message)).toEqual([
      "Destination 'sales': its dataflow flow-ui (adoptId) is no longer in sandbox 'prod': deleted in Adobe; re-created (Adobe does not say by whom), and what it exports starts leaving again.",
    ]);
  });

  it("that never existed is a plain create: no reason, no note", () => {
    const plan = planOf(desired().account("kin").destination("sales"), live().account("kin"));
    expect(why(plan)).toEqual(["create target/sales", "create flow/sales"]);
    expect(plan.notes).toEqual([]);
  });
});

describe("an account deleted in Adobe", () => {
  it("is re-created with its destination, and the target connection it left behind is removed", () => {
    // Adobe deletes an account once no flow uses it; its target connection may stay, pointing nowhere.
    const plan = planOf(desired().account("kin").destination("sales"), live().target("sales", { account: "kin" }));
    expect(plan.refusals).toEqual([]);
    expect(why(plan)).toEqual([
      `create account/kin — ${RECREATED}`,
      `create target/sales — ${RECREATED}`,
      `create flow/sales — ${RECREATED}`,
      "delete target/sales#dup1 — its account no longer exists in Adobe",
    ]);
    expect(change(plan, "target/sales").calls[0]!.body).toMatchObject({ baseConnectionId: "{{account/kin.id}}" });
    expect(change(plan, "target/sales#dup1")).toMatchObject({ liveId: "tc-sales", duplicate: 1 });
    expect(plan.notes.map((n) => n.message)).toEqual([
      "Account 'kin': its connection conn-kin (named by target connection tc-sales) is no longer in sandbox 'prod': deleted in Adobe; re-created (Adobe does not say by whom).",
      "Destination 'sales': its dataflow is gone and its target connection tc-sales names an account no longer in sandbox 'prod': deleted in Adobe; re-created (Adobe does not say by whom), and what it exports starts leaving again.",
    ]);
  });

  it("that was adopted is re-created, naming the adoptId that Adobe no longer holds", () => {
    const plan = planOf(desired().account("kin", { adoptId: "conn-ui" }), live());
    expect(why(plan)).toEqual([`create account/kin — ${RECREATED}`]);
    expect(plan.notes.map((n) => n.message)).toEqual([
      "Account 'kin': its connection conn-ui (adoptId) is no longer in sandbox 'prod': deleted in Adobe; re-created (Adobe does not say by whom).",
    ]);
  });

  it("leaves a target connection the change guard does not count: replacing it is no change of mind", () => {
    const names = Array.from({ length: 10 }, (_, i) => `d${i}`);
    const yaml = desired().account("kin").account("gone");
    const adobe = live().account("kin");
    for (const name of names) {
      yaml.destination(name, { account: "kin" });
      adobe.destination(name, { account: "kin" });
    }
    yaml.destination("sales", { account: "gone" });
    adobe.target("sales", { account: "gone" });
    const plan = planOf(yaml, adobe);
    expect(plan.refusals).toEqual([]);
    expect(why(plan)).toContain("delete target/sales#dup1 — its account no longer exists in Adobe");
  });
});
