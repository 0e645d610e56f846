// What the Adobe edge throws. Each error carries what a user needs to act or report it (status,
// Adobe's error code, the request id), never a header or a body that could hold a credential. They are
// AppErrors, so one that escapes (a read refused with 403, a 5xx after every retry) reaches the CLI's and
// the Action's boundary as a clear message with a hint, not as "internal error" and a stack trace.
import { AppError } from "../errors.js";

export class AepApiError extends AppError {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | undefined,
    requestId: string | undefined,
    readonly method: string,
    readonly path: string,
  ) {
    super("adobe", message, { hint: hintFor(status), requestId });
    this.name = "AepApiError";
  }

  /** Worth another attempt: throttling, a server or gateway fault. */
  get transient(): boolean {
    return this.status === 429 || this.status >= 500;
  }
}

function hintFor(status: number): string {
  if (status === 401 || status === 403)
    return "Adobe refused this client: check AEP_ORG_ID and that the Developer Console project (AEP_CLIENT_ID) has the Experience Platform API and a product profile with access to this sandbox.";
  if (status === 429 || status >= 500)
    return "Adobe kept failing after the retries; run again later (a re-run continues where this one stopped).";
  return "Adobe refused the request; its request id identifies it for Adobe support.";
}

const RERUN = "Run again: an apply re-reads what is live and continues where this one stopped.";

/** A create whose outcome is unknown (the request may have landed): look before retrying. */
export class AmbiguousWriteError extends AppError {
  constructor(
    readonly method: string,
    readonly path: string,
    cause: unknown,
  ) {
    super("adobe", `${method} ${path}: no answer from Adobe, the request may or may not have been applied`, {
      cause,
      hint: RERUN,
    });
    this.name = "AmbiguousWriteError";
  }
}

export class NetworkError extends AppError {
  constructor(message: string, cause: unknown) {
    super("adobe", message, {
      cause,
      hint: `Adobe could not be reached (check AEP_PLATFORM_URL and the network). ${RERUN}`,
    });
    this.name = "NetworkError";
  }
}

/** Adobe's error bodies come in several shapes (flow-service-notes.md §1, §9); pick out code and message. */
export function describeErrorBody(body: unknown): { code?: string; message?: string } {
  if (!body || typeof body !== "object") return {};
  const b = body as Record<string, unknown>;
  const report = b.report as Record<string, unknown> | undefined;
  const type = typeof b.type === "string" ? b.type : undefined;
  const code =
    type?.match(/([A-Z]+-\d+-\d+)$/)?.[1] ??
    (b.error_code !== undefined ? String(b.error_code) : typeof b.error === "string" ? b.error : undefined);
  const message =
    (typeof report?.["detailed-message"] === "string" && report["detailed-message"]) ||
    (typeof b.errorMessage === "string" && b.errorMessage) ||
    (typeof b.message === "string" && b.message) ||
    (typeof b.error_description === "string" && b.error_description) ||
    (typeof b.detail === "string" && b.detail) ||
    (typeof b.title === "string" && b.title) ||
    undefined;
  return { code: code || undefined, message };
}
