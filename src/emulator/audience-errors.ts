// The Segmentation Service's Audiences API error shape (segmentation.yaml examples):
// {requestId, errors: {"<status>": [{code, message}]}, type: ".../UPAPI-<code>-<status>", title, status}.
// `requestId` is filled with the response's x-request-id when the answer is written.
import { ApiError } from "./errors.js";

export function audienceError(status: number, code: number, message: string): ApiError {
  return new ApiError(status, {
    requestId: "",
    errors: { [String(status)]: [{ code: status, message }] },
    type: `https://ns.adobe.com/aep/errors/UPAPI-${code}-${status}`,
    title: message,
    status,
  });
}

/** segmentation.yaml's documented 404 of GET /audiences/{AUDIENCE_ID}. */
export function audienceNotFound(id: string): ApiError {
  return audienceError(404, 113430, `The audience entity ${id} is not found. Use a valid entity and try again.`);
}
