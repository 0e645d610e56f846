// Which environment variables a credential may name. A credential's `${env:NAME}` is resolved by the
// apply job, which also holds Adobe's write credential, the fingerprint key and the runner's tokens: a
// pull request that pointed a credential at one of those would send it to Adobe (for Event Hubs, inside
// a SAS token to whatever namespace the YAML names). So the names of the tool's own and the runner's
// variables are refused outright, and a tool config may narrow the rest to prefixes of its choosing.

/** Variables the tool itself reads (its own credential and settings). */
const OWN = ["AEP_ORG_ID", "AEP_SANDBOX", "AEP_SCOPES", "AEP_PLATFORM_URL", "AEP_IMS_URL"];

/** Whole families: the tool's, GitHub's and the runner's, an action's inputs and state, package tokens. */
const PREFIXES: readonly [string, string][] = [
  ["AEP_CLIENT_", "aep-gitops's own Adobe credential"],
  ["AEP_PLAN_", "aep-gitops's own Adobe credential"],
  ["AEP_GITOPS_", "aep-gitops's own settings and keys"],
  ["GITHUB_", "GitHub's token and run context"],
  ["ACTIONS_", "the Actions runtime's tokens"],
  ["RUNNER_", "the runner's context"],
  ["INPUT_", "the Action's inputs (the GitHub token among them)"],
  ["STATE_", "the Action's saved state"],
  ["NODE_AUTH_TOKEN", "the package registry token"],
  ["NPM_TOKEN", "the package registry token"],
];

/** Why a credential may not name this variable; undefined when it may. */
export function reservedVariable(name: string): string | undefined {
  const upper = name.toUpperCase();
  if (OWN.includes(upper)) return "aep-gitops's own settings";
  return PREFIXES.find(([prefix]) => upper.startsWith(prefix))?.[1];
}

/** The prefixes the tool config's `credentials.variablePrefixes` allows, when it narrows them. */
export function allowedByPrefixes(name: string, prefixes: readonly string[] | undefined): boolean {
  return !prefixes || prefixes.length === 0 || prefixes.some((prefix) => name.startsWith(prefix));
}

/** The environment variables whose values no credential may carry, whatever the variable is called. */
export function ownSecretVariables(env: Record<string, string | undefined>): string[] {
  return Object.keys(env)
    .filter((name) => reservedVariable(name) !== undefined && (env[name] ?? "").length >= 8)
    .filter((name) => /SECRET|TOKEN|KEY|PASSWORD/i.test(name))
    .sort();
}

/**
 * The conventional variable for a credential (account kinesis-marketing, field secretKey →
 * KINESIS_MARKETING_SECRET_KEY), never one validate refuses: an account called "github" gets
 * DEST_GITHUB_SECRET_KEY, not GITHUB_SECRET_KEY. What `import` writes and the hints suggest.
 */
export function suggestedVariable(account: string, field: string): string {
  const words = [account.replace(/[^A-Za-z0-9]+/g, "_"), field.replace(/([a-z0-9])([A-Z])/g, "$1_$2")];
  const name = words.join("_").replace(/_+/g, "_").replace(/^_|_$/g, "").toUpperCase();
  return reservedVariable(name) === undefined && /^[A-Z_]/.test(name) ? name : `DEST_${name}`;
}
