// The data of a plain file without its positions, for a run that needs positions only where it reports
// a problem (validate): js-yaml builds the data itself, resolving plain scalars as yaml's core schema
// does (resolvePlain, through a catch-all implicit type: js-yaml gives its implicit types the plain
// scalars only, never quoted or block ones), so nothing is walked or rebuilt after it. That is about
// half the cost of fast-yaml.ts, which also indexes every node's position. The positions are read
// from the text when first asked for (Locator.onDemand), by the path that would have read them.
//
// The answers must be yaml's own. Besides fast-yaml.ts's quick scan (no anchors, tags, merges,
// explicit keys, tabs, CRs, long lines…) and js-yaml's own refusals (syntax, duplicate keys: yaml then
// reports them), this path refuses what js-yaml would read into different data than yaml:
// - a key that reads as null (`null:`, `~:`): yaml names it '', js-yaml 'null' (so any key 'null');
// - a collection as a key (`[a, b]: c`): the two stringify it differently (so any ']' or '}' before ':');
// - a '__proto__' key (yaml's toJS treats it specially);
// - a document that is not a mapping (an empty one, a list, a scalar): the general path explains it.
// test/config/fast-yaml.test.ts holds this path equal to yaml's, data and positions, on every fixture.
import { FAILSAFE_SCHEMA, Type, loadAll } from "js-yaml";
import { plainText, resolvePlain } from "./fast-yaml.js";

const PLAIN = new Type("tag:aep-gitops,2026:plain", { kind: "scalar", resolve: () => true, construct: resolvePlain });
const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [PLAIN] });
const ODD_KEYS = /__proto__|[\]}] *:/;

/** The documents of a plain file, each a mapping, or undefined: then a path with positions reads it. */
export function fastValues(text: string): Array<Record<string, unknown>> | undefined {
  if (!plainText(text) || ODD_KEYS.test(text)) return undefined;
  try {
    const documents = loadAll(text, undefined, { schema: SCHEMA, json: false });
    if (documents.length === 0 || !documents.every(isMapping) || !documents.every(keysAsYamlReadsThem))
      return undefined;
    return documents as Array<Record<string, unknown>>;
  } catch (error) {
    if ((error as { name?: string }).name === "YAMLException" || error instanceof RangeError) return undefined;
    throw error;
  }
}

function isMapping(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** No key 'null' anywhere (see above). Recursive, as js-yaml was: a RangeError here is caught above. */
function keysAsYamlReadsThem(value: unknown): boolean {
  if (value === null || typeof value !== "object") return true;
  if (Array.isArray(value)) return value.every(keysAsYamlReadsThem);
  for (const key in value) {
    if (key === "null" || !keysAsYamlReadsThem((value as Record<string, unknown>)[key])) return false;
  }
  return true;
}
