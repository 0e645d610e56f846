// Every YAML file the repository holds for readers to be checked against: the test fixtures and the
// shipped examples.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return yamlFiles(full);
    return /\.ya?ml$/.test(name) ? [full] : [];
  });
}

export const repositoryYamlFiles = (): string[] => [
  ...yamlFiles(path.join(ROOT, "test/fixtures")),
  ...yamlFiles(path.join(ROOT, "examples")),
];
