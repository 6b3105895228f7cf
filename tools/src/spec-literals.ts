import type { Expression, ObjectLiteralExpression, SourceFile, StringLiteral } from 'ts-morph';
import { Node, SyntaxKind } from 'ts-morph';

/** Which values `promote` carries: image tags (`image: { …, tag: '…' }`), `version` fields, or both. */
export type PromotionKind = 'images' | 'versions' | 'all';

/** A string literal in an environment's TypeScript, addressed by its property path. */
export interface SpecLiteral {
  /** File name inside the environment folder, e.g. `wso2.ts`. */
  readonly file: string;
  /** Property path from the exported value, e.g. `wso2.gateway.image.tag` (default export: no prefix). */
  readonly path: string;
  readonly value: string;
  readonly node: StringLiteral;
}

/** Looks through `as`, `satisfies` and parentheses to the expression that holds the data. */
function unwrap(expression: Expression | undefined): Expression | undefined {
  let e = expression;
  while (e && (Node.isAsExpression(e) || Node.isSatisfiesExpression(e) || Node.isParenthesizedExpression(e))) e = e.getExpression();
  return e;
}

function propertyName(node: Node): string | undefined {
  if (!Node.isPropertyAssignment(node)) return undefined;
  const name = node.getNameNode();
  if (Node.isIdentifier(name) || Node.isStringLiteral(name) || Node.isNoSubstitutionTemplateLiteral(name))
    return Node.isIdentifier(name) ? name.getText() : name.getLiteralText();
  return undefined;
}

/** The data roots of a file: `export const x = {…}` (path `x`) and `export default f({…})` (path ''). */
function roots(file: SourceFile): [string, ObjectLiteralExpression][] {
  const found: [string, ObjectLiteralExpression][] = [];
  for (const statement of file.getVariableStatements()) {
    if (!statement.isExported()) continue;
    for (const declaration of statement.getDeclarations()) {
      const init = unwrap(declaration.getInitializer());
      if (init && Node.isObjectLiteralExpression(init)) found.push([declaration.getName(), init]);
    }
  }
  const assignment = file.getExportAssignment((a) => !a.isExportEquals());
  let value = unwrap(assignment?.getExpression());
  // `export default defineEnvironment({ … })`: the data is the call's first argument.
  if (value && Node.isCallExpression(value)) value = unwrap(value.getArguments()[0] as Expression | undefined);
  if (value && Node.isObjectLiteralExpression(value)) found.push(['', value]);
  return found;
}

function join(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return parent ? `${parent}.${key}` : key;
}

/**
 * Whether a string property belongs to the kind being promoted. An image tag is a `tag` beside a
 * `repository`, or one anywhere under a key that names images (`image: { tag }`,
 * `images: { gateway: { tag } }`).
 */
function selected(kind: PromotionKind, key: string, siblings: ObjectLiteralExpression, path: string): boolean {
  // The first segment is the exported constant's own name, not a field.
  const underImages = path
    .split('.')
    .slice(1, -1)
    .some((segment) => segment === 'image' || segment === 'images');
  const images = key === 'tag' && (underImages || siblings.getProperty('repository') !== undefined);
  const versions = key === 'version';
  return kind === 'all' ? images || versions : kind === 'images' ? images : versions;
}

function walk(kind: PromotionKind, fileName: string, object: ObjectLiteralExpression, path: string, parentKey: string | undefined, out: SpecLiteral[]): void {
  for (const property of object.getProperties()) {
    const key = propertyName(property);
    if (key === undefined || !Node.isPropertyAssignment(property)) continue;
    visit(kind, fileName, unwrap(property.getInitializer()), join(path, key), key, object, parentKey, out);
  }
}

function visit(
  kind: PromotionKind,
  fileName: string,
  value: Expression | undefined,
  path: string,
  key: string | undefined,
  owner: ObjectLiteralExpression | undefined,
  _ownerKey: string | undefined,
  out: SpecLiteral[],
): void {
  if (!value) return;
  if (Node.isObjectLiteralExpression(value)) walk(kind, fileName, value, path, key, out);
  else if (Node.isArrayLiteralExpression(value))
    value.getElements().forEach((element, i) => {
      visit(kind, fileName, unwrap(element), join(path, i), undefined, undefined, key, out);
    });
  else if (value.getKind() === SyntaxKind.StringLiteral && key !== undefined && owner && selected(kind, key, owner, path))
    out.push({ file: fileName, path, value: (value as StringLiteral).getLiteralValue(), node: value as StringLiteral });
}

/** Every promotable string literal of a file, in source order. */
export function findSpecLiterals(file: SourceFile, kind: PromotionKind): SpecLiteral[] {
  const out: SpecLiteral[] = [];
  for (const [path, object] of roots(file)) walk(kind, file.getBaseName(), object, path, undefined, out);
  return out;
}

/** Every property of a file by path (strings or not), so a missing path can be told from a non-string one. */
export function findPropertyPaths(file: SourceFile): Map<string, Node> {
  const paths = new Map<string, Node>();
  const collect = (object: ObjectLiteralExpression, path: string): void => {
    for (const property of object.getProperties()) {
      const key = propertyName(property);
      if (key === undefined || !Node.isPropertyAssignment(property)) continue;
      const child = join(path, key);
      const value = unwrap(property.getInitializer());
      if (value) paths.set(child, value);
      if (value && Node.isObjectLiteralExpression(value)) collect(value, child);
      if (value && Node.isArrayLiteralExpression(value))
        value.getElements().forEach((e, i) => {
          const element = unwrap(e);
          if (element) paths.set(join(child, i), element);
          if (element && Node.isObjectLiteralExpression(element)) collect(element, join(child, i));
        });
    }
  };
  for (const [path, object] of roots(file)) collect(object, path);
  return paths;
}
