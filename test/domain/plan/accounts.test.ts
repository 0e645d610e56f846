// Accounts (destination base connections): created with their marker, renamed and described in place,
// credentials rotated by fingerprint or by a switch of variable, never written when they cannot be
// compared, never taken over by name. End to end: test/cli/apply-lifecycle.test.ts (rotation),
// test/cli/credential-references.test.ts (variable switches), test/cli/safety.test.ts (foreign objects).
import { describe, expect, it } from "vitest";
import {
  OUR_CLIENT,
  SPEC,
  change,
  desired,
  fingerprintOf,
  live,
  patchOps,
  planOf,
  steps,
  UI_CLIENT,
  byUi,
} from "./builders.js";

const FP = fingerprintOf("kin");

describe("a new account", () => {
  it("is created with one POST carrying its marker, fingerprint, variables and credentials as references", () => {
    const plan = planOf(
      desired().account("kin", { displayName: "Marketing AWS", description: "Owned by marketing" }),
      live(),
    );
    expect(steps(plan)).toEqual(["create account/kin"]);
    const create = change(plan, "account/kin");
    expect(create).toMatchObject({
      fields: [
        { field: "type", after: "amazon-kinesis" },
        { field: "description", after: "Owned by marketing" },
      ],
      credentials: "set",
      credentialRefs: { accessKeyId: "AKIAEXAMPLE", secretKey: "${env:KINESIS_SECRET_KEY}", region: "us-east-1" },
      dependsOn: [],
    });
    expect(create.calls).toEqual([
      {
        method: "POST",
        path: "/connections",
        body: {
          name: "Marketing AWS",
          description: `Owned by marketing\n\n[managed by aep-gitops: account/kin fp=${FP} refs=secretKey:KINESIS_SECRET_KEY]`,
          connectionSpec: { id: SPEC["amazon-kinesis"], version: "1.0" },
          auth: {
            specName: "Aws Kinesis authentication credentials",
            params: { accessKeyId: "AKIAEXAMPLE", secretKey: "${env:KINESIS_SECRET_KEY}", region: "us-east-1" },
          },
        },
      },
    ]);
  });

  it("of Event Hubs is created with its own connection and auth specs", () => {
    const plan = planOf(desired().account("hubs", { type: "azure-event-hubs" }), live());
    expect(change(plan, "account/hubs").calls[0]!.body).toMatchObject({
      connectionSpec: { id: SPEC["azure-event-hubs"] },
      auth: {
        specName: "Azure EventHub authentication credentials",
        params: { sasKeyName: "send", sasKey: "${env:EVENTHUB_SAS_KEY}", namespace: "acme-hubs" },
      },
    });
  });

  it("planned without the secrets says its credentials were not compared, and its marker has no fingerprint", () => {
    const plan = planOf(desired().account("kin"), live(), { fingerprints: {} });
    const create = change(plan, "account/kin");
    expect(create.credentials).toBe("not-compared");
    expect((create.calls[0]!.body as { description: string }).description).toBe(
      "[managed by aep-gitops: account/kin refs=secretKey:KINESIS_SECRET_KEY]",
    );
  });

  it("is refused when an account of that name and type was made in Adobe's UI, never taken over", () => {
    const plan = planOf(desired().account("kin"), live().account("kin", { unmanaged: true }));
    expect(plan.changes).toEqual([]);
    expect(plan.refusals).toEqual([
      {
        rule: "foreign-object",
        message:
          "An account named 'kin' already exists in sandbox 'prod' (id conn-kin) and was not created by aep-gitops.",
        hint: "Bring it under aep-gitops with 'aep-gitops import', or give the account in YAML another name.",
      },
    ]);
  });

  it("is refused when a UI-made account already carries its displayName", () => {
    const plan = planOf(
      desired().account("kin", { displayName: "Marketing AWS" }),
      live().account("ui", { unmanaged: true, name: "Marketing AWS" }),
    );
    expect(plan.refusals.map((r) => r.rule)).toEqual(["foreign-object"]);
  });

  it("is created beside a UI-made account of the same name but another type", () => {
    const plan = planOf(
      desired().account("kin"),
      live().account("kin", { unmanaged: true, type: "azure-event-hubs", id: "conn-ui" }),
    );
    expect(plan.refusals).toEqual([]);
    expect(steps(plan)).toEqual(["create account/kin"]);
  });
});

