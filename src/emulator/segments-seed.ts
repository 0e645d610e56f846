// The audiences each sandbox starts with. Fixed ids so tests and demos can name them. prod holds Adobe's
// documented "Men over 50" id and two distinct audiences both named "Loyal customers" (for ambiguity tests);
// dev holds a "Men over 50" with a different id. Both also hold an uploaded (CUSTOM_UPLOAD) audience, which
// only the Audiences API lists, and a retired (inactive) one, which lists hide unless filtered for. Every
// audience has export metrics (a size) except prod's "Email engaged (30 days)", which has none.

export type AudienceType = "SegmentDefinition" | "ExternalSegment";
export type LifecycleState = "draft" | "published" | "active" | "inactive" | "deleted";
export const AUDIENCE_TYPES: readonly AudienceType[] = ["SegmentDefinition", "ExternalSegment"];
export const LIFECYCLE_STATES: readonly LifecycleState[] = ["draft", "published", "active", "inactive", "deleted"];

export interface AudienceSeed {
  id: string;
  name: string;
  description?: string;
  /** PQL text; defaults to a plausible expression (platform audiences only). */
  expression?: string;
  /** Defaults to `id` (Adobe: the same for Platform audiences, client-provided for external ones). */
  audienceId?: string;
  /** Default SegmentDefinition. ExternalSegment audiences are not segment definitions: only /audiences lists them. */
  type?: AudienceType;
  /** Default REAL_TIME_CUSTOMER_PROFILE, or CUSTOM_UPLOAD for an ExternalSegment. */
  originName?: string;
  /** Default active. `deleted` audiences answer 404 everywhere. */
  lifecycleState?: LifecycleState;
  /** Data usage labels, e.g. ["core/C1"]; default []. */
  labels?: string[];
  /** Default AEPSegments, or CustomerAudienceUpload for an ExternalSegment. */
  namespace?: string;
  /**
   * The export metrics' `totalProfiles` the Audiences API shows for it; default: a size derived from the
   * id (stable across runs). `null`: no metrics at all, as for an audience Adobe has not evaluated yet.
   */
  totalProfiles?: number | null;
}

export const MEN_OVER_50_PROD = "72ddd79b-6b0a-4e97-a8d2-112ccd81bd02";
export const MEN_OVER_50_DEV = "b05260be-08ce-47e5-89ae-c7d6ec80326b";
export const UPLOADED_PROD = "5b4f3c2e-8d1a-4e6b-9f70-2a1c3d4e5f60";
export const UPLOADED_DEV = "7e2d9a14-3b6c-4f85-a0d7-c1b2e3f4a5b6";
export const INACTIVE_PROD = "9c8b7a65-4d3e-4f21-8a0b-1c2d3e4f5a6b";
export const INACTIVE_DEV = "3a2b1c0d-9e8f-4a7b-b6c5-d4e3f2a1b0c9";

const uploaded = (id: string, audienceId: string): AudienceSeed => ({
  id,
  audienceId,
  name: "CRM upload: VIP customers",
  description: "Uploaded from the CRM as a CSV file",
  type: "ExternalSegment",
  originName: "CUSTOM_UPLOAD",
  namespace: "CustomerAudienceUpload",
  labels: ["core/C1"],
});

const retired = (id: string): AudienceSeed => ({
  id,
  name: "Summer sale 2023 (retired)",
  description: "Bought during the 2023 summer sale",
  lifecycleState: "inactive",
});

/**
 * The active Platform audiences each sandbox starts with: the ones a destination can reference through
 * segment definitions (test models pick from these). The full seed adds the uploaded and retired ones.
 */
export function defaultAudiences(): Record<string, AudienceSeed[]> {
  return {
    prod: [
      {
        id: MEN_OVER_50_PROD,
        name: "Men over 50",
        description: "",
        expression: 'person.gender = "male" and person.birthDate.year < 1975',
        totalProfiles: 1_184_302,
      },
      {
        id: "12a04c10-9a9f-4ba7-8bc6-8ef47f766db3",
        name: "Loyal customers",
        description: "Five or more orders in the last year",
        expression: "count(xEvent[commerce.order]) >= 5",
      },
      {
        id: "74d32c44-49af-42b8-a5f9-02daf2f3ab92",
        name: "Loyal customers",
        description: "Loyalty programme members (tier silver or above)",
        expression: 'loyalty.tier in ["silver", "gold", "platinum"]',
      },
      {
        id: "fa1ec848-301b-4d38-b651-04a12114c7bb",
        name: "Cart abandoners (7 days)",
        description: "Added to cart without purchase in the last 7 days",
      },
      {
        id: "22a6a416-9144-4566-a44a-41301747d69e",
        name: "High-value purchasers",
        description: "Lifetime value above 1,000 EUR",
        labels: ["core/C5"],
      },
      {
        id: "199897ff-0c92-41d0-87dc-c6d494cdad48",
        name: "Newsletter subscribers",
        description: "Opted in to the weekly newsletter",
        labels: ["core/C1", "core/C5"],
      },
      {
        id: "d591f606-e773-4a32-b6ae-4d47bb987fab",
        name: "Lapsed customers (90 days)",
        description: "No purchase in the last 90 days",
      },
      { id: "ba9733a8-18a2-4ea8-ac84-0167eb947dbe", name: "Women 25-34", description: "" },
      {
        id: "46db2560-40d9-4aa7-89e1-df0b5a1b0ed7",
        name: "Mobile app users (iOS)",
        description: "Active in the iOS app in the last 30 days",
      },
      {
        id: "c19a59bc-b049-4a56-b590-d9941c80ec7e",
        name: "Store visitors Berlin",
        description: "Visited a Berlin store in the last 60 days",
      },
      {
        id: "eb764ff8-0e01-4af1-9304-9d442f0ed705",
        name: "Email engaged (30 days)",
        description: "Opened or clicked an email in the last 30 days",
        // Not evaluated yet: the one prod audience without metrics, so "size unknown" can be seen.
        totalProfiles: null,
      },
    ],
    dev: [
      {
        id: MEN_OVER_50_DEV,
        name: "Men over 50",
        description: "",
        expression: 'person.gender = "male" and person.birthDate.year < 1975',
      },
      {
        id: "0e4c7c50-8767-4d4d-a883-d72e28b14be9",
        name: "Loyal customers",
        description: "Five or more orders in the last year",
        labels: ["core/C5"],
      },
      { id: "4fc19452-7d21-4fa3-a43b-f0af2ade2525", name: "QA test audience", description: "Internal testers" },
      {
        id: "a54bfdcc-591d-45ac-9480-3353ea6bf706",
        name: "Cart abandoners (7 days)",
        description: "Added to cart without purchase in the last 7 days",
      },
    ],
  };
}

/** The whole seed: the active Platform audiences, then an uploaded and a retired one per sandbox. */
export function seededAudiences(): Record<string, AudienceSeed[]> {
  const seed = defaultAudiences();
  seed.prod!.push(uploaded(UPLOADED_PROD, "crm-vip-customers"), retired(INACTIVE_PROD));
  seed.dev!.push(uploaded(UPLOADED_DEV, "crm-vip-customers-dev"), retired(INACTIVE_DEV));
  return seed;
}
