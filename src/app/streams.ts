// Where a command checks the streams its destinations write to (reconcile/stream-checks.ts): AWS, through
// the SDK configured as AWS documents (so AWS_ENDPOINT_URL_KINESIS or AWS_ENDPOINT_URL point it at a
// local Kinesis). An emulated Adobe (--emulator, or an Adobe on this machine) has made-up accounts
// whose keys AWS has never issued: its streams are checked only against a Kinesis those variables
// name, never against AWS itself, and the command says so once.
import { KinesisStreams } from "../aep/kinesis.js";
import type { StreamChecks } from "../reconcile/stream-checks.js";
import type { Adobe } from "./adobe.js";

const checks = new WeakMap<Adobe, StreamChecks>();

/** One per connection to Adobe, so plan and apply share the listings they read. */
export function streamChecks(adobe: Adobe): StreamChecks {
  let found = checks.get(adobe);
  if (!found) {
    const endpoint = adobe.env.AWS_ENDPOINT_URL_KINESIS || adobe.env.AWS_ENDPOINT_URL;
    found =
      emulated(adobe.settings.platformUrl) && !endpoint
        ? {
            skipped:
              "this run talks to an emulated Adobe, and neither AWS_ENDPOINT_URL_KINESIS nor AWS_ENDPOINT_URL names a local Kinesis to check them against",
          }
        : { port: new KinesisStreams() };
    checks.set(adobe, found);
  }
  return found;
}

function emulated(platformUrl: string): boolean {
  try {
    const host = new URL(platformUrl).hostname;
    return host === "localhost" || host === "[::1]" || /^127\.\d+\.\d+\.\d+$/.test(host);
  } catch {
    return false;
  }
}
