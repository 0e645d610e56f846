// Connection specs as the sandbox's Adobe serves them (GET /connectionSpecs/{id}): where Adobe says
// which credentials and target params a destination type accepts. Read once per type per command, before
// planning, and shared by every sandbox of the command.
import type { ConnectionSpec } from "../domain/checks/connection-spec.js";
import type { AepHttp } from "./http.js";
import { AepApiError } from "./errors.js";
import { FLOW_SERVICE_PATH } from "./flow-service.js";

export interface ConnectionSpecPort {
  /** The spec, or undefined when Adobe refuses to show it (the check is then skipped, and said). */
  connectionSpec(id: string): Promise<ConnectionSpec | undefined>;
}

export class HttpConnectionSpecs implements ConnectionSpecPort {
  private readonly cache = new Map<string, Promise<ConnectionSpec | undefined>>();

  constructor(
    private readonly http: AepHttp,
    private readonly sandbox: string,
  ) {}

  connectionSpec(id: string): Promise<ConnectionSpec | undefined> {
    let spec = this.cache.get(id);
    if (!spec) {
      spec = this.read(id);
      this.cache.set(id, spec);
    }
    return spec;
  }

  private async read(id: string): Promise<ConnectionSpec | undefined> {
    try {
      const body = (await this.http.request(this.sandbox, "GET", `${FLOW_SERVICE_PATH}/connectionSpecs/${id}`)) as
        { items?: unknown[] } | undefined;
      const item = body?.items?.[0] as Record<string, unknown> | undefined;
      if (!item || typeof item.id !== "string") return undefined;
      const authSpec = (Array.isArray(item.authSpec) ? item.authSpec : []).flatMap((a) => {
        const entry = a as { name?: unknown; spec?: unknown };
        return typeof entry.name === "string" && entry.spec && typeof entry.spec === "object"
          ? [{ name: entry.name, spec: entry.spec as Record<string, unknown> }]
          : [];
      });
      const target = (item.targetSpec as { spec?: unknown } | undefined)?.spec;
      return {
        id: item.id,
        ...(typeof item.name === "string" ? { name: item.name } : {}),
        authSpec,
        ...(target && typeof target === "object" ? { targetSpec: { spec: target as Record<string, unknown> } } : {}),
      };
    } catch (error) {
      if (error instanceof AepApiError && (error.status === 403 || error.status === 404)) return undefined;
      throw error;
    }
  }
}
