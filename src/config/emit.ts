// Documents → YAML text as a person would write it: the schema line for editors first, keys in the
// order the schema lists them, block style, one file per destination and one per account.
import { Document } from "yaml";

export function emitYaml(document: object, options: { schemaPath: string; header?: string[] }): string {
  const doc = new Document(document);
  const comments = [
    ` yaml-language-server: $schema=${options.schemaPath}`,
    ...(options.header ?? []).map((line) => ` ${line}`),
  ];
  doc.commentBefore = comments.join("\n");
  return doc.toString({ lineWidth: 0 });
}
