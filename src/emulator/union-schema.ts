// The Profile union schema one sandbox serves (help/xdm/api/unions.md, schemas.md): fully resolved
// (`application/vnd.adobe.xed-full+json`) with titles, descriptions, `type` and `meta:xdmType` on every
// field, arrays with `items` and maps as objects with `additionalProperties`; or raw (`xed+json`), the
// `allOf` of the class and field groups. A realistic slice of XDM Individual Profile, plus the tenant's
// own field group under `_<tenant>`.
import type { SandboxInfo } from "./types.js";

export const UNION_ID = "https://ns.adobe.com/xdm/context/profile__union";
export const UNION_ALT_ID = "_xdm.context.profile__union";
const PROFILE_CLASS = "https://ns.adobe.com/xdm/context/profile";

type Field = Record<string, unknown>;

const leaf = (type: string, xdmType: string, title: string, description: string, extra: Field = {}): Field => ({
  title,
  description,
  type,
  "meta:xdmType": xdmType,
  ...extra,
});
const str = (title: string, description: string, extra: Field = {}) =>
  leaf("string", "string", title, description, extra);
const bool = (title: string, description: string) => leaf("boolean", "boolean", title, description);
const int = (title: string, description: string) =>
  leaf("integer", "int", title, description, { minimum: -2147483648, maximum: 2147483647 });
const date = (title: string, description: string) =>
  str(title, description, { format: "date", "meta:xdmType": "date" });
const dateTime = (title: string, description: string) =>
  str(title, description, { format: "date-time", "meta:xdmType": "date-time" });
const obj = (title: string, description: string, properties: Record<string, Field>): Field => ({
  title,
  description,
  type: "object",
  "meta:xdmType": "object",
  properties,
});
const arr = (title: string, description: string, items: Field): Field => ({
  title,
  description,
  type: "array",
  "meta:xdmType": "array",
  items,
});
const map = (title: string, description: string, values: Field): Field => ({
  title,
  description,
  type: "object",
  "meta:xdmType": "map",
  additionalProperties: values,
});

const name = obj("Full name", "The person's full name.", {
  firstName: str("First name", "The personal, or given name."),
  lastName: str("Last name", "The last name, surname, or family name."),
  fullName: str("Full name", "The full name of the person, in writing order most commonly accepted in the language."),
  middleName: str(
    "Middle name",
    "Middle, alternative, or additional names supplied between the first name and last name.",
  ),
});

const person = obj("Person", "An individual actor, contact, or owner.", {
  name,
  // Not in Adobe's Person class: the streaming tutorial writes person.lastName (see docs/emulator.md).
  firstName: str("First name", "The given name, directly on person (as Adobe's streaming tutorial writes it)."),
  lastName: str("Last name", "The family name, directly on person (as Adobe's streaming tutorial writes it)."),
  birthDate: date("Birth date", "The full date a person was born."),
  gender: str("Gender", "Gender identity of the person.", {
    enum: ["male", "female", "not_specified", "non_specific"],
    "meta:enum": { male: "Male", female: "Female", not_specified: "Not Specified", non_specific: "Non-specific" },
  }),
});

const personalEmail = obj("Personal email", "A personal email address.", {
  address: str("Address", "The technical address, e.g 'name@domain.com'.", { format: "email" }),
  primary: bool("Primary", "Primary email indicator."),
  status: str("Status", "An indication as to the ability to use the email address.", {
    enum: ["active", "incomplete", "pending_verification", "blocked"],
  }),
});

const mobilePhone = obj("Mobile phone", "Mobile phone number.", {
  number: str("Number", "The phone number, e.g. '+49 30 1234567'."),
  primary: bool("Primary", "Primary phone indicator."),
});

const homeAddress = obj("Home address", "A home postal address.", {
  street1: str("Street 1", "Primary street level information, apartment number, street number and street name."),
  city: str("City", "The name of the city."),
  postalCode: str("Postal code", "The postal code of the location."),
  country: str("Country", "The name of the government-administered territory."),
  countryCode: str("Country code", "The two-character ISO 3166-1 alpha-2 code for the country.", {
    pattern: "^[A-Z]{2}$",
  }),
});

