import { describe, expect, it } from 'vitest';
import { baseEnvironmentSource, baseEnvironmentSpec, resolveEnvironment } from '@apim-gitops/models';
import type { Manifest } from '../../src/integrity/integrity-rule';
import { checkIntegrity } from '../../src/integrity/integrity-rule';
import { integrityRules } from '../../src/integrity/all-rules';
import { renderPlain } from '../../src/render-tree';

describe('the rendered base environment', () => {
  it('breaks no integrity rule', () => {
    const objects = renderPlain(resolveEnvironment(baseEnvironmentSpec, baseEnvironmentSource)) as unknown as Manifest[];
    expect(checkIntegrity(objects, integrityRules)).toEqual([]);
  });
});
