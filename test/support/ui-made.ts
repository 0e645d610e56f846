// Destinations as a person clicks them together in Adobe's UI (through the public API as the ui-editor
// client): what `aep-gitops import` reads and the next apply adopts.
import { KINESIS_SPEC, MEN_OVER_50, PROD_AUDIENCES, type Lab } from "./lab.js";

export const EVENT_HUBS_SPEC = { id: "bf9f5905-92b7-48bf-bf20-455bc6b60a4e", version: "1.0" };
const DESTINATION_FLOW_SPEC = { id: "71471eba-b620-49e4-90fd-23f1fa0174d8", version: "1.0" };

/** A flow the UI makes, exporting an attribute and two audiences. */
function uiFlow(name: string, source: string, target: string) {
  return {
    name,
    description: "Made in the UI",
    flowSpec: DESTINATION_FLOW_SPEC,
    sourceConnectionIds: [source],
    targetConnectionIds: [target],
    transformations: [
      {
        name: "GeneralTransform",
        params: {
          profileSelectors: { selectors: [{ type: "JSON_PATH", value: { path: "person.lastName" } }] },
          segmentSelectors: {
            selectors: [
              { type: "PLATFORM_SEGMENT", value: { id: MEN_OVER_50, name: "Men over 50" } },
              { type: "PLATFORM_SEGMENT", value: { id: PROD_AUDIENCES[1] } },
            ],
          },
        },
      },
    ],
  };
}

/** A Kinesis destination (account, target connection, flow) made in the UI; the ids. */
export async function clickTogether(l: Lab, name: string, account: string) {
  const source = await l.uiProfileSource();
  const accountId = await l.uiKinesisAccount(account, "ui-typed-secret-123", "eu-west-1");
  const target = await l.uiCreate("/targetConnections", {
    name: `${name} target`,
    baseConnectionId: accountId,
    connectionSpec: KINESIS_SPEC,
    data: { format: "json" },
    params: { stream: "eu-summer", region: "eu-west-1" },
  });
  const flow = await l.uiCreate("/flows", uiFlow(name, source, target));
  return { account: accountId, target, flow };
}

/** An Event Hubs destination made in the UI; the ids. */
export async function clickTogetherEventHubs(l: Lab, name: string, account: string) {
  const source = await l.uiProfileSource();
  const accountId = await l.uiCreate("/connections", {
    name: account,
    connectionSpec: EVENT_HUBS_SPEC,
    auth: {
      specName: "Azure EventHub authentication credentials",
      params: { sasKeyName: "RootManageSharedAccessKey", sasKey: "ui-typed-sas-key-456", namespace: "acme-crm" },
    },
  });
  const target = await l.uiCreate("/targetConnections", {
    name: `${name} target`,
    baseConnectionId: accountId,
    connectionSpec: EVENT_HUBS_SPEC,
    data: { format: "json" },
    params: { eventHubName: "crm-events" },
  });
  const flow = await l.uiCreate("/flows", uiFlow(name, source, target));
  return { account: accountId, target, flow };
}
