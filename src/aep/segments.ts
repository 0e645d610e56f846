// The Segmentation Service's audience list (GET /data/core/ups/segment/definitions), read in one pass
// of pages so the plan can check every audience reference against the sandbox.
import type { AepHttp } from "./http.js";

export const SEGMENT_DEFINITIONS_PATH = "/data/core/ups/segment/definitions";

export interface AudienceDefinition {
  id: string;
  name: string;
}

export interface AudiencePort {
  listAudiences(): Promise<AudienceDefinition[]>;
}

interface SegmentPage {
  segments?: { id?: unknown; name?: unknown }[];
  page?: { totalCount?: number };
  link?: { next?: string };
}

export class HttpAudiences implements AudiencePort {
  constructor(
    private readonly http: AepHttp,
    private readonly sandbox: string,
  ) {}

  async listAudiences(): Promise<AudienceDefinition[]> {
    const out: AudienceDefinition[] = [];
    const limit = 100;
    for (let start = 0; start < 1_000_000; start += limit) {
      const body = (await this.http.request(this.sandbox, "GET", SEGMENT_DEFINITIONS_PATH, { query: { start: String(start), limit: String(limit) } })) as SegmentPage | undefined;
      const segments = body?.segments ?? [];
      for (const s of segments) if (typeof s.id === "string") out.push({ id: s.id, name: typeof s.name === "string" ? s.name : "" });
      // Stop on the documented total, or on a short page when a server leaves the total out.
      const total = body?.page?.totalCount;
      if (segments.length < limit || (total !== undefined && out.length >= total)) return out;
    }
    return out;
  }
}
