import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kubectlInRepository, kubectlPath, kustomizeBuild } from '../src/kubectl';
import { repositoryRoot } from './temp-repository';

// A folder above a checkout that holds `.cache/kubectl/kubectl`, and a checkout without its own.
let above: string;
let checkout: string;
let marker: string;

beforeAll(() => {
  above = mkdtempSync(join(tmpdir(), 'apim-kubectl-'));
  checkout = join(above, 'repository');
  marker = join(above, 'planted-kubectl-ran');
  mkdirSync(join(above, '.cache', 'kubectl'), { recursive: true });
  const planted = join(above, kubectlInRepository);
  writeFileSync(planted, `#!/bin/sh\ntouch "${marker}"\necho 'kind: Planted'\n`);
  chmodSync(planted, 0o755);
  mkdirSync(join(checkout, 'deploy'), { recursive: true });
  writeFileSync(join(checkout, 'deploy', 'kustomization.yaml'), 'resources: []\n');
});
afterAll(() => rmSync(above, { recursive: true, force: true }));

describe('kubectl lookup', () => {
  it('uses the kubectl inside the repository', () => {
    expect(kubectlPath(repositoryRoot)).toBe(join(repositoryRoot, '.cache', 'kubectl', 'kubectl'));
  });

  it('never runs a kubectl planted in a folder above the repository', () => {
    expect(() => kubectlPath(checkout)).toThrow(`${join(checkout, kubectlInRepository)} is missing: run "npm ci"`);
    expect(() => kustomizeBuild(checkout, 'deploy')).toThrow('is missing: run "npm ci"');
    expect(existsSync(marker)).toBe(false);
  });

  it("uses a temporary tree's linked .cache, the way the tools build scratch copies", () => {
    symlinkSync(join(repositoryRoot, '.cache'), join(checkout, '.cache'));
    try {
      expect(kustomizeBuild(checkout, 'deploy')).toEqual([]);
      expect(existsSync(marker)).toBe(false);
    } finally {
      rmSync(join(checkout, '.cache'));
    }
  });
});
