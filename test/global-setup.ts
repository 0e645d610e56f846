import { build } from "../scripts/build.mjs";

// Build once per test run so child-process tests exercise the real bundle, never a stale one.
export default async function setup(): Promise<void> {
  await build();
}
