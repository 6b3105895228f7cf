import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli, tempRepo, treeHashes } from './temp-repository';

const claimPatch = 'deploy/overlays/prod/patches/persistentvolumeclaim-axway-events.yaml';

function editProdAxway(root: string, from: string, to: string): void {
  const file = join(root, 'environments/prod/axway.ts');
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
}

describe('a PersistentVolumeClaim request never shrinks', () => {
  let repo: ReturnType<typeof tempRepo>;
  afterEach(() => repo?.remove());

  function shrinkFails(line: string): void {
    const before = treeHashes(repo.root, 'deploy');
    const result = runCli(repo.root, ['render']);
    expect(result.status, result.stdout).toBe(1);
    expect(result.stderr).toContain(line);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(treeHashes(repo.root, 'deploy')).toEqual(before);
  }

  it('fewer traffic pods under the autoscaler would shrink the events claim: refused, naming the field', () => {
    repo = tempRepo();
    editProdAxway(repo.root, '  traffic: { backends:', '  traffic: { autoscaling: { maxReplicas: 4 }, backends:');
    shrinkFails(
      'prod: PersistentVolumeClaim/axway-events: spec.resources.requests.storage: would shrink from 14Gi to 6Gi because axway.traffic.autoscaling.maxReplicas went from 12 to 4 (the claim is axway.events.maxDiskGb × (most traffic pods + API Manager pods) + 1 GB); Kubernetes refuses to shrink a claim: keep the size (undo that change), or migrate to a new claim (a new name, copy the data over, then delete the old claim)',
    );
  });

  it('growing is fine, and lowering maxDiskGb afterwards is refused with that field named', () => {
    repo = tempRepo();
    editProdAxway(repo.root, "events: { storageClass: 'efs-sc' }", "events: { storageClass: 'efs-sc', maxDiskGb: 2 }");
    const grow = runCli(repo.root, ['render']);
    expect(grow.status, grow.stderr).toBe(0);
    expect(readFileSync(join(repo.root, claimPatch), 'utf8')).toContain('value: 27Gi');
    editProdAxway(repo.root, 'maxDiskGb: 2', 'maxDiskGb: 1');
    shrinkFails(
      'prod: PersistentVolumeClaim/axway-events: spec.resources.requests.storage: would shrink from 27Gi to 14Gi because axway.events.maxDiskGb went down (to 1)',
    );
  });
});
