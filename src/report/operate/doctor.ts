// What doctor found, for people (✓ / ✗ and a hint under each failure) and for machines (JSON).
import { md } from "../escape/markdown.js";
import { printable } from "../escape/terminal.js";

export interface DoctorCheck {
  id: string;
  ok: boolean;
  message: string;
  hint?: string;
}

export interface DoctorReport {
  sandbox: string;
  ok: boolean;
  checks: DoctorCheck[];
}

export const DOCTOR_JSON_FORMAT = "aep-gitops.doctor/v1";

export function renderDoctorText(reports: DoctorReport[]): string {
  const lines: string[] = [];
  for (const report of reports) {
    lines.push(printable(`Sandbox ${report.sandbox}:`));
    for (const check of report.checks) {
      lines.push(`  ${check.ok ? "✓" : "✗"} ${printable(check.message)}`);
      if (!check.ok && check.hint) lines.push(`      hint: ${printable(check.hint)}`);
    }
    lines.push("");
  }
  const failed = reports.flatMap((r) => r.checks).filter((c) => !c.ok).length;
  lines.push(failed === 0 ? "All checks passed." : `${failed} check${failed === 1 ? "" : "s"} failed.`);
  return `${lines.join("\n")}\n`;
}

export function renderDoctorJson(reports: DoctorReport[]): string {
  const doc = { format: DOCTOR_JSON_FORMAT, ok: reports.every((r) => r.ok), sandboxes: reports };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** For the Action's job summary, beside the error that made the job run doctor. */
export function renderDoctorMarkdown(reports: DoctorReport[]): string {
  const lines = ["### aep-gitops doctor", ""];
  for (const report of reports) {
    lines.push(`**Sandbox ${md(report.sandbox)}**`, "");
    for (const check of report.checks) {
      lines.push(`- ${check.ok ? "✅" : "❌"} ${md(check.message)}`);
      if (!check.ok && check.hint) lines.push(`  - hint: ${md(check.hint)}`);
    }
    lines.push("");
  }
  return `${lines.join("\n")}\n`;
}
