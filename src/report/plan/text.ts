// The plan for terminals and logs, in Terraform's grammar: per sandbox one line per change with its
// field diffs, then what starts or stops leaving the company, refusals, notes, and one summary line.
// `verbose` adds every API call with its body: exactly what apply will send.
import type { Change, Plan } from "../../domain/plan/plan.js";
import { bySign, paint, type Paint } from "../escape/ansi.js";
import { changeCallLines, changeDetails, changeHeader } from "./change-lines.js";
import { sizeSentences } from "./audience-sizes.js";
import { EGRESS_TITLE, egressItems, egressStatus, typeLabel } from "./egress.js";
import { partialLine, planSummaryLine } from "./summary.js";
import { printable, printableJson } from "../escape/terminal.js";
import { formatValue } from "./values.js";

export interface TextOptions {
  verbose: boolean;
  /** ANSI colours; the caller decides (a pure function cannot ask the terminal). */
  color?: boolean;
}

const HEADER = "  ";
const DETAIL = "      ";
const BODY = "        ";

export function renderPlanText(plan: Plan, opts: TextOptions): string {
  const p = paint(opts.color);
  const partial = partialLine(plan.filter);
  const lines: string[] = partial ? [p.bold(printable(partial)), ""] : [];
  for (const sandbox of plan.sandboxes) {
    if (sandbox.changes.length === 0) {
      lines.push(printable(`Sandbox ${sandbox.sandbox}: no changes.`), "");
      continue;
    }
    lines.push(printable(`Sandbox ${sandbox.sandbox}:`));
    for (const change of sandbox.changes) lines.push(...changeBlock(change, opts.verbose, p));
    lines.push("");
  }
  lines.push(...egressBlock(plan, p), ...refusalBlock(plan, p), ...noteBlock(plan));
  lines.push(p.bold(planSummaryLine(plan)), `Checksum: ${plan.checksum}`);
  return `${lines.join("\n")}\n`;
}

function changeBlock(change: Change, verbose: boolean, p: Paint): string[] {
  const lines = [
    bySign(p, HEADER + printable(changeHeader(change))),
    ...changeDetails(change).map((line) => bySign(p, DETAIL + printable(line))),
  ];
  if (verbose) {
    // Call lines at the detail indent, their bodies two further (changeCallLines indents bodies).
    // JSON.stringify escapes C0 controls in bodies; printableJson the rest (DEL, C1, bidi, separators).
    lines.push(
      ...changeCallLines(change).map((line) =>
        line.startsWith("  ") ? BODY + printableJson(line.slice(2)) : DETAIL + printable(line),
      ),
    );
  }
  return lines;
}

/** Always shown when something changes: "no change" to what leaves is itself worth reading. */
function egressBlock(plan: Plan, p: Paint): string[] {
  const deltas = plan.sandboxes.flatMap((s) => s.egress.map((delta) => ({ sandbox: s.sandbox, delta })));
  const changes = plan.sandboxes.some((s) => s.changes.some((c) => c.action !== "orphan"));
  if (deltas.length === 0) return changes ? [`${EGRESS_TITLE}: no change.`, ""] : [];
  const lines = [p.bold(`${EGRESS_TITLE}:`)];
  for (const { sandbox, delta } of deltas) {
    const type = typeLabel(delta);
    lines.push(
      HEADER + printable(`[${sandbox}] ${delta.destination}${type ? ` (${type})` : ""}: ${egressStatus(delta)}`),
    );
    for (const item of egressItems(delta)) {
      // A place is its own sentence ("stream x → y"); audiences and attributes say what they are.
      const kind = item.kind === "target" ? "" : `${item.kind} `;
      lines.push(bySign(p, `${HEADER}  ${item.sign} ${kind}${printable(item.text)}`));
    }
    // How many people that is, per direction: the sum of Adobe's sizes, in words.
    for (const sentence of sizeSentences(delta, formatValue)) lines.push(`${HEADER}  ${printable(sentence)}`);
  }
  // The record itself is one command away (src/cli/commands/preview.ts); an orphan has no YAML to preview.
  if (deltas.some(({ delta }) => delta.status !== "still-exporting"))
    lines.push("The record each destination sends, as a sample: aep-gitops preview [--destination NAME]");
  return [...lines, ""];
}

function refusalBlock(plan: Plan, p: Paint): string[] {
  const refusals = plan.sandboxes.flatMap((s) => s.refusals.map((r) => ({ sandbox: s.sandbox, ...r })));
  if (refusals.length === 0) return [];
  const lines = [p.red(p.bold("Refused: apply will not run until these are resolved."))];
  for (const r of refusals)
    lines.push(HEADER + printable(`[${r.sandbox}] ${r.rule}: ${r.message}`), `${HEADER}  hint: ${printable(r.hint)}`);
  return [...lines, ""];
}

function noteBlock(plan: Plan): string[] {
  const notes = plan.sandboxes.flatMap((s) => s.notes.map((n) => ({ sandbox: s.sandbox, ...n })));
  if (notes.length === 0) return [];
  return ["Notes:", ...notes.map((n) => HEADER + printable(`${n.level}: [${n.sandbox}] ${n.message}`)), ""];
}
