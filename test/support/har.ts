// The parts of a HAR 1.2 file (--trace FILE) the trace specs read, and how they read one.
import { readFileSync } from "node:fs";

export interface HarEntry {
  request: { method: string; url: string; headers: { name: string; value: string }[]; postData?: { text: string } };
  response: { status: number; content: { text: string } };
}

export interface Har {
  log: { version: string; creator: { name: string }; entries: HarEntry[] };
}

export const readHar = (file: string): Har => JSON.parse(readFileSync(file, "utf8")) as Har;
