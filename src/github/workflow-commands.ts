// GitHub's workflow commands, written to stdout by the Action: annotations that GitHub pins to a
// file's line and column in the PR's "Files changed" view, secret masks, and log groups.
// Escaping follows the runner's rules (@actions/core's command.ts): in data %, CR and LF are encoded;
// in properties also ':' and ','. Unescaped, a message could end the command early or forge another.
// Before that, what people read (a message, a title) is made visible: GitHub shows annotations in the
// PR's files and the check's summary, where an invisible character would hide a look-alike name. A
// message keeps its line feeds (an annotation may have several lines); a file name stays as it is, for
// GitHub has to find the file.
import { visible, visibleLines } from "../report/escape/visible.js";

export type AnnotationLevel = "error" | "warning" | "notice";

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  /** Relative to the repository root, as GitHub needs it to place the annotation. */
  file?: string;
  line?: number;
  col?: number;
  title?: string;
}

export function annotationCommand(a: Annotation): string {
  const props: [string, string | number | undefined][] = [
    ["file", a.file],
    ["line", a.line],
    ["col", a.col],
    ["title", a.title === undefined ? undefined : visible(a.title)],
  ];
  const list = props
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${a.level}${list.length ? ` ${list.join(",")}` : ""}::${escapeData(visibleLines(a.message))}`;
}

/**
 * An annotation's message made of one-line parts (a problem's message, its hint): each part stays one
 * line whatever it quotes (a name's line break is shown as `\n`), so a name cannot add a line to it.
 */
export function annotationText(...parts: (string | undefined)[]): string {
  return parts
    .filter((part): part is string => part !== undefined)
    .map(visible)
    .join("\n");
}

/**
 * Masks a value in every later log line. Each line of a multi-line value is masked too, because the
 * runner matches masks line by line.
 */
export function maskCommands(value: string): string[] {
  const parts = [value, ...value.split(/\r?\n/)].map((v) => v.trim()).filter((v) => v.length > 0);
  return [...new Set(parts)].map((v) => `::add-mask::${escapeData(v)}`);
}

export const groupStart = (title: string) => `::group::${escapeData(visible(title))}`;
export const groupEnd = () => "::endgroup::";

export function escapeData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
