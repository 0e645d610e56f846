// Every value a command must never print: the credentials the YAML refers to (secrets and account keys, by
// their type's registry entry), the IMS client secret and the fingerprint key. The output port masks
// them in every line; the Action also tells the runner (::add-mask::).
import { sensitiveFields } from "../domain/destination-types/index.js";
import type { DesiredAccount } from "../domain/state/desired.js";

export function secretValues(accounts: DesiredAccount[], env: Record<string, string | undefined>): string[] {
  const values = new Set<string>();
  for (const account of accounts) {
    for (const field of sensitiveFields(account.type)) {
      const value = account.credentials[field];
      const resolved = value && "env" in value ? env[value.env] : undefined;
      if (resolved) values.add(resolved);
    }
  }
  for (const name of ["AEP_CLIENT_SECRET", "AEP_GITOPS_FINGERPRINT_KEY"]) if (env[name]) values.add(env[name]!);
  return [...values];
}
