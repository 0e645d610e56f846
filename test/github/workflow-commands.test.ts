// Workflow commands are parsed by the runner from our stdout: a message must not be able to end a
// command early, forge another one, or leave a secret readable.
import { describe, expect, it } from "vitest";
import { annotationCommand, escapeData, escapeProperty, maskCommands } from "../../src/github/workflow-commands.js";

describe("annotations", () => {
  it("place an error at file, line and column with a title", () => {
    expect(
      annotationCommand({
        level: "error",
        file: "destinations/summer.yaml",
        line: 12,
        col: 5,
        title: "aep-gitops: duplicate-name",
        message: "name 'x' is used twice",
      }),
    ).toBe(
      "::error file=destinations/summer.yaml,line=12,col=5,title=aep-gitops%3A duplicate-name::name 'x' is used twice",
    );
  });

  it("leave out the properties they do not have", () => {
    expect(annotationCommand({ level: "warning", message: "no token" })).toBe("::warning::no token");
  });

  it("keep a multi-line message in one command, and cannot be ended early by the text", () => {
    const command = annotationCommand({
      level: "notice",
      file: "a,b:c.yaml",
      message: "line one\nline two\r\n::error::forged 100%",
    });
    expect(command.split("\n")).toHaveLength(1);
    expect(command).toBe("::notice file=a%2Cb%3Ac.yaml::line one%0Aline two%0D%0A::error::forged 100%25");
  });
});

describe("escaping", () => {
  it("follows the runner's rules for data and properties", () => {
    expect(escapeData("50% a:b,c\n")).toBe("50%25 a:b,c%0A");
    expect(escapeProperty("50% a:b,c\n")).toBe("50%25 a%3Ab%2Cc%0A");
  });
});

describe("masks", () => {
  it("mask a value, and each line of a multi-line value on its own (the runner masks line by line)", () => {
    expect(maskCommands("-----BEGIN KEY-----\nabc123\n")).toEqual([
      "::add-mask::-----BEGIN KEY-----%0Aabc123",
      "::add-mask::-----BEGIN KEY-----",
      "::add-mask::abc123",
    ]);
  });

  it("mask nothing for an empty value", () => {
    expect(maskCommands("  ")).toEqual([]);
  });
});
