import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from './temp-repository';

const rules = readFileSync(join(repositoryRoot, '.github', 'CODEOWNERS'), 'utf8')
  .split('\n')
  .map((line) => line.trim())
  .filter((line) => line !== '' && !line.startsWith('#'))
  .map((line) => {
    const [pattern, ...owners] = line.split(/\s+/);
    return { pattern: pattern!, owners };
  });

/** The owners of `path`: the last rule whose anchored folder or file pattern covers it, as GitHub reads CODEOWNERS. */
function ownersOf(path: string): string[] {
  const match = rules.filter((r) => (r.pattern.endsWith('/') ? `/${path}`.startsWith(r.pattern) : `/${path}` === r.pattern)).at(-1);
  return match?.owners ?? [];
}

describe('.github/CODEOWNERS', () => {
  it.each(rules.map((r) => [r.pattern, r]))('%s is anchored, exists and names team handles only', (pattern, rule) => {
    expect(pattern.startsWith('/')).toBe(true);
    expect(existsSync(join(repositoryRoot, pattern.slice(1))), `${pattern} does not exist`).toBe(true);
    expect(rule.owners.length).toBeGreaterThan(0);
    for (const owner of rule.owners) expect(owner).toMatch(/^@[a-z0-9-]+(\/[a-z0-9-]+)?$/);
  });

  it.each([
    'apps/argocd/gitops.ts',
    'apps/argocd/bootstrap/kustomization.yaml',
    'apps/argocd/manifests/application-apim-prod.yaml',
    'environments/prod/environment.ts',
    'packages/renderer/src/argocd/app-project.ts',
    'packages/renderer/src/platform/secrets.ts',
    'packages/renderer/src/integrity/all-rules.ts',
    '.github/workflows/pr.yml',
    '.github/CODEOWNERS',
    'tools/bin/run.mjs',
  ])("%s needs the platform team's approval", (path) => {
    expect(ownersOf(path)).toContain('@platform-team');
  });

  it('asks production approvers for production changes', () => {
    expect(ownersOf('environments/prod/wso2.ts')).toContain('@prod-approvers');
    expect(ownersOf('environments/dev/wso2.ts')).toEqual([]);
  });
});
