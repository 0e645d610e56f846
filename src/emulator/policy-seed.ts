// What the emulator's Data Governance holds, the same in every sandbox: the marketing actions, the
// policies and the labelled datasets that the Policy Service evaluation routes judge with, and each
// sandbox's merge policy (the one its Platform audiences carry as `mergePolicyId`). The labels follow
// Adobe's core label definitions: C2 "data cannot be exported to a third party", C5 "data cannot be used for
// interest-based targeting or content personalisation"; the policy shapes follow policy-service.yaml.

export interface PolicySeed {
  id: string;
  name: string;
  status: "ENABLED" | "DRAFT" | "DISABLED";
  /** core or custom, as the policies/{core|custom} routes file it. */
  kind: "core" | "custom";
  /** `core/emailTargeting`, …: the marketing actions it applies to. */
  actions: string[];
  description: string;
  deny: DenyExpression;
}

export type DenyExpression = { label: string } | { operator: "AND" | "OR"; operands: DenyExpression[] };

export interface DatasetSeed {
  id: string;
  name: string;
  labels: string[];
  /** Field-level labels by JSON Pointer into the dataset's schema, as evaluation.md's `discoveredLabels` show them. */
  fields: { path: string; labels: string[] }[];
}

/** The marketing actions the routes know; any other name answers 404 as policy-service.yaml documents. */
export const MARKETING_ACTIONS: readonly string[] = [
  "core/emailTargeting",
  "core/exportToThirdParty",
  "core/crossSiteTargeting",
  "core/onsiteAdvertising",
  "core/onsitePersonalization",
  "core/singleIdentityTargeting",
  "core/combineWithPii",
  "custom/crmSync",
];

export const EMAIL_POLICY_ID = "corepolicy_0003";
export const EXPORT_POLICY_ID = "corepolicy_0001";

export const POLICIES: readonly PolicySeed[] = [
  {
    id: EMAIL_POLICY_ID,
    name: "Restrict email targeting",
    status: "ENABLED",
    kind: "core",
    actions: ["core/emailTargeting"],
    description: "Restrict use of data labeled C2 or C5 for email targeting.",
    deny: { operator: "OR", operands: [{ label: "C2" }, { label: "C5" }] },
  },
  {
    id: EXPORT_POLICY_ID,
    name: "Restrict data export to third parties",
    status: "ENABLED",
    kind: "core",
    actions: ["core/exportToThirdParty"],
    description: "Data labeled C2 cannot be exported to a third party.",
    deny: { label: "C2" },
  },
  // evaluation.md's bulk example: a DRAFT policy judges only with includeDraft=true.
  {
    id: "76131228-7654-11e8-adc0-fa7ae01bbebc",
    name: "Email Policy",
    status: "DRAFT",
    kind: "custom",
    actions: ["core/emailTargeting"],
    description: "Conditions under which we won't send marketing-based email",
    deny: { operator: "AND", operands: [{ label: "C1" }, { label: "C3" }] },
  },
];

/** governance.md's two dataset ids: the merge policy lists them in this order. */
export const CRM_DATASET = "5b95b155419ec801e6eee780";
export const WEB_DATASET = "5b7c86968f7b6501e21ba9df";

export const DATASETS: readonly DatasetSeed[] = [
  {
    id: CRM_DATASET,
    name: "CRM profiles",
    labels: [],
    fields: [
      { path: "/properties/personalEmail/properties/address", labels: ["C2"] },
      { path: "/properties/mobilePhone/properties/number", labels: ["C2"] },
      { path: "/properties/homeAddress", labels: ["C2"] },
    ],
  },
  {
    id: WEB_DATASET,
    name: "Web behaviour",
    labels: [],
    fields: [{ path: "/properties/person/properties/birthDate", labels: ["C5"] }],
  },
];

/** A sandbox's merge policy, as governance.md's "Find the source datasets from the merge policy" shows it. */
export function mergePolicyView(id: string, orgId: string, updateEpoch: number): Record<string, unknown> {
  return {
    id,
    name: "Default merge policy",
    imsOrgId: orgId,
    schema: { name: "_xdm.context.profile" },
    version: 1,
    identityGraph: { type: "pdg" },
    attributeMerge: { type: "dataSetPrecedence", data: { order: [CRM_DATASET, WEB_DATASET] } },
    default: true,
    updateEpoch,
  };
}
