// References between the changes of one plan. A change's `ref` is its key: other changes depend on it,
// and a call that needs the id of an object created earlier in the same apply carries `{{<ref>.id}}`,
// which the executor fills in. Refs are built here and only here, from typed parts, so nothing has to
// read meaning back out of the string.
import type { ResourceKind } from "./plan.js";

const PREFIX: Record<ResourceKind, string> = {
  "profile-connection": "profile-connection",
  "profile-source": "profile-source",
  account: "account",
  "target-connection": "target",
  flow: "flow",
};

/** `account/kinesis-marketing`, `target/summer-sale`, `flow/summer-sale#dup1`, `profile-source`. */
export function changeRef(resource: ResourceKind, name?: string, duplicate?: number): string {
  const base = name === undefined ? PREFIX[resource] : `${PREFIX[resource]}/${name}`;
  return duplicate === undefined ? base : `${base}#dup${duplicate}`;
}

/** The id of an object that exists live, or the placeholder filled in once its create has run. */
export function idOrPlaceholder(ref: string, liveId: string | undefined): string {
  return liveId ?? `{{${ref}.id}}`;
}
