// What `drift --write` changes in the YAML so it describes the live state, field by field: the plan's
// field changes of an object changed outside Git, read backwards (a field's `before` is Adobe's value).
// Pure: it names the edits (which document, which key, which list item); src/config/drift-splice.ts
// makes them in the file's text. Only what drifted is edited, and a credential never is: its value
// is write-only in Adobe and a `${env:NAME}` reference in Git, so a rotation is said, not written.
import type { DesiredDestination, DesiredSandbox } from "../state/desired.js";
import type { AudienceRef, FieldChange, ResourceKind } from "../plan/plan.js";

/** A new list item: an attribute path, or an audience written key by key (with Adobe's name as a comment). */
export type NewItem = string | { fields: [string, string][]; comment?: string };

export type YamlEdit =
  /** Sets `key` (a path of mapping keys); a missing key is inserted after the first of `after` present. */
  | { op: "set"; key: string[]; value: string | boolean; after?: string[] }
  | { op: "unset"; key: string[] }
  /** The list at `key`: items removed (by position, or by value for plain items) and items appended. */
  | { op: "list"; key: string; removeAt: number[]; removeValues: string[]; add: NewItem[] }
  /** A key of the list item at `index` of the list at `list`. */
  | { op: "item-set"; list: string; index: number; key: string; value: string };

/** The edits of one YAML document (a Destination or an Account), and what they are, for the reader. */
export interface DocumentEdits {
  sandbox: string;
  file: string;
  kind: "Destination" | "Account";
  name: string;
  refs: string[];
  /** The fields written, as the plan names them (`state`, `audiences`, `params.stream`, …), each once. */
  fields: string[];
  edits: YamlEdit[];
}

/** The part of a drift item this needs (src/report/operate/drift.ts has the whole). */
export interface DriftedObject {
  sandbox: string;
  ref: string;
  resource: ResourceKind;
  name: string;
  kind: "changed-outside" | "pending" | "missing" | "orphan";
  fields: FieldChange[];
}

export function driftEdits(
  items: DriftedObject[],
  desired: DesiredSandbox[],
): { documents: DocumentEdits[]; notes: string[] } {
  const documents = new Map<string, DocumentEdits>();
  const notes: string[] = [];
  for (const item of items) {
    if (item.kind !== "changed-outside") {
      notes.push(`${item.resource} ${item.name} (${item.sandbox}): ${NOT_WRITTEN[item.kind]}`);
      continue;
    }
    const sandbox = desired.find((d) => d.sandbox === item.sandbox);
    const isAccount = item.resource === "account";
    const owner = isAccount
      ? sandbox?.accounts.find((a) => a.name === item.name)
      : sandbox?.destinations.find((d) => d.name === item.name);
    if (!owner || (item.resource !== "flow" && item.resource !== "target-connection" && !isAccount)) {
      notes.push(`${item.resource} ${item.name} (${item.sandbox}): not in the YAML read; not written.`);
      continue;
    }
    const key = `${owner.source.file}\0${isAccount ? "Account" : "Destination"}\0${owner.name}`;
    const doc = documents.get(key) ?? {
      sandbox: item.sandbox,
      file: owner.source.file,
      kind: isAccount ? ("Account" as const) : ("Destination" as const),
      name: owner.name,
      refs: [],
      fields: [],
      edits: [],
    };
    documents.set(key, doc);
    doc.refs.push(item.ref);
    for (const field of item.fields) {
      const written = isAccount
        ? accountEdit(field, owner.name, doc, notes)
        : item.resource === "flow"
          ? flowEdit(field, owner as DesiredDestination, doc, notes)
          : targetEdit(field, owner.name, doc, notes);
      if (written && !doc.fields.includes(field.field)) doc.fields.push(field.field);
    }
  }
  return { documents: [...documents.values()].filter((d) => d.edits.length > 0), notes };
}

const NOT_WRITTEN = {
  "changed-outside": "",
  pending: "the YAML changed since the last apply (not drift made in Adobe); not written, apply it or revert the edit.",
  missing: "missing in Adobe; not written (apply creates it, or remove it from the YAML by hand).",
  orphan: "managed but no longer in YAML; not written (prune removes it, or 'import' brings it back).",
} as const;

/** Where a key Adobe now sets but the YAML leaves out is written: after these, the first one present. */
const AFTER = {
  displayName: ["name"],
  description: ["displayName", "account", "type", "name"],
  state: ["description", "account", "type"],
};

