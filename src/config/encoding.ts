// Files must be UTF-8: the YAML spec allows UTF-16/32 too, but Git diffs, review tools and Adobe's
// API all assume UTF-8, and a mis-decoded audience name would silently be a different name.
import { isUtf8 } from "node:buffer";

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
