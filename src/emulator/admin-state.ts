// The admin view of the whole emulator (GET /__emulator/state) and the sealing of a restored store: the
// two places where the store meets the secret vault outside request handling.
import type { AudienceStore } from "./audience-store.js";
import { audienceView } from "./audience-views.js";
import { revealSecrets, sealRestored, type SecretVault } from "./secrets.js";
import type { SpecCatalog } from "./spec-catalog.js";
import type { Store } from "./store.js";
import type { SandboxInfo } from "./types.js";

export interface StateParts {
  orgId: string;
  sandboxes: readonly SandboxInfo[];
  store: Store;
  audiences: AudienceStore;
  specs: SpecCatalog;
  vault: SecretVault;
}

/** `{orgId, sandboxes: {<name>: {sandboxId, connections, …, audiences}}}`, newest first. */
export function adminState(parts: StateParts): unknown {
  const dump = parts.store.dump();
  const sandboxes = Object.fromEntries(
    parts.sandboxes.map((s) => {
      const resources = dump.sandboxes[s.name] ?? {};
      // Secrets read in clear while this process still has them (the store keeps digests).
      const entities = Object.fromEntries(
        Object.entries(resources).map(([r, rows]) => [
          r,
          (rows ?? [])
            .map((row) => (r === "connections" ? revealSecrets(row.entity, parts.specs, parts.vault) : row.entity))
            .reverse(),
        ]),
      );
      return [s.name, { sandboxId: s.id, ...entities, audiences: parts.audiences.list(s.name).map(audienceView) }];
    }),
  );
  return { orgId: parts.orgId, sandboxes };
}

/** Seals the clear secrets a restored store may hold (older state files); says whether any were found. */
export function sealRestoredStore(store: Store, specs: SpecCatalog, vault: SecretVault): boolean {
  let resealed = false;
  for (const name of store.sandboxNames()) {
    const connections = store.collection(name, "connections");
    for (const { entity } of [...connections.newestFirst()]) {
      const sealed = sealRestored(entity, specs, vault);
      if (sealed) connections.refresh(sealed);
      resealed ||= sealed !== undefined;
    }
  }
  return resealed;
}
