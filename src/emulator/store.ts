// The in-memory store: one set of collections per sandbox (so nothing crosses sandboxes), each collection
// kept in update order. Every mutation gets a store-wide revision number; lists walk newest-first from a
// revision cursor, so a page costs O(log n + items scanned) and no sort is needed for the default order.
import { RESOURCE_NAMES, type Entity, type ResourceName } from "./types.js";

interface Slot {
  entity: Entity;
  rev: number;
}

export class Collection {
  private readonly byId = new Map<string, Slot>();
  /** Slots in ascending rev; a slot is stale once byId no longer points at it. */
  private order: Slot[] = [];
  private stale = 0;

  constructor(private readonly nextRev: () => number) {}

  get size(): number {
    return this.byId.size;
  }

  get(id: string): Entity | undefined {
    return this.byId.get(id)?.entity;
  }

  /** Inserts or replaces an object and makes it the most recently updated one. */
  put(entity: Entity, rev = this.nextRev()): void {
    if (this.byId.has(entity.id)) this.stale += 1;
    const slot = { entity, rev };
    this.byId.set(entity.id, slot);
    this.order.push(slot);
    this.compactIfNeeded();
  }

  /** Replaces an object's content without moving it (derived fields refreshed, not an update). */
  refresh(entity: Entity): void {
    const slot = this.byId.get(entity.id);
    if (slot) slot.entity = entity;
  }

  delete(id: string): boolean {
    if (!this.byId.delete(id)) return false;
    this.stale += 1;
    this.compactIfNeeded();
    return true;
  }

  /** Objects newest-first, starting strictly below `beforeRev` when given. */
  *newestFirst(beforeRev?: number): Generator<{ entity: Entity; rev: number }> {
    let i = this.order.length - 1;
    if (beforeRev !== undefined) i = this.indexBelow(beforeRev);
    for (; i >= 0; i -= 1) {
      const slot = this.order[i]!;
      if (this.byId.get(slot.entity.id) === slot) yield slot;
    }
  }

  /** All objects, oldest first, with their revisions (for persistence). */
  dump(): { rev: number; entity: Entity }[] {
    return [...this.newestFirst()].reverse().map(({ rev, entity }) => ({ rev, entity }));
  }

  /** The index of the last slot with rev < `rev`, or -1. */
  private indexBelow(rev: number): number {
    let lo = 0;
    let hi = this.order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.order[mid]!.rev < rev) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  }

  private compactIfNeeded(): void {
    if (this.stale < 1024 || this.stale * 2 < this.order.length) return;
    this.order = this.order.filter((slot) => this.byId.get(slot.entity.id) === slot);
    this.stale = 0;
  }
}

export type SandboxCollections = Record<ResourceName, Collection>;

export class Store {
  private rev = 0;
  private readonly sandboxes = new Map<string, SandboxCollections>();

  constructor(sandboxNames: readonly string[]) {
    for (const name of sandboxNames) this.sandboxes.set(name, this.emptyCollections());
  }

  /** The collections of one sandbox, or undefined for an unknown sandbox. */
  sandbox(name: string): SandboxCollections | undefined {
    return this.sandboxes.get(name);
  }

  collection(sandbox: string, resource: ResourceName): Collection {
    const collections = this.sandboxes.get(sandbox);
    if (!collections) throw new Error(`unknown sandbox ${sandbox}`);
    return collections[resource];
  }

  sandboxNames(): string[] {
    return [...this.sandboxes.keys()];
  }

  get revision(): number {
    return this.rev;
  }

  /** Restores a dumped store; unknown sandboxes in the dump are ignored. */
  load(dump: StoreDump): void {
    this.rev = Math.max(this.rev, dump.rev);
    for (const [name, resources] of Object.entries(dump.sandboxes)) {
      const collections = this.sandboxes.get(name);
      if (!collections) continue;
      for (const resource of RESOURCE_NAMES) {
        const rows = [...(resources[resource] ?? [])].sort((a, b) => a.rev - b.rev);
        for (const row of rows) collections[resource].put(row.entity, row.rev);
      }
    }
  }

  dump(): StoreDump {
    const sandboxes: StoreDump["sandboxes"] = {};
    for (const [name, collections] of this.sandboxes) {
      sandboxes[name] = Object.fromEntries(RESOURCE_NAMES.map((r) => [r, collections[r].dump()])) as Record<
        ResourceName,
        { rev: number; entity: Entity }[]
      >;
    }
    return { rev: this.rev, sandboxes };
  }

  private emptyCollections(): SandboxCollections {
    const next = (): number => (this.rev += 1);
    return Object.fromEntries(RESOURCE_NAMES.map((r) => [r, new Collection(next)])) as SandboxCollections;
  }
}

export interface StoreDump {
  rev: number;
  sandboxes: Record<string, Partial<Record<ResourceName, { rev: number; entity: Entity }[]>>>;
}
