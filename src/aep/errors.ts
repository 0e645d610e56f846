// What the Adobe edge throws. Each error carries what a user needs to act or report it (status,
// Adobe's error code, the request id), never a header or a body that could hold a credential.

export class AepApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
    readonly requestId: string | undefined,
    readonly method: string,
    readonly path: string,
  ) {
    super(message);
    this.name = "AepApiError";
  }

  /** Worth another attempt: throttling, a server or gateway fault. */
  get transient(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

/** A create whose outcome is unknown (the request may have landed): look before retrying. */
export class AmbiguousWriteError extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    cause: unknown,
  ) {
    super(`${method} ${path}: no answer from Adobe, the request may or may not have been applied`, { cause });
    this.name = "AmbiguousWriteError";
  }
}

export class NetworkError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = "NetworkError";
  }
}

/** Adobe's error bodies come in several shapes (flow-service-notes.md §1, §9); pick out code and message. */
export function describeErrorBody(body: unknown): { code?: string; message?: string } {
  if (!body || typeof body !== "object") return {};
  const b = body as Record<string, unknown>;
  const report = b.report as Record<string, unknown> | undefined;
  const type = typeof b.type === "string" ? b.type : undefined;
  const code = type?.match(/([A-Z]+-\d+-\d+)$/)?.[1] ?? (b.error_code !== undefined ? String(b.error_code) : typeof b.error === "string" ? b.error : undefined);
  const message =
    (typeof report?.["detailed-message"] === "string" && report["detailed-message"]) ||
    (typeof b.errorMessage === "string" && b.errorMessage) ||
    (typeof b.message === "string" && b.message) ||
    (typeof b.error_description === "string" && b.error_description) ||
    (typeof b.detail === "string" && b.detail) ||
    (typeof b.title === "string" && b.title) ||
    undefined;
  return { ...(code ? { code } : {}), ...(message ? { message } : {}) };
}
