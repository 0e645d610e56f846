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
    const limit = 100;
    const page = (start: number) =>
      this.http.request(this.sandbox, "GET", SEGMENT_DEFINITIONS_PATH, {
        query: { start: String(start), limit: String(limit) },
      }) as Promise<SegmentPage | undefined>;
    const first = await page(0);
    const pages = [first];
    const total = first?.page?.totalCount;
    if (total !== undefined) {
      // The first page says how many there are: ask for the rest at once (the HTTP layer bounds concurrency).
      const starts: number[] = [];
      for (let start = limit; start < total; start += limit) starts.push(start);
      pages.push(...(await Promise.all(starts.map(page))));
    } else {
      // No total (a server that leaves it out): page until a short page.
      for (let last = first, start = limit; (last?.segments?.length ?? 0) >= limit; start += limit)
        pages.push((last = await page(start)));
    }
    return pages.flatMap((body) =>
      (body?.segments ?? []).flatMap((s) =>
        typeof s.id === "string" ? [{ id: s.id, name: typeof s.name === "string" ? s.name : "" }] : [],
      ),
    );
  }
}
