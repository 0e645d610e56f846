// Adobe's error shapes. Flow Service errors are RFC 7807-like with legacy keys
// (type FLOW-<code>-<http>, title, status, report, errorMessage, errorDetails); the I/O gateway answers
// with {error_code, message}; IMS with RFC 6749 {error, error_description}.

export class ApiError extends Error {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
  constructor(status: number, body: unknown, headers: Record<string, string> = {}) {
    super(
      typeof body === "object" && body !== null && "errorMessage" in body
        ? String(body.errorMessage)
        : `HTTP ${status}`,
    );
    this.status = status;
    this.body = body;
    this.headers = headers;
  }
}

export const FLOW_ERROR_BASE = "https://ns.adobe.com/aep/errors/";

/** A Flow Service error: `FLOW-<code>-<status>` with the message in every legacy key. */
export function flowError(
  code: number,
  status: number,
  title: string,
  message: string,
  report: Record<string, unknown> = {},
  extra: Record<string, unknown> = {},
): ApiError {
  return new ApiError(status, {
    type: `${FLOW_ERROR_BASE}FLOW-${code}-${status}`,
    title,
    status,
    report: { "detailed-message": message, ...report },
    errorMessage: message,
    errorDetails: message,
    ...extra,
  });
}

/** An Adobe I/O gateway error. `error_code` is a string, as in the troubleshooting guide. */
export function gatewayError(
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): ApiError {
  return new ApiError(status, { error_code: code, message }, headers);
}

/** An IMS (RFC 6749 §5.2) error. */
export function imsError(status: number, error: string, description: string): ApiError {
  return new ApiError(status, { error, error_description: description });
}

/** 404 for a Flow Service object, in the shape seen on the wire for flows (FLOW-1439-404). */
export function notFound(resource: string, id: string): ApiError {
  const message = `The requested ${resource} resource ${id} is not found. Verify the resource ID before trying again.`;
  return flowError(1439, 404, "Resource not found", message, { id, type: resource });
}

/** 400 for a bad query or body parameter. */
export function invalidParams(message: string, report: Record<string, unknown> = {}): ApiError {
  return flowError(1451, 400, "Invalid params", message, report);
}

/**
 * Stamps the request id where each service's error body carries it: `report["request-id"]` (Flow Service),
 * `report.registryRequestId` (Schema Registry) or a top-level `requestId` (Segmentation's Audiences API).
 * Other bodies pass through.
 */
export function withRequestId(body: unknown, requestId: string): unknown {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  if ("requestId" in body) return { ...body, requestId };
  if (!("report" in body)) return body;
  const report = (body as { report: unknown }).report;
  if (typeof report !== "object" || report === null) return body;
  if ("registryRequestId" in report) return { ...body, report: { ...report, registryRequestId: requestId } };
  return { ...body, report: { ...report, "request-id": requestId } };
}
