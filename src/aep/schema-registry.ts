// The sandbox's Profile union schema from the Schema Registry (Adobe's help/xdm/api/unions.md): one GET
// per sandbox per command, fully resolved (xed-full) so every field's type is there. A sandbox whose
// Schema Registry refuses this client (403, 404) has no check: undefined, and the command says so once.
import type { AepHttp } from "./http.js";
import { AepApiError } from "./errors.js";

export const PROFILE_UNION_ID = "https://ns.adobe.com/xdm/context/profile__union";
export const SCHEMA_REGISTRY_PATH = "/data/foundation/schemaregistry";
export const XED_FULL = "application/vnd.adobe.xed-full+json; version=1";

export interface SchemaRegistryPort {
  profileUnion(): Promise<unknown | undefined>;
}

export class HttpSchemaRegistry implements SchemaRegistryPort {
  private union: Promise<unknown | undefined> | undefined;

  constructor(
    private readonly http: AepHttp,
    private readonly sandbox: string,
  ) {}

  profileUnion(): Promise<unknown | undefined> {
    this.union ??= this.read();
    return this.union;
  }

  private async read(): Promise<unknown | undefined> {
    try {
      return await this.http.request(
        this.sandbox,
        "GET",
        `${SCHEMA_REGISTRY_PATH}/tenant/schemas/${encodeURIComponent(PROFILE_UNION_ID)}`,
        { accept: XED_FULL },
      );
    } catch (error) {
      if (error instanceof AepApiError && (error.status === 403 || error.status === 404)) return undefined;
      throw error;
    }
  }
}
