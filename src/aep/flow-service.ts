// The Flow Service port: what the reconciler needs from Adobe, and its HTTP implementation.
// Core code sees only the interface; only composition roots build the HTTP one.
import type { Collection } from "../domain/plan/plan.js";
import { AppError } from "../errors.js";
import { AepApiError } from "./errors.js";
import type { AepHttp, RequestOptions } from "./http.js";

export const FLOW_SERVICE_PATH = "/data/foundation/flowservice";

/** The list filter for every destination flow of a sandbox, of any type (sort-and-filter.md). */
export const DESTINATION_FLOWS = "inheritedAttributes.properties.isDestinationFlow==true";

export interface FlowServicePort {
  readonly sandbox: string;
  /** Every item matching all `property` filters, following `_links.next.href` to the end. */
  list(collection: Collection, properties: string[]): Promise<Record<string, unknown>[]>;
  /** One object, or undefined when Adobe answers 404. */
  get(collection: Collection, id: string): Promise<Record<string, unknown> | undefined>;
  /** A call from a plan: path relative to the Flow Service root. */
  call(method: string, path: string, options?: RequestOptions): Promise<unknown>;
  /** Adobe's time now (epoch ms), from the Date header of its latest answer: the clock of the lock. */
  serverNow(): number;
}

interface ListPage {
  items?: Record<string, unknown>[];
  _links?: { next?: { href?: string } };
}

export class HttpFlowService implements FlowServicePort {
  constructor(
    private readonly http: AepHttp,
    readonly sandbox: string,
  ) {}

  async list(collection: Collection, properties: string[]): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let query: Record<string, string | string[]> = {
      limit: "100",
      ...(properties.length ? { property: properties } : {}),
    };
    let path = `/${collection}`;
    for (let page = 0; page < 10_000; page++) {
      const body = (await this.http.request(this.sandbox, "GET", `${FLOW_SERVICE_PATH}${path}`, { query })) as
        ListPage | undefined;
      items.push(...(body?.items ?? []));
      const next = body?._links?.next?.href;
      if (!next) return items;
      // The href carries the continuation token; re-send the filters with it, as Adobe's own
      // clients do, so a server that does not fold them into the token still filters.
      const url = new URL(next, "http://x");
      path = url.pathname.replace(FLOW_SERVICE_PATH, "");
      query = {
        ...Object.fromEntries(url.searchParams),
        limit: "100",
        ...(properties.length ? { property: properties } : {}),
      };
      if (url.searchParams.has("property")) query.property = url.searchParams.getAll("property");
    }
    throw new AppError("adobe", `GET /${collection}: the list did not end after 10,000 pages`, {
      hint: "Adobe kept answering with a next link; run again, and report it with --trace if it persists.",
    });
  }

  async get(collection: Collection, id: string): Promise<Record<string, unknown> | undefined> {
    try {
      const body = (await this.http.request(this.sandbox, "GET", `${FLOW_SERVICE_PATH}/${collection}/${id}`)) as
        ListPage | undefined;
      return body?.items?.[0];
    } catch (error) {
      if (error instanceof AepApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  serverNow(): number {
    return this.http.serverNow();
  }

  call(method: string, path: string, options: RequestOptions = {}): Promise<unknown> {
    return this.http.request(this.sandbox, method, `${FLOW_SERVICE_PATH}${path}`, options);
  }
}