function nameEdit(live: unknown, identity: string, doc: DocumentEdits): boolean {
  if (typeof live !== "string") return false;
  // Adobe's name back to the YAML identity: a displayName would only repeat it.
  if (live === identity) doc.edits.push({ op: "unset", key: ["displayName"] });
  else doc.edits.push({ op: "set", key: ["displayName"], value: live, after: AFTER.displayName });
  return true;
}

function descriptionEdit(live: unknown, doc: DocumentEdits): boolean {
  if (typeof live !== "string") return false;
  if (live === "") doc.edits.push({ op: "unset", key: ["description"] });
  else doc.edits.push({ op: "set", key: ["description"], value: live, after: AFTER.description });
  return true;
}

function accountEdit(field: FieldChange, name: string, doc: DocumentEdits, notes: string[]): boolean {
  if (field.field === "name") return nameEdit(field.before, name, doc);
  if (field.field === "description") return descriptionEdit(field.before, doc);
  if (field.field.startsWith("credentials."))
    notes.push(
      `account ${name}: ${field.field} differs; not written (credentials stay \${env:NAME} references in Git: set the variable's new value where the runs read it).`,
    );
  else notes.push(`account ${name}: ${field.field} changed in Adobe; not written.`);
  return false;
}

function list(doc: DocumentEdits, key: string): Extract<YamlEdit, { op: "list" }> {
  const found = doc.edits.find((e): e is Extract<YamlEdit, { op: "list" }> => e.op === "list" && e.key === key);
  if (found) return found;
  const edit = { op: "list" as const, key, removeAt: [], removeValues: [], add: [] };
  doc.edits.push(edit);
  return edit;
}

/** One line of text for a comment: Adobe's strings are untrusted and must not break out of it. */
function commentText(text: string): string {
  return [...text]
    .map((c) => (c.charCodeAt(0) < 0x20 || c === "\u007f" || c === "\u2028" || c === "\u2029" ? " " : c))
    .join("")
    .replace(/ +/g, " ")
    .trim();
}

function flowEdit(field: FieldChange, destination: DesiredDestination, doc: DocumentEdits, notes: string[]): boolean {
  const live = field.before;
  switch (field.field) {
    case "name":
      return nameEdit(live, destination.name, doc);
    case "description":
      return descriptionEdit(live, doc);
    case "state":
      if (live !== "enabled" && live !== "disabled") return false;
      doc.edits.push({ op: "set", key: ["state"], value: live, after: AFTER.state });
      return true;
    case "profileAttributes":
      if (typeof live === "string") list(doc, "profileAttributes").add.push(live);
      else if (typeof field.after === "string") list(doc, "profileAttributes").removeValues.push(field.after);
      else return false;
      return true;
    case "audiences": {
      if (live !== undefined) {
        const a = live as AudienceRef;
        // The selector's label, when Adobe holds one, is what the plan compares `name:` with; without
        // one, Adobe's name for the audience is only told to the reader, as a comment.
        const label = a.name ?? undefined;
        const comment = label === undefined && a.adobeName ? commentText(a.adobeName) : "";
        list(doc, "audiences").add.push({
          fields: [["id", a.id], ...(label === undefined ? [] : [["name", label] as [string, string]])],
          ...(comment ? { comment } : {}),
        });
        return true;
      }
      const gone = field.after as AudienceRef | undefined;
      const index = gone ? destination.audiences.findIndex((a) => a.id === gone.id) : -1;
      if (index < 0) return false;
      list(doc, "audiences").removeAt.push(index);
      return true;
    }
  }
  const renamed = /^audiences\[(.+)\]\.name$/.exec(field.field);
  if (renamed && typeof live === "string") {
    const index = destination.audiences.findIndex((a) => a.id === renamed[1] && !a.idFromName);
    if (index >= 0) {
      doc.edits.push({ op: "item-set", list: "audiences", index, key: "name", value: live });
      return true;
    }
  }
  notes.push(`destination ${destination.name}: ${field.field} changed in Adobe; not written (edit the YAML by hand).`);
  return false;
}

function targetEdit(field: FieldChange, name: string, doc: DocumentEdits, notes: string[]): boolean {
  const param = /^params\.(.+)$/.exec(field.field)?.[1];
  if (param === undefined) {
    notes.push(`destination ${name}: the target connection's ${field.field} changed in Adobe; not written.`);
    return false;
  }
  const live = field.before;
  if (live === undefined) doc.edits.push({ op: "unset", key: ["target", param] });
  else if (typeof live === "string" || typeof live === "boolean")
    doc.edits.push({ op: "set", key: ["target", param], value: live, after: [] });
  else {
    notes.push(`destination ${name}: target ${param} is not a string or flag in Adobe; not written.`);
    return false;
  }
  return true;
}
