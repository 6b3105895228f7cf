import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempRepository, removeTempRepository, runCli, treeHashes } from '../temp-repository';

const gitopsFile = 'apps/argocd/gitops.ts';
let root: string;
let committed: Map<string, string>;

beforeAll(() => {
  root = makeTempRepository();
  const path = join(root, gitopsFile);
  const text = readFileSync(path, 'utf8');
  const entry = "    { group: 'networking.k8s.io', kind: 'NetworkPolicy' },\n";
  if (!text.includes(entry)) throw new Error(`${gitopsFile} changed shape: update this test`);
  writeFileSync(path, text.replace(entry, ''));
  committed = new Map([...treeHashes(root, 'deploy'), ...treeHashes(root, 'apps')]);
});
afterAll(() => removeTempRepository(root));

describe('a kind the projects do not allow', () => {
  it.each([[['render']], [['render', '--env', 'dev']]])('fails `%j`, naming the kind, an object of it and where to add it, and writes nothing', (args) => {
    const { status, stderr } = runCli(root, args);
    expect(status).not.toBe(0);
    expect(stderr).toMatch(
      /^dev: NetworkPolicy\/[a-z0-9-]+: kind: networking\.k8s\.io\/NetworkPolicy is not in the environments' projects' whitelist: add \{ group: 'networking\.k8s\.io', kind: 'NetworkPolicy' \} to namespacedKinds in apps\/argocd\/gitops\.ts \(the platform team approves it\) rather than widening a project by hand$/m,
    );
    expect(new Map([...treeHashes(root, 'deploy'), ...treeHashes(root, 'apps')])).toEqual(committed);
  });
});
