// Apply's progress lines: `[3/7] [prod] ✓ created flow summer-sale (1.2 s)` as each item finishes, and
// `[prod] still creating flow summer-sale (10 s)` while a slow one runs (Terraform's "Still creating…").
import type { Change } from "../../domain/plan/plan.js";
import type { ItemResult } from "../../domain/apply/results.js";
import { renderItemLine } from "./results.js";
import { printable } from "../escape/terminal.js";

const DOING: Record<Change["action"], string> = {
  create: "creating",
  update: "updating",
  rename: "renaming",
  adopt: "adopting",
  delete: "deleting",
  orphan: "updating",
};

export function progressLine(n: number, total: number, sandbox: string, item: ItemResult, elapsedMs: number): string {
  const [first, ...rest] = renderItemLine(sandbox, item).split("\n");
  return [`[${n}/${total}] ${first} (${seconds(elapsedMs)})`, ...rest].join("\n");
}

export function stillLine(sandbox: string, change: Pick<Change, "action" | "resource" | "name">, elapsedMs: number) {
  return printable(
    `[${sandbox}] still ${DOING[change.action]} ${change.resource} ${change.name} (${seconds(elapsedMs)})`,
  );
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
