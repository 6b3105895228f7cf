import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedEnvironment } from '@apim-gitops/models';
import { memoryBytes } from '@apim-gitops/models';
import { deployRoot } from '@apim-gitops/renderer';
import { committedObject } from './committed-objects';
import type { RepositoryRender } from './render-repository';
import { RenderFailure } from './render-repository';
import { isDirectory, isFile } from './file-kind';

type Claim = { metadata: { name: string }; spec?: { resources?: { requests?: { storage?: string } } } };
type Scaled = { spec?: { replicas?: number; maxReplicas?: number } } | undefined;

const claimFile = /(^|\/)(delete-)?persistentvolumeclaim-[^/]+\.yaml$/;

function readIfExists(path: string): string | undefined {
  return isFile(path) ? readFileSync(path, 'utf8') : undefined;
}

/**
 * Whether a file that holds, patches or deletes a claim, directly in one of `dirs`, differs
 * between the render and the disk (a file on one side only counts). `rendered` indexes the
 * render's claim files by folder.
 */
function claimFilesChange(root: string, render: RepositoryRender, rendered: ReadonlyMap<string, string[]>, dirs: readonly string[]): boolean {
  const paths = new Set<string>();
  for (const dir of dirs) {
    const full = join(root, dir);
    if (isDirectory(full)) for (const file of readdirSync(full)) if (claimFile.test(file)) paths.add(`${dir}/${file}`);
    for (const path of rendered.get(dir) ?? []) paths.add(path);
  }
  return [...paths].some((path) => render.files.get(path) !== readIfExists(join(root, path)));
}

/** The field that shrank the Axway events claim, found by comparing what sizes it with the committed objects. */
function eventsShrinkCause(root: string, env: ResolvedEnvironment): string {
  const ax = env.axway!;
  const scaled = (kind: string, name: string) => committedObject(root, env.name, kind, name) as Scaled;
  const hpa = scaled('HorizontalPodAutoscaler', ax.traffic.component.id);
  const oldTraffic = Math.max(hpa?.spec?.maxReplicas ?? 0, scaled('Deployment', ax.traffic.component.id)?.spec?.replicas ?? 0);
  const oldApiManager = scaled('Deployment', ax.apiManager.component.id)?.spec?.replicas ?? 0;
  const causes: string[] = [];
  const trafficField = ax.traffic.settings.autoscaling ? 'axway.traffic.autoscaling.maxReplicas' : 'axway.traffic.replicas';
  if (oldTraffic > ax.traffic.settings.maxReplicas) causes.push(`${trafficField} went from ${oldTraffic} to ${ax.traffic.settings.maxReplicas}`);
  if (oldApiManager > ax.apiManager.settings.replicas)
    causes.push(`axway.apiManager.replicas went from ${oldApiManager} to ${ax.apiManager.settings.replicas}`);
  if (causes.length === 0) causes.push(`axway.events.maxDiskGb went down (to ${ax.events.maxDiskGb})`);
  return ` because ${causes.join(' and ')} (the claim is axway.events.maxDiskGb × (most traffic pods + API Manager pods) + 1 GB)`;
}

/**
 * A PersistentVolumeClaim's storage request may grow but never shrink: Kubernetes refuses the
 * update, and Argo CD would fail every sync. Compares each claim of the render with the committed
 * one (only where a file that holds or patches a claim changes) and fails the render, naming the
 * environment, the claim, the field that made it shrink and the way out.
 */
export function checkClaimSizes(root: string, render: RepositoryRender): void {
  const rendered = new Map<string, string[]>();
  for (const path of render.files.keys())
    if (claimFile.test(path)) {
      const dir = path.slice(0, path.lastIndexOf('/'));
      rendered.set(dir, [...(rendered.get(dir) ?? []), path]);
    }
  const baseRoot = join(root, deployRoot, 'base');
  const baseDirs = isDirectory(baseRoot)
    ? readdirSync(baseRoot, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => `${deployRoot}/base/${e.name}`)
    : [];
  const basesChange = claimFilesChange(root, render, rendered, [
    ...new Set([...baseDirs, ...[...rendered.keys()].filter((d) => d.startsWith(`${deployRoot}/base/`))]),
  ]);
  const failures: Error[] = [];
  for (const env of render.resolved) {
    const overlay = `${deployRoot}/overlays/${env.name}`;
    if (!basesChange && !claimFilesChange(root, render, rendered, [`${overlay}/patches`, `${overlay}/resources`])) continue;
    const objects = render.environments.get(env.name)?.objects ?? [];
    for (const claim of objects.filter((o) => (o as { kind?: string }).kind === 'PersistentVolumeClaim') as unknown as Claim[]) {
      const before = (committedObject(root, env.name, 'PersistentVolumeClaim', claim.metadata.name) as Claim | undefined)?.spec?.resources?.requests?.storage;
      const after = claim.spec?.resources?.requests?.storage;
      const [from, to] = [memoryBytes(before), memoryBytes(after)];
      if (from === undefined || to === undefined || to >= from) continue;
      const cause = env.axway && claim.metadata.name === env.axway.events.claimName ? eventsShrinkCause(root, env) : '';
      failures.push(
        new Error(
          `${env.name}: PersistentVolumeClaim/${claim.metadata.name}: spec.resources.requests.storage: would shrink from ${before} to ${after}${cause}; Kubernetes refuses to shrink a claim: keep the size (undo that change), or migrate to a new claim (a new name, copy the data over, then delete the old claim)`,
        ),
      );
    }
  }
  if (failures.length > 0) throw new RenderFailure(failures);
}