const identity = obj("Identity", "An identity of the profile in one namespace.", {
  id: str("Identifier", "Identity of the consumer in the related namespace."),
  authenticatedState: str("Authenticated state", "The state this identity is authenticated as.", {
    enum: ["ambiguous", "authenticated", "loggedOut"],
  }),
  primary: bool("Primary", "Indicates this identity is the preferred identity."),
});

const membership = obj("Segment membership", "Qualification of the profile for one audience.", {
  status: str("Status", "Whether the profile qualifies for the audience.", {
    enum: ["realized", "existing", "exited"],
  }),
  lastQualificationTime: dateTime("Last qualification time", "When the profile last qualified."),
  version: str("Version", "Version of the audience definition the result stems from."),
});

const tenantGroup = (namespace: string): Field =>
  obj(namespace, `The tenant's own fields (field group of ${namespace.slice(1)}).`, {
    loyalty: obj("Loyalty", "Loyalty programme membership.", {
      tier: str("Tier", "Loyalty tier, e.g. silver or gold."),
      points: int("Points", "Points balance."),
      memberSince: date("Member since", "Date the person joined the programme."),
    }),
    purchases: arr(
      "Purchases",
      "Recent purchases.",
      obj("Purchase", "One purchase.", {
        sku: str("SKU", "Stock keeping unit of the product."),
        amount: leaf("number", "number", "Amount", "Amount paid, in the order currency."),
        purchasedAt: dateTime("Purchased at", "When the purchase was made."),
      }),
    ),
  });

function common(sandbox: SandboxInfo, orgId: string, namespace: string): Field {
  return {
    "meta:class": PROFILE_CLASS,
    "meta:extends": [
      PROFILE_CLASS,
      "https://ns.adobe.com/xdm/data/record",
      "https://ns.adobe.com/xdm/context/identitymap",
      "https://ns.adobe.com/xdm/common/extensible",
      "https://ns.adobe.com/xdm/common/auditable",
      "https://ns.adobe.com/xdm/context/profile-person-details",
      "https://ns.adobe.com/xdm/context/profile-personal-details",
      `https://ns.adobe.com/${namespace.slice(1)}/mixins/profile-loyalty`,
    ],
    "meta:containerId": "tenant",
    "meta:resourceType": "unions",
    "meta:tenantNamespace": namespace,
    "meta:sandboxId": sandbox.id,
    "meta:sandboxType": sandbox.name === "prod" ? "production" : "development",
    imsOrg: orgId,
    "meta:registryMetadata": {},
  };
}

const header = {
  $id: UNION_ID,
  "meta:altId": UNION_ALT_ID,
  version: "1.0",
  title: `Union object for ${PROFILE_CLASS}`,
  type: "object",
  description: `Union view of all schemas that extend ${PROFILE_CLASS}`,
};

/** The fully resolved union (`xed-full`). */
export function fullUnion(sandbox: SandboxInfo, orgId: string, namespace: string): Field {
  return {
    ...header,
    "meta:xdmType": "object",
    properties: {
      _id: str("Identifier", "A unique identifier for the record."),
      person,
      personalEmail,
      mobilePhone,
      homeAddress,
      identityMap: map(
        "Identity map",
        "Identities of the profile, keyed by namespace.",
        arr("Identities", "The identities of one namespace.", identity),
      ),
      segmentMembership: map(
        "Segment membership",
        "Audience qualifications, keyed by namespace (ups, …) and then audience id.",
        map("Namespace memberships", "Qualifications in one namespace, keyed by audience id.", membership),
      ),
      [namespace]: tenantGroup(namespace),
    },
    ...common(sandbox, orgId, namespace),
  };
}

/** The raw union (`xed`): the class and field groups by `$ref`, as unions.md shows. */
export function rawUnion(sandbox: SandboxInfo, orgId: string, namespace: string): Field {
  const base = common(sandbox, orgId, namespace);
  return {
    ...header,
    allOf: (base["meta:extends"] as string[])
      .filter((ref) => !ref.includes("/common/") && !ref.includes("/data/"))
      .map((ref) => ({ $ref: ref })),
    ...base,
  };
}
