// The data of a file as js-yaml reads it, or undefined where yaml must read it instead. js-yaml reads
// a destination file about fifteen times faster than yaml's Document API, but yaml's answers are the
// ones users see, so js-yaml's reading is kept only where it is yaml's (test/config/yaml-data.test.ts
// holds the two equal on every case). What decides is js-yaml's own parse, never a look at the text:
// - anything js-yaml refuses (a syntax error, a duplicate key, nesting over 100) or warns about (an
//   unknown directive, odd indentation), or a comment it found right after a node (`"b"#c`, which yaml
//   refuses): yaml reports it, with its message and position;
// - anchors, aliases, explicit tags and %YAML directives: yaml resolves them by its own rules (alias
//   limits, unknown tags as warnings, YAML 1.1's schema);
// - keys the two turn into different property names: null (yaml '', js-yaml 'null': so any key
//   'null'), a collection (yaml writes it as YAML, js-yaml joins it), '__proto__' and '<<' (each a
//   special case somewhere), a key over 1,000 characters (yaml refuses implicit keys over 1,024);
// - a file holding no document but nothing or null: yaml explains what is wrong with it.
// Plain scalars are resolved as yaml's YAML 1.2 core schema resolves them (resolvePlain, through a
// catch-all implicit type: js-yaml hands implicit types the plain scalars only), quoted and block
// scalars stay text; so `yes` is text, `012` the number 12 and `~` null, as in yaml.
import { FAILSAFE_SCHEMA, Type, loadAll, type State } from "js-yaml";

const PLAIN_TAG = "tag:aep-gitops,2026:plain";
const SCHEMA = FAILSAFE_SCHEMA.extend({
  implicit: [new Type(PLAIN_TAG, { kind: "scalar", resolve: () => true, construct: resolvePlain })],
});
const MAX_KEY = 1000;

/** The documents of a text that hold something, each as yaml would read it, or undefined. */
export function yamlData(text: string): unknown[] | undefined {
  let differs = false;
  // Every collection js-yaml built (a flow pair's mapping aside): one not in the data was used as a key.
  const collections = new Set<unknown>();
  const listener = (event: "open" | "close", state: State) => {
    if (event !== "close") return;
    const { tag, anchor, kind, version, input, position } = state as State & {
      tag: string | null;
      anchor: string | null;
    };
    if (anchor !== null || (tag !== null && tag !== PLAIN_TAG) || version !== null) differs = true;
    // A comment right after a node (`"b"#c`): js-yaml reads it as one, yaml as an error.
    if (input.charCodeAt(position) === 0x23 && !/\s/.test(input[position - 1] ?? " ")) differs = true;
    if ((kind === "mapping" || kind === "sequence") && typeof state.result === "object" && state.result !== null)
      collections.add(state.result);
  };
  let documents: unknown[];
  try {
    documents = loadAll(text, undefined, { schema: SCHEMA, listener, onWarning: () => (differs = true) });
  } catch (error) {
    if ((error as { name?: string }).name === "YAMLException" || error instanceof RangeError) return undefined;
    throw error;
  }
  const holding = documents.filter((d) => d !== null && d !== undefined);
  if (differs || holding.length === 0) return undefined;
  return found(holding, collections) === collections.size ? holding : undefined;
}

/** How many of `collections` the data holds, or -1 where a key is one yaml reads differently (see above). */
function found(documents: unknown[], collections: Set<unknown>): number {
  let count = 0;
  const stack = [...documents];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== "object") continue;
    if (collections.has(value)) count++;
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    for (const key in value) {
      if (key === "null" || key === "__proto__" || key === "<<" || key.length > MAX_KEY) return -1;
      stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return count;
}

/**
 * A plain scalar as yaml's core schema resolves it: its tags in yaml's order (null, bool, octal, int,
 * hex, NaN/infinity, exponent, float), each with yaml's test and yaml's conversion. Every key and
 * plain value of every file comes through here, so the common case (a name, an id) is answered first:
 * not one of the words, and not a number of any form (one test of their union).
 */
export function resolvePlain(text: string): string | number | boolean | null {
  const word = WORDS.get(text);
  if (word !== undefined) return word;
  if (!NUMBER.test(text)) return text;
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text))
    return text.slice(-3).toLowerCase() === "nan" ? NaN : text[0] === "-" ? -Infinity : Infinity;
  return parseFloat(text); // the union leaves only yaml's exponent and float forms
}

/** yaml's null (/^(?:~|[Nn]ull|NULL)?$/) and bool (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/), word by word. */
const WORDS = new Map<string, null | boolean>([
  ...["", "~", "null", "Null", "NULL"].map((w) => [w, null] as const),
  ...["true", "True", "TRUE"].map((w) => [w, true] as const),
  ...["false", "False", "FALSE"].map((w) => [w, false] as const),
]);

/** The union of yaml's number tests, in one. */
const NUMBER =
  /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/;
