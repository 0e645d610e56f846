// Random desired states (accounts and destinations with random audiences, attributes, states and
// targets), rendered as the YAML users write. Identities are stable across states: a name always has
// the same type and account, so two random states differ only by what Adobe lets a plan change.
import { defaultAudiences } from "../../../src/emulator/segments-seed.js";
import type { Rng } from "./rng.js";

export type DestType = "amazon-kinesis" | "azure-event-hubs";

export interface AccountModel {
  name: string;
  type: DestType;
  description: string;
  /** Kinesis: accessKeyId, region. Event Hubs: sasKeyName, namespace. */
  params: Record<string, string>;
}

export interface AudienceRef {
  id?: string;
  name?: string;
}

export interface DestinationModel {
  name: string;
  type: DestType;
  account: string;
  description: string;
  state: "enabled" | "disabled";
  target: Record<string, string | boolean>;
  audiences: AudienceRef[];
  attributes: string[];
}

export interface Model {
  sandbox: string;
  accounts: AccountModel[];
  destinations: DestinationModel[];
}

export const ACCOUNTS: { name: string; type: DestType }[] = [
  { name: "acct-kinesis-a", type: "amazon-kinesis" },
  { name: "acct-kinesis-b", type: "amazon-kinesis" },
  { name: "acct-hubs-a", type: "azure-event-hubs" },
];
export const DESTINATIONS = Array.from({ length: 8 }, (_, i) => ({
  name: `dest-${i}`,
  account: ACCOUNTS[i % ACCOUNTS.length]!,
}));
export const ATTRIBUTES = [
  "person.lastName",
  "personalEmail.address",
  "mobilePhone.number",
  "person.name.firstName",
  "homeAddress.countryCode",
  "person.birthDate",
];
const DESCRIPTIONS = ["", "Exports for the campaign", "Weekly win-back", "Owned by the data team"];

/** The sandbox's audiences by id, and the names that are unique (safe to reference by name). */
export function audiencesOf(sandbox: string) {
  const all = defaultAudiences()[sandbox] ?? [];
  const count = new Map<string, number>();
  for (const a of all) count.set(a.name, (count.get(a.name) ?? 0) + 1);
  return { all, byName: new Map(all.filter((a) => count.get(a.name) === 1).map((a) => [a.name, a.id])) };
}

export function randomModel(r: Rng, sandbox = "prod"): Model {
  const audiences = audiencesOf(sandbox);
  const chosen = r.subset(DESTINATIONS, 1, 5);
  const accountNames = new Set(chosen.map((d) => d.account.name));
  for (const a of ACCOUNTS) if (r.bool(0.2)) accountNames.add(a.name);
  const accounts = ACCOUNTS.filter((a) => accountNames.has(a.name)).map((a): AccountModel => ({
    name: a.name,
    type: a.type,
    description: r.pick(DESCRIPTIONS),
    params:
      a.type === "amazon-kinesis"
        ? {
            accessKeyId: r.pick(["AKIAIOSFODNN7EXAMPLE", "AKIAI44QH8DHBEXAMPLE"]),
            region: r.pick(["us-east-1", "eu-west-1"]),
          }
        : { sasKeyName: r.pick(["aep-send", "aep-manage"]), namespace: r.pick(["acme-analytics", "acme-events"]) },
  }));
  const destinations = chosen.map(({ name, account }): DestinationModel => {
    const target: Record<string, string | boolean> =
      account.type === "amazon-kinesis"
        ? { stream: r.pick([`${name}-stream`, "shared-stream"]), region: r.pick(["us-east-1", "eu-west-1"]) }
        : { eventHubName: r.pick([`${name}-hub`, "profile-updates"]) };
    if (r.bool(0.3)) target.includeSegmentNames = r.bool();
    if (r.bool(0.3)) target.includeSegmentTimestamps = r.bool();
    return {
      name,
      type: account.type,
      account: account.name,
      description: r.pick(DESCRIPTIONS),
      state: r.bool(0.8) ? "enabled" : "disabled",
      target,
      audiences: r.subset(audiences.all, 0, 4).map((a) => {
        const byName = audiences.byName.get(a.name) === a.id;
        const style = r.next();
        if (style < 0.6 || !byName) return style < 0.8 ? { id: a.id } : { id: a.id, name: a.name };
        return { name: a.name };
      }),
      attributes: r.subset(ATTRIBUTES, 0, 4),
    };
  });
  return { sandbox, accounts, destinations };
}

