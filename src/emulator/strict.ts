// strictRequests: refuse what Adobe's specs tell a client not to send, even though the emulator (and
// perhaps Adobe) could accept it. Off by default, so the tolerant behaviour stays the norm.
import { flowError, invalidParams } from "./errors.js";
import { isPlainObject } from "./types.js";

const CREATE_EMPTY = "An empty array needs to be passed while creating the destination dataflow";

/**
 * destinations.yaml (Create_Streaming_Destination_Flow_Request) says of segmentSelectors, profileSelectors,
 * mandatoryFields and primaryFields: "An empty array needs to be passed while creating the destination
 * dataflow"; audiences and attributes are added afterwards with PATCH.
 */
export function checkEmptySelectorsOnCreate(transformations: unknown): void {
  const problems: string[] = [];
  (Array.isArray(transformations) ? transformations : []).forEach((transformation, i) => {
    const params = isPlainObject(transformation) && isPlainObject(transformation.params) ? transformation.params : {};
    const lists: [string, unknown][] = [
      ["segmentSelectors.selectors", (params.segmentSelectors as { selectors?: unknown } | undefined)?.selectors],
      ["profileSelectors.selectors", (params.profileSelectors as { selectors?: unknown } | undefined)?.selectors],
      [
        "profileSelectors.mandatoryFields",
        (params.profileSelectors as { mandatoryFields?: unknown } | undefined)?.mandatoryFields,
      ],
      [
        "profileSelectors.primaryFields",
        (params.profileSelectors as { primaryFields?: unknown } | undefined)?.primaryFields,
      ],
    ];
    for (const [path, list] of lists) {
      if (Array.isArray(list) && list.length > 0)
        problems.push(`'transformations[${i}].params.${path}' must be an empty array on create (${list.length} sent)`);
    }
  });
  if (problems.length === 0) return;
  throw invalidParams(
    `Invalid flow request: ${problems.join("; ")}. destinations.yaml: "${CREATE_EMPTY}". Add audiences and attributes with PATCH /flows/{id} once the flow exists.`,
    { errors: problems },
  );
}

/** Both specs require `value` on every JSON Patch operation, and every Adobe example sends one, remove included. */
export function checkRemoveHasValue(raw: Record<string, unknown>, index: number): void {
  if ("value" in raw) return;
  throw flowError(
    1455,
    400,
    "Bad request",
    `Error validating patch instructions: operation ${index} (remove ${String(raw.path)}) needs a 'value': both Adobe specs require one on every operation (send the removed item, or {}).`,
    { operation: index },
  );
}
