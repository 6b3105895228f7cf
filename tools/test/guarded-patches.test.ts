import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kustomizeBuild } from '../src/kubectl';
import { tempRepo } from './temp-repository';

type Deployment = { spec: { template: { spec: { containers: { name: string; env: { name: string }[] }[] } } } };

// The overlays patch list items by position (RFC 6902 has no other way); each patch first tests
// the item's name, so a base whose list order changed makes kustomize fail rather than set one
// container's env var on another.
describe('overlay patches fail instead of mis-patching', () => {
  let repo: ReturnType<typeof tempRepo>;
  beforeAll(() => {
    repo = tempRepo();
  });
  afterAll(() => repo.remove());

  it('the committed overlays test the names of the list items they patch', () => {
    const patch = YAML.parse(readFileSync(join(repo.root, 'deploy/overlays/dev/patches/deployment-axway-anm.yaml'), 'utf8')) as { op: string; path: string }[];
    expect(patch[0]).toEqual({ op: 'test', path: '/spec/template/spec/containers/0/name', value: 'anm' });
    const positional = patch.filter((op) => op.op !== 'test' && /\/\d+(\/|$)/.test(op.path));
    expect(positional.length).toBeGreaterThan(0);
  });

  it('kubectl kustomize of an overlay fails when a base list item moves', () => {
    expect(kustomizeBuild(repo.root, 'deploy/overlays/dev').length).toBeGreaterThan(0);
    const file = join(repo.root, 'deploy/base/axway/deployment-axway-anm.yaml');
    const text = readFileSync(file, 'utf8');
    const header = text.slice(0, text.indexOf('\n') + 1);
    const deployment = YAML.parse(text) as Deployment;
    const env = deployment.spec.template.spec.containers[0]!.env;
    // Move the first env var to the end: every index after it shifts by one.
    env.push(env.shift()!);
    writeFileSync(file, header + YAML.stringify(deployment));
    expect(() => kustomizeBuild(repo.root, 'deploy/overlays/dev')).toThrow(/test/i);
  });
});
