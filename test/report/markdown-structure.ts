// An independent reading of a Markdown comment's block structure, for assertions: whether every code
// fence and <details> is closed, and the text outside code fences (where HTML would be live).
export interface Structure {
  unclosedFence: boolean;
  /** <details> opened minus closed, outside fences; never negative on the way when balanced. */
  detailsDepth: number;
  detailsUnderflow: boolean;
  outsideFences: string;
}

export function structure(markdown: string): Structure {
  let fence: string | undefined;
  let depth = 0;
  let underflow = false;
  const outside: string[] = [];
  for (const line of markdown.split("\n")) {
    if (fence) {
      if (new RegExp(`^ {0,3}${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`).test(line)) fence = undefined;
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (open) {
      fence = open[1];
      continue;
    }
    outside.push(line);
    if (/^\s*<details[\s>]/.test(line)) depth++;
    if (/^\s*<\/details>/.test(line)) depth--;
    if (depth < 0) underflow = true;
  }
  return {
    unclosedFence: fence !== undefined,
    detailsDepth: depth,
    detailsUnderflow: underflow,
    outsideFences: outside.join("\n"),
  };
}
