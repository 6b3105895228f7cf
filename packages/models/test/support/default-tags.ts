import { Project } from 'ts-morph';
import { join } from 'node:path';

const project = new Project({ skipAddingFilesFromTsConfig: true });

// Tags hold JSON or a TypeScript object literal (`{ repository: "gateway" }`); both are our own
// source, so evaluating them as an expression is safe here.
function literal(text: string): unknown {
  return new Function(`return (${text});`)();
}

/**
 * The `@default` TSDoc tags of an interface's properties, parsed as literals (`"nginx"`, `2`, `{ tag: "1" }`),
 * so tests can hold the documentation to the defaults objects.
 */
export function defaultTags(file: string, interfaceName: string): Map<string, unknown> {
  const path = join(__dirname, '..', '..', 'src', file);
  const source = project.getSourceFile(path) ?? project.addSourceFileAtPath(path);
  const declaration = source.getInterfaceOrThrow(interfaceName);
  const tags = new Map<string, unknown>();
  for (const property of declaration.getProperties())
    for (const doc of property.getJsDocs())
      for (const tag of doc.getTags())
        if (tag.getTagName() === 'default') tags.set(property.getName(), literal(tag.getCommentText()?.trim() ?? ''));
  return tags;
}
