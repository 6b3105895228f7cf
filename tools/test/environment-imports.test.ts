import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { environmentImports, withDependents } from '../src/environment-imports';
import { repositoryRoot, runCli, tempRepo } from './temp-repository';

describe('an environment derived from another renders with it', () => {
  let repo: ReturnType<typeof tempRepo> | undefined;
  afterEach(() => repo?.remove());

  it('reads which environments import which: prod-eu-west imports prod, the others nothing', () => {
    const imports = environmentImports(repositoryRoot);
    expect([...imports.get('prod-eu-west')!]).toEqual(['prod']);
    expect([...imports.get('prod')!]).toEqual([]);
    expect(withDependents(repositoryRoot, ['prod'])).toEqual(['prod', 'prod-eu-west']);
    expect(withDependents(repositoryRoot, ['dev'])).toEqual(['dev']);
  });

  it('render --env prod rewrites the standby overlay too, so a partial render leaves no overlay behind', () => {
    repo = tempRepo();
    const file = join(repo.root, 'environments/prod/environment.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace("refreshInterval: '15m'", "refreshInterval: '20m'"));
    const render = runCli(repo.root, ['render', '--env', 'prod']);
    expect(render.status, render.stderr).toBe(0);
    expect(render.stdout).toMatch(/rendered 2 environment\(s\)/);
    for (const env of ['prod', 'prod-eu-west'])
      expect(readFileSync(join(repo.root, `deploy/overlays/${env}/resources/externalsecret-apim-tls.yaml`), 'utf8'), env).toContain('refreshInterval: 20m');
  });
});
