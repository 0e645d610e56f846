// The request ids aep-gitops signs: how a drift report tells its own writes in Adobe's audit log from
// anyone else's, including a client that copies the id's form.
import { describe, expect, it } from "vitest";
import { requestIds } from "../../src/aep/request-id.js";

describe("request ids", () => {
  it("are recognised by the client that made them, and by no other", () => {
    const ours = requestIds("our-client-secret");
    const theirs = requestIds("another-client-secret");
    const id = ours.next();
    expect(id).toMatch(/^aep-gitops-[0-9a-f]{32}\.[0-9a-f]{16}$/);
    expect(ours.isOwn(id)).toBe(true);
    expect(theirs.isOwn(id)).toBe(false);
    expect(ours.isOwn(theirs.next())).toBe(false);
    expect(ours.next()).not.toBe(id);
  });

  it("refuse an id whose uuid or signature was changed, or that only looks like one", () => {
    const ours = requestIds("our-client-secret");
    const id = ours.next();
    const flipped = id.replace(/[0-9a-f](?=\.)/, (c) => (c === "0" ? "1" : "0"));
    expect(ours.isOwn(flipped)).toBe(false);
    expect(ours.isOwn(`${id.slice(0, -1)}${id.endsWith("0") ? "1" : "0"}`)).toBe(false);
    expect(ours.isOwn("aep-gitops-whatever")).toBe(false);
    expect(ours.isOwn("")).toBe(false);
  });
});