/** The audience ids a destination exports once names are resolved in its sandbox. */
export function audienceIds(model: Model, destination: DestinationModel): string[] {
  const { byName } = audiencesOf(model.sandbox);
  return destination.audiences.map((a) => a.id ?? byName.get(a.name!)!);
}

const q = (value: string) => JSON.stringify(value);

export function accountYaml(a: AccountModel): string {
  const creds =
    a.type === "amazon-kinesis"
      ? [
          `  accessKeyId: ${a.params.accessKeyId}`,
          "  secretKey: ${env:KINESIS_SECRET_KEY}",
          `  region: ${a.params.region}`,
        ]
      : [
          `  sasKeyName: ${a.params.sasKeyName}`,
          "  sasKey: ${env:EVENTHUB_SAS_KEY}",
          `  namespace: ${a.params.namespace}`,
        ];
  return [
    "apiVersion: aep-gitops/v1",
    "kind: Account",
    `name: ${a.name}`,
    `type: ${a.type}`,
    ...(a.description ? [`description: ${q(a.description)}`] : []),
    "credentials:",
    ...creds,
    "",
  ].join("\n");
}

export function destinationYaml(d: DestinationModel): string {
  const audiences = d.audiences.map((a) =>
    a.id && a.name ? `  - id: ${a.id}\n    name: ${q(a.name)}` : a.id ? `  - id: ${a.id}` : `  - name: ${q(a.name!)}`,
  );
  return [
    "apiVersion: aep-gitops/v1",
    "kind: Destination",
    `name: ${d.name}`,
    `type: ${d.type}`,
    `account: ${d.account}`,
    ...(d.description ? [`description: ${q(d.description)}`] : []),
    `state: ${d.state}`,
    "target:",
    ...Object.entries(d.target).map(([k, v]) => `  ${k}: ${typeof v === "string" ? q(v) : v}`),
    audiences.length ? `audiences:\n${audiences.join("\n")}` : "audiences: []",
    d.attributes.length
      ? `profileAttributes:\n${d.attributes.map((p) => `  - ${p}`).join("\n")}`
      : "profileAttributes: []",
    "",
  ].join("\n");
}

/** The model as files: one per document, or everything in one multi-document file. */
export function modelFiles(model: Model, r: Rng): Record<string, string> {
  const docs = [
    ...model.accounts.map((a) => [`${a.name}.yaml`, accountYaml(a)] as const),
    ...model.destinations.map((d) => [`${d.name}.yaml`, destinationYaml(d)] as const),
  ];
  if (r.bool(0.3)) return { "all.yaml": docs.map(([, text]) => text).join("---\n") };
  return Object.fromEntries(docs);
}

export function describeModel(model: Model): string {
  const dest = model.destinations.map(
    (d) => `${d.name}(${d.state[0]},${audienceIds(model, d).length}a,${d.attributes.length}p)`,
  );
  return `accounts [${model.accounts.map((a) => a.name).join(" ")}] destinations [${dest.join(" ")}]`;
}

export const AUDIENCE_IDS = [
  "72ddd79b-6b0a-4e97-a8d2-112ccd81bd02",
  "fa1ec848-301b-4d38-b651-04a12114c7bb",
  "22a6a416-9144-4566-a44a-41301747d69e",
  "199897ff-0c92-41d0-87dc-c6d494cdad48",
];

/** Builders for hand-written scenarios. */
export const build = {
  kinesis: (name: string, description = ""): AccountModel => ({
    name,
    type: "amazon-kinesis",
    description,
    params: { accessKeyId: "AKIAIOSFODNN7EXAMPLE", region: "us-east-1" },
  }),
  hubs: (name: string): AccountModel => ({
    name,
    type: "azure-event-hubs",
    description: "",
    params: { sasKeyName: "aep-send", namespace: "acme-analytics" },
  }),
  destination: (name: string, account: AccountModel, opts: Partial<DestinationModel> = {}): DestinationModel => ({
    name,
    type: account.type,
    account: account.name,
    description: `Exports for ${name}`,
    state: "enabled",
    target:
      account.type === "amazon-kinesis"
        ? { stream: `${name}-stream`, region: "us-east-1" }
        : { eventHubName: `${name}-hub` },
    audiences: [{ id: AUDIENCE_IDS[0] }],
    attributes: ["person.lastName"],
    ...opts,
  }),
};
