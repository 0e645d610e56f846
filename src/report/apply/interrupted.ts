// What an interrupted apply says last, as Terraform does after Ctrl-C: what was done, what was not,
// and what the next apply does about it. The item lines and the summary come first, as for any apply.
import type { ItemResult } from "../../domain/apply/results.js";

export function interruptedSummary(results: { items: ItemResult[] }[], signal: string): string {
  const items = results.flatMap((r) => r.items);
  const done = items.filter((i) => i.status === "done").length;
  const failed = items.filter((i) => i.status === "failed").length;
  const notStarted = items.length - done - failed;
  const rest =
    done === items.length
      ? "Every change had finished; the next plan shows no changes."
      : "Run apply again: it continues from what is done, finishing any object this apply created but did not complete (no --force needed).";
  return [
    `Interrupted (${signal}): ${done} of ${items.length} changes done, ${failed} failed, ${notStarted} not started; the sandbox lock was released.`,
    rest,
  ].join("\n");
}
