// ANSI colours for terminals, as an explicit option: a pure renderer cannot look at isatty or NO_COLOR,
// so the caller decides and passes `color: true`.
export interface Paint {
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
  magenta(text: string): string;
  bold(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

const COLOR: Paint = {
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  red: wrap(31, 39),
  cyan: wrap(36, 39),
  magenta: wrap(35, 39),
  bold: wrap(1, 22),
};

const identity = (text: string) => text;
const PLAIN: Paint = {
  green: identity,
  yellow: identity,
  red: identity,
  cyan: identity,
  magenta: identity,
  bold: identity,
};

export function paint(color: boolean | undefined): Paint {
  return color === true ? COLOR : PLAIN;
}

/** Colours a line by the sign it starts with (after its indentation): + green, ~ yellow, - red. */
export function bySign(p: Paint, line: string): string {
  const sign = line.trimStart()[0];
  if (sign === "+") return p.green(line);
  if (sign === "~") return p.yellow(line);
  if (sign === "-") return p.red(line);
  if (sign === "?") return p.magenta(line);
  if (sign === "*") return p.cyan(line);
  return line;
}