describe("a managed account", () => {
  it("that matches the YAML and whose fingerprint is unchanged plans nothing", () => {
    const plan = planOf(desired().account("kin"), live().account("kin"));
    expect(plan.changes).toEqual([]);
    expect(plan.notes).toEqual([]);
  });

  it("whose description changed is patched once, guarded by its etag, keeping its marker", () => {
    const plan = planOf(desired().account("kin", { description: "Owned by growth" }), live().account("kin"));
    const update = change(plan, "account/kin");
    expect(update).toMatchObject({
      action: "update",
      liveId: "conn-kin",
      fields: [{ field: "description", before: "", after: "Owned by growth" }],
      attribution: { updatedClient: OUR_CLIENT, byThisTool: true },
    });
    expect(update.credentials).toBeUndefined();
    expect(update.calls).toEqual([
      {
        method: "PATCH",
        path: "/connections/conn-kin",
        ifMatch: '"etag-conn-kin"',
        body: [
          {
            op: "replace",
            path: "/description",
            value: `Owned by growth\n\n[managed by aep-gitops: account/kin fp=${FP} refs=secretKey:KINESIS_SECRET_KEY]`,
          },
        ],
      },
    ]);
  });

  it("whose displayName changed is renamed in Adobe with a replace of /name", () => {
    const plan = planOf(desired().account("kin", { displayName: "Marketing AWS" }), live().account("kin"));
    expect(change(plan, "account/kin").fields).toEqual([{ field: "name", before: "kin", after: "Marketing AWS" }]);
    expect(patchOps(change(plan, "account/kin"))).toEqual([{ op: "replace", path: "/name", value: "Marketing AWS" }]);
  });

  it("edited in Adobe's UI is attributed to whoever edited it", () => {
    const plan = planOf(
      desired().account("kin", { description: "Owned by growth" }),
      live().account("kin", { description: "changed in the UI", meta: byUi() }),
    );
    expect(change(plan, "account/kin").attribution).toMatchObject({
      updatedClient: UI_CLIENT,
      updatedBy: "ana@acme",
      byThisTool: false,
    });
  });

  it("whose secret changed (another fingerprint) rotates its credentials as a section of their own", () => {
    const plan = planOf(desired().account("kin"), live().account("kin"), { fingerprints: { kin: "abcdef0123456789" } });
    const update = change(plan, "account/kin");
    expect(update).toMatchObject({ action: "update", fields: [], credentials: "rotate" });
    expect(update.credentialRefs).toEqual({
      accessKeyId: "AKIAEXAMPLE",
      secretKey: "${env:KINESIS_SECRET_KEY}",
      region: "us-east-1",
    });
    expect(patchOps(update)).toEqual([
      {
        op: "replace",
        path: "/description",
        value: "[managed by aep-gitops: account/kin fp=abcdef0123456789 refs=secretKey:KINESIS_SECRET_KEY]",
      },
      { op: "replace", path: "/auth/params", value: update.credentialRefs },
    ]);
  });

  it("whose marker holds no fingerprint yet has its credentials set (not rotated)", () => {
    const plan = planOf(
      desired().account("kin"),
      live().account("kin", { owner: { kind: "account", name: "kin", refs: { secretKey: "KINESIS_SECRET_KEY" } } }),
    );
    expect(change(plan, "account/kin").credentials).toBe("set");
  });

  it("planned without the secrets changes nothing and says its credentials were not compared", () => {
    const plan = planOf(desired().account("kin"), live().account("kin"), { fingerprints: {} });
    expect(plan.changes).toEqual([]);
    expect(plan.notes).toEqual([
      {
        level: "warning",
        message: "Credentials of account 'kin' were not compared: their environment variables are not all set.",
      },
    ]);
  });

  it("planned without the secrets keeps the fingerprint its marker holds when another field changes", () => {
    const plan = planOf(desired().account("kin", { description: "Owned by growth" }), live().account("kin"), {
      fingerprints: {},
    });
    expect(patchOps(change(plan, "account/kin"))).toEqual([
      {
        op: "replace",
        path: "/description",
        value: `Owned by growth\n\n[managed by aep-gitops: account/kin fp=${FP} refs=secretKey:KINESIS_SECRET_KEY]`,
      },
    ]);
  });

  it("whose secret moved to another variable is a credentials change, written even by a secretless plan", () => {
    const yaml = desired().account("kin", {
      credentials: {
        accessKeyId: { literal: "AKIAEXAMPLE" },
        secretKey: { env: "KINESIS_OTHER_KEY" },
        region: { literal: "us-east-1" },
      },
    });
    const plan = planOf(yaml, live().account("kin"), { fingerprints: {} });
    const update = change(plan, "account/kin");
    expect(update.fields).toEqual([
      { field: "credentials.secretKey", before: "${env:KINESIS_SECRET_KEY}", after: "${env:KINESIS_OTHER_KEY}" },
    ]);
    expect(update.credentials).toBe("rotate");
    expect(update.credentialRefs).toMatchObject({ secretKey: "${env:KINESIS_OTHER_KEY}" });
    expect(patchOps(update)).toEqual([
      {
        op: "replace",
        path: "/description",
        // The marker keeps the stored fingerprint (none computed) and records the new variable.
        value: `[managed by aep-gitops: account/kin fp=${FP} refs=secretKey:KINESIS_OTHER_KEY]`,
      },
      { op: "replace", path: "/auth/params", value: update.credentialRefs },
    ]);
  });

  it("whose marker predates recorded variables gets them recorded, without a credential write", () => {
    const plan = planOf(
      desired().account("kin"),
      live().account("kin", { owner: { kind: "account", name: "kin", fingerprint: FP } }),
    );
    const update = change(plan, "account/kin");
    expect(update.fields).toEqual([
      { field: "credentials.secretKey", before: "(not recorded)", after: "${env:KINESIS_SECRET_KEY}" },
    ]);
    expect(update.credentials).toBeUndefined();
    expect(patchOps(update).map((o) => `${o.op} ${o.path}`)).toEqual(["replace /description"]);
  });

  it("whose type differs from the YAML's is refused: Adobe cannot change an account's type", () => {
    const plan = planOf(desired().account("kin"), live().account("kin", { type: "azure-event-hubs" }));
    expect(plan.changes).toEqual([]);
    expect(plan.refusals).toEqual([
      {
        rule: "unsupported-change",
        message:
          "Account 'kin' is azure-event-hubs in Adobe but amazon-kinesis in YAML; Adobe cannot change an account's type.",
        hint: "Give the account a new name (a new account is created) and prune the old one once nothing uses it.",
      },
    ]);
  });
});
