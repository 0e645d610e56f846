// The Profile store side of every flow: one base connection and one source connection per sandbox,
// created once and shared by all managed flows (Adobe's tutorial creates a pair per destination;
// sharing saves two writes per destination and two objects to keep track of).
import { PROFILE_CONNECTION_SPEC_ID, SPEC_VERSION } from "../state/adobe.js";
import { markedDescription } from "./ownership.js";
import type { PlanContext } from "./context.js";
import { changeRef, idOrPlaceholder } from "./refs.js";

export const PROFILE_CONNECTION_REF = changeRef("profile-connection");
export const PROFILE_SOURCE_REF = changeRef("profile-source");
export const PROFILE_CONNECTION_NAME = "aep-gitops Profile connection";
export const PROFILE_SOURCE_NAME = "aep-gitops Profile source";

/** The id (or placeholder) of the shared Profile source connection, planning its creation once. */
export function planProfileSource(ctx: PlanContext): string {
  const live = ctx.live.profileSource;
  if (live) return live.id;
  if (!ctx.has(PROFILE_SOURCE_REF)) {
    const base = ctx.live.profileBase;
    if (!base) {
      ctx.add({
        ref: PROFILE_CONNECTION_REF,
        action: "create",
        resource: "profile-connection",
        name: PROFILE_CONNECTION_NAME,
        fields: [],
        dependsOn: [],
        calls: [
          {
            method: "POST",
            path: "/connections",
            body: {
              name: PROFILE_CONNECTION_NAME,
              description: markedDescription(
                "Profile store connection shared by the destinations aep-gitops manages.",
                {
                  kind: "profile",
                  name: "connection",
                },
              ),
              connectionSpec: { id: PROFILE_CONNECTION_SPEC_ID, version: SPEC_VERSION },
            },
          },
        ],
      });
    }
    ctx.add({
      ref: PROFILE_SOURCE_REF,
      action: "create",
      resource: "profile-source",
      name: PROFILE_SOURCE_NAME,
      fields: [],
      dependsOn: base ? [] : [PROFILE_CONNECTION_REF],
      calls: [
        {
          method: "POST",
          path: "/sourceConnections",
          body: {
            name: PROFILE_SOURCE_NAME,
            description: markedDescription("Profile store source shared by the destinations aep-gitops manages.", {
              kind: "profile",
              name: "source",
            }),
            connectionSpec: { id: PROFILE_CONNECTION_SPEC_ID, version: SPEC_VERSION },
            baseConnectionId: idOrPlaceholder(PROFILE_CONNECTION_REF, base?.id),
            data: { format: "json" },
            params: {},
          },
        },
      ],
    });
  }
  return idOrPlaceholder(PROFILE_SOURCE_REF, undefined);
}
