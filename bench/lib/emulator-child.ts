// Runs the emulator in a process of its own, so its CPU time (JSON, latency timers, the rate limiter)
// never competes with the client being measured on the same event loop. Reads its config from the JSON
// file named by argv[2], prints one line `{"url": …}` when listening, and stops on SIGTERM or when the
// parent goes away (stdin closes).
import { readFileSync } from "node:fs";
import { startEmulator, type EmulatorConfig } from "../../src/emulator/index.js";

const config = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as Partial<EmulatorConfig>;
const running = await startEmulator({ port: 0, config });
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await running.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
process.stdin.on("end", () => void stop());
process.stdin.resume();
process.stdout.write(`${JSON.stringify({ url: running.url })}\n`);
