// Accounts (destination base connections): create, rename/describe, rotate credentials.
// Credentials are write-only: Adobe masks secrets on read, so rotation is detected by comparing the
// keyed fingerprint in the marker with the fingerprint of what the YAML's env references hold now.
import { SPEC_VERSION } from "../state/adobe.js";
import { destinationType } from "../destination-types/index.js";
import type { CredentialValue, DesiredAccount } from "../state/desired.js";
import { markedDescription } from "./ownership.js";
import type { ApiCall, FieldChange } from "./plan.js";
import type { PlanContext } from "./context.js";
import { changeRef } from "./refs.js";

export function credentialParams(account: DesiredAccount): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [field, value] of Object.entries(account.credentials)) params[field] = credentialText(value);
  return params;
}

function credentialText(value: CredentialValue): string {
  return "env" in value ? `\${env:${value.env}}` : value.literal;
}

/** Credential field → the variable it comes from, for the fields the YAML gives as `${env:NAME}`. */
export function credentialVariables(account: DesiredAccount): Record<string, string> {
  const refs: Record<string, string> = {};
  for (const [field, value] of Object.entries(account.credentials)) if ("env" in value) refs[field] = value.env;
  return refs;
}

/**
 * One field change per credential whose variable differs from the one the marker says it was last
 * written from (`credentials.secretKey: ${env:OLD} → ${env:NEW}`). An account whose marker predates the
 * references (or was adopted from the UI) has none recorded: every reference is then new.
 */
function switchedVariables(recorded: Record<string, string> | undefined, now: Record<string, string>): FieldChange[] {
  const fields = [...new Set([...Object.keys(recorded ?? {}), ...Object.keys(now)])].sort();
  const text = (name: string | undefined) => (name === undefined ? undefined : `\${env:${name}}`);
  return fields
    .filter((field) => recorded?.[field] !== now[field])
    .map((field) => ({
      field: `credentials.${field}`,
      before: recorded === undefined ? "(not recorded)" : text(recorded[field]),
      after: text(now[field]),
    }));
}

export function planAccounts(ctx: PlanContext): void {
  for (const account of ctx.desired.accounts) {
    const ref = changeRef("account", account.name);
    const live = ctx.accounts.primary.get(account.name);
    const fingerprint = ctx.options.fingerprints[account.name];
    const info = destinationType(account.type);
    const refs = credentialVariables(account);
    const owner = { kind: "account" as const, name: account.name, fingerprint, refs };

    if (!live) {
      const foreign = ctx.live.connections.find(
        (c) => !c.owner && c.name === (account.displayName ?? account.name) && c.type === account.type,
      );
      if (foreign) {
        ctx.refusals.push({
          rule: "foreign-object",
          message: `An account named '${account.name}' already exists in sandbox '${ctx.desired.sandbox}' (id ${foreign.id}) and was not created by aep-gitops.`,
          hint: "Bring it under aep-gitops with 'aep-gitops import', or give the account in YAML another name.",
        });
        continue;
      }
      ctx.add({
        ref,
        action: "create",
        resource: "account",
        name: account.name,
        fields: [
          { field: "type", after: account.type },
          ...(account.description ? [{ field: "description", after: account.description }] : []),
        ],
        credentials: fingerprint === undefined ? "not-compared" : "set",
        credentialRefs: credentialParams(account),
        dependsOn: [],
        calls: [
          {
            method: "POST",
            path: "/connections",
            body: {
              name: account.displayName ?? account.name,
              description: markedDescription(account.description, owner),
              connectionSpec: { id: info.connectionSpecId, version: SPEC_VERSION },
              auth: { specName: info.authSpecName, params: credentialParams(account) },
            },
          },
        ],
      });
      continue;
    }

    if (live.type !== account.type) {
      ctx.refusals.push({
        rule: "unsupported-change",
        message: `Account '${account.name}' is ${live.type ?? live.specId} in Adobe but ${account.type} in YAML; Adobe cannot change an account's type.`,
        hint: "Give the account a new name (a new account is created) and prune the old one once nothing uses it.",
      });
      continue;
    }

    const fields: FieldChange[] = [];
    const ops: { op: "add" | "replace"; path: string; value: unknown }[] = [];
    const adobeName = account.displayName ?? account.name;
    if (live.name !== adobeName) {
      fields.push({ field: "name", before: live.name, after: adobeName });
      ops.push({ op: "replace", path: "/name", value: adobeName });
    }
    const adopting = ctx.adopting.has(live.id);
    // Which variables feed the credentials is known without their values: a switch is a change of
    // its own, written (the new variable's values) by every plan, secretless or not.
    // A marker from before references were recorded gets them, with no credential write of its own.
    const recorded = live.owner?.refs;
    const switched = adopting ? [] : switchedVariables(recorded, refs);
    fields.push(...switched);
    // Adopting takes the credentials in the environment as the ones Adobe holds (it masks them, so
    // they cannot be compared): the marker records their fingerprint, and no credential is written.
    const rotate =
      (recorded !== undefined && switched.length > 0) ||
      (!adopting && fingerprint !== undefined && fingerprint !== live.owner?.fingerprint);
    if (fingerprint === undefined) {
      ctx.notes.push({
        level: "warning",
        message: `Credentials of account '${account.name}' were not compared: their environment variables are not all set.`,
      });
    }
    // Keep the stored fingerprint when we could not compute one, so a secret-less plan changes nothing.
    const markerOwner =
      (rotate && fingerprint !== undefined) || adopting
        ? owner
        : { ...owner, ...(live.owner?.fingerprint ? { fingerprint: live.owner.fingerprint } : {}) };
    const marker = ctx.markerMode(live.id);
    if (
      live.description !== (account.description ?? "").trim() ||
      rotate ||
      switched.length > 0 ||
      marker !== undefined
    ) {
      if (live.description !== (account.description ?? "").trim()) {
        fields.push({ field: "description", before: live.description, after: account.description ?? "" });
      }
      // An account made in the UI may have no description: "add" works whether or not it exists.
      ops.push({
        op: adopting ? "add" : "replace",
        path: "/description",
        value: markedDescription(account.description, markerOwner),
      });
    }
    if (rotate) ops.push({ op: "replace", path: "/auth/params", value: credentialParams(account) });
    if (ops.length === 0) continue;

    const call: ApiCall = { method: "PATCH", path: `/connections/${live.id}`, body: ops, ifMatch: live.etag };
    ctx.add({
      ref,
      ...ctx.liveAction(live.id),
      resource: "account",
      name: account.name,
      liveId: live.id,
      fields,
      calls: [call],
      dependsOn: [],
      attribution: ctx.attribution(live.meta),
      credentials: rotate ? (live.owner?.fingerprint ? "rotate" : "set") : undefined,
      credentialRefs: rotate ? credentialParams(account) : undefined,
    });
  }
}
