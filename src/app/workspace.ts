// A command's workspace: the configuration (loaded once), the connection to Adobe, and each sandbox's
// inputs (desired state and ports) for the orchestrator. Every secret the YAML refers to is handed to the output port before
// anything can be printed.
import type { SandboxInputs } from "../reconcile/reconcile.js";
import { openAdobe, type Adobe } from "./adobe.js";
import type { Configuration } from "./configuration.js";
import type { Io } from "./io.js";
import type { Output } from "./output.js";
import { sensitiveFields } from "../domain/destination-types/index.js";
import type { DesiredAccount } from "../domain/state/desired.js";

export interface Workspace {
  configuration: Configuration;
  adobe: Adobe;
  sandboxes: SandboxInputs[];
  close(): Promise<void>;
}

export async function openWorkspace(
  configuration: Configuration,
  options: { emulator?: boolean | undefined; trace?: string | undefined },
  io: Io,
  output: Output,
): Promise<Workspace> {
  // The config this command read (named or found) places the emulator's state, wherever it started.
  const adobe = await openAdobe({ ...options, config: configuration.tool.configFile }, io, output);
  output.addSecrets(
    secretValues(
      configuration.desired.flatMap((d) => d.accounts),
      adobe.env,
    ),
  );
  const sandboxes = configuration.desired.map((desired) => ({
    desired,
    port: adobe.port(desired.sandbox),
    audiences: adobe.audiences(desired.sandbox),
    specs: adobe.specs(desired.sandbox),
    schemas: adobe.schemas(desired.sandbox),
    policies: adobe.policies(desired.sandbox),
  }));
  return { configuration, adobe, sandboxes, close: () => adobe.close() };
}

// Every value a command must never print: the credentials the YAML refers to (secrets and account keys, by
// their type's registry entry), the IMS client secret and the fingerprint key. The output port masks
// them in every line; the Action also tells the runner (::add-mask::).
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
