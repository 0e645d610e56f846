// What the tool may read, and how: inside the repository, up to a size limit, as UTF-8.
//
// The repository is the boundary of what the tool reads. A plan job runs on whatever a pull request
// holds, with an Adobe credential in its environment: a symbolic link to a runner's file, or a path
// such as ../../.ssh, must not turn that content into a problem message, a PR comment or a log line.
// So every file and folder read (the tool config, its sandboxes' folders, the paths on the command
// line, the files met while listing a folder) must resolve, symbolic links followed, inside the
// repository root: the nearest folder with .git from the working folder up, or, outside Git, the
// working folder. Whatever leads out is refused before it is read, naming only the path as written.
// A link that stays inside the repository is followed as before.
import { existsSync, lstatSync, realpathSync } from "node:fs";
import path from "node:path";
import { AppError } from "../errors.js";
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { isUtf8 } from "node:buffer";

/** Where a path leads: a file or folder inside, nothing (inside), or out (by its own words, or by a link). */
export type Whereabouts = "inside" | "missing" | "outside" | "link";

export class Repository {
  /** The root as found from the working folder (links not resolved: it is shown in messages). */
  readonly root: string;
  /** The root with every link resolved: what a path's real path must stay within. */
  private readonly realRoot: string;

  private constructor(
    root: string,
    /** The working folder: paths met while listing are shown relative to it. */
    readonly cwd: string,
  ) {
    this.root = root;
    this.realRoot = realpathSync(root);
  }

  /** The repository around `cwd`: the nearest folder with .git from it up, or, outside Git, `cwd` itself. */
  static around(cwd: string): Repository {
    const start = path.resolve(cwd);
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (existsSync(path.join(dir, ".git"))) return new Repository(dir, start);
      if (dir === path.dirname(dir)) return new Repository(start, start);
    }
  }

  /** The folders from the working folder up to the root, nearest first: where the tool config is searched. */
  foldersUp(): string[] {
    const folders: string[] = [];
    for (let dir = this.cwd; ; dir = path.dirname(dir)) {
      folders.push(dir);
      if (dir === this.root || dir === path.dirname(dir)) return folders;
    }
  }

  /**
   * Where `file` leads. A path outside the root by its own words is refused without touching the file
   * system. Otherwise the deepest part of it that exists must resolve inside the root: a missing file
   * under a link to elsewhere is refused as that link is, so what exists outside cannot be told from
   * what does not. A link to nothing, or one that cannot be followed, counts as leading out.
   */
  locate(file: string): Whereabouts {
    const absolute = path.resolve(this.cwd, file);
    if (!within(this.root, absolute) && !within(this.realRoot, absolute)) return "outside";
    for (let at = absolute; ; at = path.dirname(at)) {
      let real: string;
      try {
        real = realpathSync(at);
      } catch {
        // Nothing there (or nothing that can be followed): a link to nothing, or up to what does exist.
        if (isLink(at)) return "link";
        if (at === path.dirname(at)) return "outside";
        continue;
      }
      if (!within(this.realRoot, real)) return "link";
      return at === absolute ? "inside" : "missing";
    }
  }

  /** `file` when it leads inside the repository (or to nothing there); else the refusal, naming it as `shown`. */
  admit(file: string, shown: string = this.show(file)): string {
    const where = this.locate(file);
    if (where === "outside" || where === "link") throw this.refusal(where, shown);
    return path.resolve(this.cwd, file);
  }

  /** The refusal of a path that leads out, as an error; its words are refusalText's. */
  refusal(where: "outside" | "link", shown: string): AppError {
    const { message, hint } = this.refusalText(where, shown);
    return new AppError("config", `${message}; nothing there was read`, { hint });
  }

  /** What is said of a path that leads out: the path as written and the root, never where it leads. */
  refusalText(where: "outside" | "link", shown: string): { message: string; hint: string } {
    return where === "outside"
      ? {
          message: `'${shown}' is outside the repository (${this.root})`,
          hint: "aep-gitops reads only what the repository holds (the nearest folder with .git above the working folder): move the files into it",
        }
      : {
          message: `'${shown}' is a symbolic link, or is inside one, that leads outside the repository (${this.root}) or nowhere`,
          hint: "aep-gitops follows a link only within the repository: put the file or folder itself there",
        };
  }

  /** A path met while listing, as messages show it: relative to the working folder. */
  show(file: string): string {
    return path.relative(this.cwd, path.resolve(this.cwd, file)) || ".";
  }
}

function within(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === "" || (relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function isLink(file: string): boolean {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

// Every file the tool reads from the repository is read here, up to a limit: destination files and the
// tool config alike. A file over the limit is never parsed (or even read whole): 50 MB of YAML costs
// seconds and gigabytes to parse, and no configuration needs more than a few kilobytes.
/** Destination files and the tool config are small; anything over 1 MiB is a mistake (or an attack). */
export const MAX_FILE_BYTES = 1024 * 1024;

export type BoundedRead = { bytes: Uint8Array } | { tooLarge: number } | { error: string };

let readBuffer: Buffer | undefined;

/**
 * Synchronous on purpose: for a thousand small files, one open/read/close each without promise and
 * thread-pool hops is several times faster than fs/promises, and validation is CPU-bound anyway. The
 * bytes go into one buffer per thread, reused for every file (parsing keeps no reference to them), and
 * reading stops one byte past the limit, so no stat is needed to enforce it (only to report the size).
 * The bytes are valid until the next read.
 */
export function readBounded(file: string, limit = MAX_FILE_BYTES): BoundedRead {
  let fd: number | undefined;
  try {
    fd = openSync(file, "r");
    // Another limit (a saved plan's) is a read now and then: its own buffer, whose bytes stay valid.
    const buffer =
      limit === MAX_FILE_BYTES
        ? (readBuffer ??= Buffer.allocUnsafe(MAX_FILE_BYTES + 1))
        : Buffer.allocUnsafe(limit + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length <= limit) return { bytes: buffer.subarray(0, length) };
    return { tooLarge: Math.max(fstatSync(fd).size, length) };
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code ?? String(error) };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function formatBytes(size: number): string {
  return `${(size / 1024 / 1024).toFixed(1)} MiB`;
}

// Files must be UTF-8: the YAML spec allows UTF-16/32 too, but Git diffs, review tools and Adobe's
// API all assume UTF-8, and a mis-decoded audience name would silently be a different name.
export type Decoded = { text: string } | { error: string; offset: number };

export function decodeUtf8(bytes: Uint8Array): Decoded {
  if (isUtf8(bytes)) return { text: new TextDecoder("utf-8").decode(bytes) };
  if (isUtf16Bom(bytes)) return { error: "is UTF-16 encoded; save it as UTF-8", offset: 0 };
  const offset = firstInvalidUtf8(bytes);
  return { error: "is not valid UTF-8; save it as UTF-8", offset };
}

/** The number of complete UTF-8 characters before `offset`, per line: turns a byte offset into line:column. */
export function bytePosition(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < offset; i++) {
    const byte = bytes[i]!;
    if (byte === 0x0a) {
      line++;
      column = 1;
    } else if ((byte & 0xc0) !== 0x80) {
      column++; // count lead bytes only, so a multi-byte character is one column
    }
  }
  return { line, column };
}

function isUtf16Bom(bytes: Uint8Array): boolean {
  return (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
}

/** Only called for files already known to be invalid, so clarity beats speed. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes[i]!);
    if (length === 0) return i;
    const chunk = bytes.subarray(i, i + length);
    if (chunk.length < length || !isUtf8(chunk)) return i;
    i += length;
  }
  return bytes.length;
}

function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}
