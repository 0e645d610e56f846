// Every file the tool reads from the repository is read here, up to a limit: destination files and the
// tool config alike. A file over the limit is never parsed (or even read whole): 50 MB of YAML costs
// seconds and gigabytes to parse, and no configuration needs more than a few kilobytes.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

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
