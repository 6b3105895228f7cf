import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { baseEnvironmentSpec, SpecValidator } from '@apim-gitops/models';
import { specAjv } from '@apim-gitops/models/src/schema/spec-ajv';
import { afterAll, describe, expect, it } from 'vitest';
import { staleSchemaFiles } from '../src/schema-command';
import { generateSchemas, referenceMarkdown } from '../src/spec-schema';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..');

describe('the spec schemas', () => {
  it('are current: the committed JSON Schemas and field reference equal a fresh generation from the spec types', async () => {
    expect(await staleSchemaFiles(root)).toEqual([]);
  }, 60_000);

  it('close every object, so a typo is an unknown field', () => {
    const schema = JSON.parse(readFileSync(join(root, 'packages/models/schema/environment.schema.json'), 'utf8'));
    // A discriminated union only names its tag; each branch it points at is closed itself.
    for (const [name, definition] of Object.entries(schema.definitions) as [string, Record<string, unknown>][])
      if (definition.properties && !definition.allOf) expect(definition.additionalProperties, name).toBe(false);
  });
});

// The promise of one declaration per field: a new TSDoc'd property, and nothing else, is validated,
// defaulted, documented and in the schema.
describe('a scratch field added to a spec type', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'apim-scratch-field-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));
  cpSync(join(root, 'packages/models/src'), join(scratch, 'packages/models/src'), { recursive: true });
  cpSync(join(root, 'packages/models/schema'), join(scratch, 'packages/models/schema'), { recursive: true });
  cpSync(join(root, 'tsconfig.base.json'), join(scratch, 'tsconfig.base.json'));
  const specFile = join(scratch, 'packages/models/src/wso2/spec.ts');
  const text = readFileSync(specFile, 'utf8');
  const anchor = 'export interface Wso2KeyManagerSpec extends Wso2ComponentSpec {\n';
  expect(text).toContain(anchor);
  writeFileSync(
    specFile,
    text.replace(
      anchor,
      `${anchor}  /**\n   * Token cache entries kept per key manager pod.\n   * @default 7\n   * @asType integer\n   * @minimum 1\n   * @maximum 50\n   */\n  readonly scratchCacheSize?: number;\n`,
    ),
  );
  const generated = generateSchemas(scratch);
  const validatorOf = async () => new SpecValidator<any>(specAjv().compile((await generated).get('packages/models/schema/environment.schema.json')!));
  const environment = (keyManager: Record<string, unknown>) => ({ ...baseEnvironmentSpec, wso2: { ...baseEnvironmentSpec.wso2, keyManager } });

  it('is in the schema with its description, default and range', async () => {
    const schema = (await generated).get('packages/models/schema/environment.schema.json')!;
    expect(schema.definitions.Wso2KeyManagerSpec.properties.scratchCacheSize).toEqual({
      type: 'integer',
      description: 'Token cache entries kept per key manager pod.',
      default: 7,
      minimum: 1,
      maximum: 50,
    });
  }, 60_000);

  it('is defaulted when left out', async () => {
    const { value, issues } = (await validatorOf()).check(environment({}));
    expect(issues).toEqual([]);
    expect(value.wso2.keyManager.scratchCacheSize).toBe(7);
  }, 60_000);

  it('is validated, with the field path and the bound', async () => {
    expect((await validatorOf()).check(environment({ scratchCacheSize: 0 })).issues).toEqual([
      { path: 'wso2.keyManager.scratchCacheSize', message: 'must be at least 1 (got 0)' },
    ]);
    expect((await validatorOf()).check(environment({ scratchCacheSize: 2.5 })).issues).toEqual([
      { path: 'wso2.keyManager.scratchCacheSize', message: 'must be a whole number (got 2.5)' },
    ]);
    expect((await validatorOf()).check(environment({ scratchCachSize: 3 })).issues).toEqual([
      { path: 'wso2.keyManager.scratchCachSize', message: 'is not a known field (did you mean "scratchCacheSize"?)' },
    ]);
  }, 60_000);

  it('is documented in the field reference', async () => {
    expect(referenceMarkdown(await generated)).toContain(
      '| `scratchCacheSize` | integer (≥ 1, ≤ 50) |  | `7` | Token cache entries kept per key manager pod. |',
    );
  }, 60_000);
});
