// GitHub's workflow commands, written to stdout by the Action: annotations that GitHub pins to a
// file's line and column in the PR's "Files changed" view, secret masks, and log groups.
// Escaping follows the runner's rules (@actions/core's command.ts): in data %, CR and LF are encoded;
// in properties also ':' and ','. Unescaped, a message could end the command early or forge another.

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
    ["title", a.title],
  ];
  const list = props
    .filter(([, v]) => v !== undefined && v !== "")
    .map(([k, v]) => `${k}=${escapeProperty(String(v))}`);
  return `::${a.level}${list.length ? ` ${list.join(",")}` : ""}::${escapeData(a.message)}`;
}

/**
 * Masks a value in every later log line. Each line of a multi-line value is masked too, because the
 * runner matches masks line by line.
 */
export function maskCommands(value: string): string[] {
  const parts = [value, ...value.split(/\r?\n/)].map((v) => v.trim()).filter((v) => v.length > 0);
  return [...new Set(parts)].map((v) => `::add-mask::${escapeData(v)}`);
}

export const groupStart = (title: string) => `::group::${escapeData(title)}`;
export const groupEnd = () => "::endgroup::";

export function escapeData(value: string): string {
  return value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

export function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
