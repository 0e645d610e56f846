// Turns documents that passed both layers into the domain's desired state, keeping where each item came
// from. Only called on valid documents, so the generated schema types can be trusted here. Each place is
// found when first read (a problem, a plan's JSON): finding one parses the file with yaml, and a plan
// that reports nothing never needs one (bench/results.md, the no-op plan and its peak RSS).
import type {
  CredentialValue,
  DesiredAccount,
  DesiredAudience,
  DesiredDestination,
  FlowState,
  SourceLocation,
} from "../domain/state/desired.js";
import type { CheckedDocument } from "../domain/checks/document.js";
import { envReferenceName } from "../domain/checks/env-reference.js";
import type { Path } from "../domain/checks/document.js";
import type { Account, Destination } from "./types.generated.js";

const DEFAULT_STATE: FlowState = "enabled";

/** What a place needs to find itself, out of sight of spreads, JSON and Object.keys. */
const LOOKUP = Symbol("place");

interface Lookup {
  doc: CheckedDocument;
  path: Path;
  anchor: "key" | undefined;
  found?: SourceLocation;
}

function found(place: object): SourceLocation {
  const lookup = (place as { [LOOKUP]: Lookup })[LOOKUP];
  return (lookup.found ??= lookup.doc.locator.at(lookup.path, lookup.anchor));
}

// One getter per field, shared by every place: a place per audience adds up (L holds 250,000), and an
// object literal with getters of its own carries two closures each, about three times the memory.
const LINE: PropertyDescriptor = {
  get(this: object) {
    return found(this).line;
  },
  enumerable: true,
};
const COLUMN: PropertyDescriptor = {
  get(this: object) {
    return found(this).column;
  },
  enumerable: true,
};

/** Where `path` is written, looked up when line or column is first read (spreads and JSON read them). */
function place(doc: CheckedDocument, path: Path, anchor?: "key"): SourceLocation {
  const located = { file: doc.file };
  Object.defineProperty(located, LOOKUP, { value: { doc, path, anchor } satisfies Lookup });
  Object.defineProperty(located, "line", LINE);
  Object.defineProperty(located, "column", COLUMN);
  return located as SourceLocation;
}

export function toDesiredAccount(doc: CheckedDocument): DesiredAccount {
  const account = doc.value as unknown as Account;
  const credentials: Record<string, CredentialValue> = {};
  const credentialSources: Record<string, SourceLocation> = {};
  for (const [field, value] of Object.entries(account.credentials)) {
    const env = envReferenceName(value);
    credentials[field] = env === undefined ? { literal: value } : { env };
    credentialSources[field] = place(doc, ["credentials", field]);
  }
  const result: DesiredAccount = {
    name: account.name,
    type: account.type,
    credentials,
    credentialSources,
    source: place(doc, []),
  };
  if (account.description !== undefined) result.description = account.description;
  if (account.displayName !== undefined) result.displayName = account.displayName;
  if (account.adoptId !== undefined) result.adoptId = account.adoptId;
  if (account.renamedFrom !== undefined) result.renamedFrom = account.renamedFrom;
  return result;
}

export function toDesiredDestination(doc: CheckedDocument): DesiredDestination {
  const destination = doc.value as unknown as Destination;
  const result: DesiredDestination = {
    name: destination.name,
    type: destination.type,
    account: destination.account,
    state: destination.state ?? DEFAULT_STATE,
    target: { ...destination.target },
    targetSource: place(doc, ["target"], "key"),
    targetSources: Object.fromEntries(
      Object.keys(destination.target).map((k) => [k, place(doc, ["target", k], "key")]),
    ),
    audiences: (destination.audiences ?? []).map((audience, index) => {
      const item: DesiredAudience = { source: place(doc, ["audiences", index]) };
      if (audience.id !== undefined) item.id = audience.id;
      if (audience.name !== undefined) item.name = audience.name;
      if (audience.schedule !== undefined) {
        const { startDate, endDate } = audience.schedule;
        item.schedule = { startDate, ...(endDate === undefined ? {} : { endDate }) };
      }
      return item;
    }),
    profileAttributes: (destination.profileAttributes ?? []).map((path, index) => ({
      path,
      source: place(doc, ["profileAttributes", index]),
    })),
    source: place(doc, []),
  };
  if (destination.description !== undefined) result.description = destination.description;
  if (destination.displayName !== undefined) result.displayName = destination.displayName;
  if (destination.adoptId !== undefined) result.adoptId = destination.adoptId;
  if (destination.renamedFrom !== undefined) result.renamedFrom = destination.renamedFrom;
  if (destination.marketingActions !== undefined) {
    result.marketingActions = destination.marketingActions.map((ref, index) => ({
      ref,
      source: place(doc, ["marketingActions", index]),
    }));
  }
  return result;
}
