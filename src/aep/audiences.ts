// The audiences a sandbox can export, read for the plan: from the Audiences API (every origin: Platform
// segments, custom uploads, …) in one paged pass, following the server's next links. Where the Audiences
// API is refused (403/404), from the older segment-definitions list instead, said once in the plan.
// References the list does not show (it hides inactive audiences) are looked up one by one, so an
// inactive audience is reported as inactive rather than unknown. Sizes come in the same answers.
import type { KnownAudience } from "../domain/checks/audiences.js";
import { AepApiError } from "./errors.js";
import type { AepHttp } from "./http.js";
import { readAllPages } from "./pages.js";

const UPS = "/data/core/ups";
export const AUDIENCES_PATH = `${UPS}/audiences`;
export const SEGMENT_DEFINITIONS_PATH = `${UPS}/segment/definitions`;

export interface AudienceList {
  audiences: KnownAudience[];
  /** Set when the Audiences API was refused and segment definitions were read instead. */
  fallback?: string;
}

export interface AudiencePort {
  listAudiences(): Promise<AudienceList>;
  /** Audiences the list left out (inactive ones), by id or by exact name; unknown ones are not returned. */
  lookUp(references: { ids: string[]; names: string[] }): Promise<KnownAudience[]>;
}

type Json = Record<string, unknown>;

export class HttpAudiences implements AudiencePort {
  private source: "audiences" | "segment-definitions" = "audiences";

  constructor(
    private readonly http: AepHttp,
    private readonly sandbox: string,
  ) {}

  async listAudiences(): Promise<AudienceList> {
    try {
      const audiences = await readAllPages(
        this.http,
        this.sandbox,
        { path: AUDIENCES_PATH, query: { limit: "100" } },
        (body) => ({
          items: list((body as Json | undefined)?.children),
          next: nextOf((body as Json | undefined)?._links),
        }),
        UPS,
      );
      return { audiences: audiences.flatMap(toAudience) };
    } catch (error) {
      if (!(error instanceof AepApiError && (error.status === 403 || error.status === 404))) throw error;
      this.source = "segment-definitions";
      const segments = await readAllPages(
        this.http,
        this.sandbox,
        { path: SEGMENT_DEFINITIONS_PATH, query: { limit: "100" } },
        (body) => {
          const link = (body as Json | undefined)?.link as Json | undefined;
          return {
            items: list((body as Json | undefined)?.segments),
            next: typeof link?.next === "string" ? link.next : undefined,
          };
        },
        UPS,
      );
      return {
        audiences: segments.flatMap(toAudience),
        fallback: `The Audiences API answered ${error.status} in sandbox '${this.sandbox}': audience references were checked against segment definitions only, which do not list custom uploads.`,
      };
    }
  }

  async lookUp(references: { ids: string[]; names: string[] }): Promise<KnownAudience[]> {
    const byId = references.ids.map(async (id) => {
      const path = this.source === "audiences" ? `${AUDIENCES_PATH}/${id}` : `${SEGMENT_DEFINITIONS_PATH}/${id}`;
      try {
        return toAudience(await this.http.request(this.sandbox, "GET", path));
      } catch (error) {
        if (error instanceof AepApiError && error.status === 404) return [];
        throw error;
      }
    });
    // An exact-match filter shows audiences the plain list hides (inactive ones).
    const byName =
      this.source === "audiences"
        ? references.names.map(async (name) => {
            const body = (await this.http.request(this.sandbox, "GET", AUDIENCES_PATH, {
              query: { property: `name==${name}` },
            })) as Json | undefined;
            return list(body?.children).flatMap(toAudience);
          })
        : [];
    return (await Promise.all([...byId, ...byName])).flat();
  }
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? (value.filter((v) => v && typeof v === "object") as Json[]) : [];
}

function nextOf(links: unknown): string | undefined {
  const next = (links as Json | undefined)?.next as Json | undefined;
  return typeof next?.href === "string" ? next.href : undefined;
}

/** Adobe's audience (either API's shape) as the planner knows it; nothing without an id. */
function toAudience(value: unknown): KnownAudience[] {
  const a = (value ?? {}) as Json;
  if (typeof a.id !== "string") return [];
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  const audience: KnownAudience = { id: a.id, name: text(a.name) ?? "" };
  const optional = {
    audienceId: text(a.audienceId),
    type: text(a.type),
    originName: text(a.originName),
    lifecycleState: text(a.lifecycleState),
    mergePolicyId: text(a.mergePolicyId),
  };
  for (const [key, v] of Object.entries(optional)) if (v !== undefined) (audience as unknown as Json)[key] = v;
  if (Array.isArray(a.labels)) audience.labels = a.labels.filter((l): l is string => typeof l === "string");
  const size = totalProfiles(a.metrics);
  if (size !== undefined) audience.totalProfiles = size;
  return [audience];
}

/**
 * The export metrics' profile count, as segmentation.yaml's example AudiencesListWithMetrics carries it
 * (`metrics: {type: "export", data: {totalProfiles}}`): the list and the GET by id carry it whenever Adobe
 * has one, without a query parameter (neither the spec nor audiences.md documents one), so sizes cost no
 * call of their own. Anything else (no metrics, another type, not a count) is unknown, never 0.
 */
function totalProfiles(metrics: unknown): number | undefined {
  const m = (metrics ?? {}) as Json;
  if (m.type !== undefined && m.type !== "export") return undefined;
  const total = (m.data as Json | undefined)?.totalProfiles;
  return typeof total === "number" && Number.isSafeInteger(total) && total >= 0 ? total : undefined;
}
