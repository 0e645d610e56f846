// The README's "A short tour", read from the README itself: its shell lines, without their comments.
import { readFileSync } from "node:fs";
import path from "node:path";

const README = path.resolve(import.meta.dirname, "../../README.md");

export function tourLines(): string[] {
  const text = readFileSync(README, "utf8");
  const section = text.slice(text.indexOf("## A short tour"));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error("README.md has no ```sh block under '## A short tour'");
  return block
    .split("\n")
    .map((line) => line.replace(/\s+#.*$/, "").trim())
    .filter(Boolean);
}

/** `export A=1 B=2` as variables; undefined for any other line. */
export function exported(line: string): Record<string, string> | undefined {
  if (!line.startsWith("export ")) return undefined;
  return Object.fromEntries(
    line
      .slice(7)
      .trim()
      .split(/\s+/)
      .map((pair) => pair.split("=", 2) as [string, string]),
  );
}
