// The emulator's clock: the machine's time shifted by `clockSkewSeconds`, so a client whose own clock is
// off (or that trusts the server's Date header) can be tested. Every stamp the emulator writes (createdAt,
// updatedAt, creationTime, token lifetimes, etag seconds, Retry-After dates) and the Date header read it.

export class Clock {
  private readonly skewMs: number;

  constructor(skewSeconds = 0) {
    this.skewMs = Math.round(skewSeconds * 1000);
  }

  /** Epoch milliseconds on the emulator's clock. */
  now(): number {
    return Date.now() + this.skewMs;
  }

  /** RFC 7231 IMF-fixdate, e.g. `Sun, 06 Nov 1994 08:49:37 GMT` (what `toUTCString` produces). */
  httpDate(at = this.now()): string {
    return new Date(at).toUTCString();
  }
}
