import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { applicationName, argocdManifestsDir, overlayPath, staleFiles } from '@apim-gitops/renderer';
import { environmentNames } from '../../src/environment-files';
import { kustomizeBuild } from '../../src/kubectl';
import type { RepositoryRender } from '../../src/render-repository';
import { renderRepository } from '../../src/render-repository';

type Doc = Record<string, any>;

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
const environments = environmentNames(root);
let render: RepositoryRender;
let argocd: Doc[];

beforeAll(async () => {
  render = await renderRepository(root);
  argocd = [...render.files.entries()]
    .filter(([path]) => path.startsWith(`${argocdManifestsDir}/`) && !path.endsWith('/kustomization.yaml'))
    .flatMap(([, text]) => YAML.parseAllDocuments(text).map((d) => d.toJSON() as Doc));
});

const environmentApps = () => argocd.filter((d) => d.kind === 'Application' && d.spec.source.path.startsWith('deploy/overlays/'));
const project = (name: string) => argocd.find((d) => d.kind === 'AppProject' && d.metadata.name === name)!;

describe('Argo CD Applications of the repository', () => {
  it('has environments to check', () => expect(environments.length).toBeGreaterThan(0));

  it('renders one Application per environment and no other', () => {
    expect(environmentApps().map((a) => a.metadata.name).sort()).toEqual(environments.map(applicationName).sort());
  });

  it.each(environments)('%s: the source path exists after render and kubectl kustomize builds it', (env) => {
    const app = environmentApps().find((a) => a.metadata.name === applicationName(env))!;
    expect(app.spec.source.path).toBe(overlayPath(env));
    expect(render.files.has(`${app.spec.source.path}/kustomization.yaml`)).toBe(true);
    // The committed tree is what the repo-server clones; the check command keeps it equal to the render.
    expect(existsSync(join(root, app.spec.source.path, 'kustomization.yaml'))).toBe(true);
    const built = kustomizeBuild(root, app.spec.source.path) as Doc[];
    expect(built.length).toBe(render.environments.get(env)!.objects.length);
    for (const object of built) expect(object.metadata.namespace, `${object.kind}/${object.metadata.name}`).toBe(app.spec.destination.namespace);
  });

  it.each(environments)('%s: the AppProject allows its destination and source repository', (env) => {
    const app = environmentApps().find((a) => a.metadata.name === applicationName(env))!;
    const allowed = project(app.spec.project);
    expect(allowed.spec.destinations).toContainEqual({ server: app.spec.destination.server, namespace: app.spec.destination.namespace });
    expect(allowed.spec.sourceRepos).toContain(app.spec.source.repoURL);
    expect(allowed.spec.sourceRepos).toHaveLength(1);
  });

  it.each(environments)('%s: every kind the overlay holds is whitelisted by the project', (env) => {
    const app = environmentApps().find((a) => a.metadata.name === applicationName(env))!;
    const whitelist = project(app.spec.project).spec.namespaceResourceWhitelist.map((k: Doc) => `${k.group}|${k.kind}`);
    for (const o of render.environments.get(env)!.objects as Doc[])
      expect(whitelist, `${o.kind}/${o.metadata.name}`).toContain(`${o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : ''}|${o.kind}`);
  });

  it.each(environments)('%s: every Deployment an HPA scales has /spec/replicas ignored', (env) => {
    const app = environmentApps().find((a) => a.metadata.name === applicationName(env))!;
    const hpas = (render.environments.get(env)!.objects as Doc[]).filter((o) => o.kind === 'HorizontalPodAutoscaler');
    for (const hpa of hpas)
      expect(app.spec.ignoreDifferences ?? []).toContainEqual({ group: 'apps', kind: hpa.spec.scaleTargetRef.kind, name: hpa.spec.scaleTargetRef.name, jsonPointers: ['/spec/replicas'] });
  });

  it('builds apps/argocd/manifests with kubectl kustomize, root Application included', () => {
    const built = kustomizeBuild(root, argocdManifestsDir) as Doc[];
    expect(built.map((d) => `${d.kind}/${d.metadata.name}`).sort()).toEqual(argocd.map((d) => `${d.kind}/${d.metadata.name}`).sort());
    const rootApp = built.find((d) => d.kind === 'Application' && d.spec.source.path === argocdManifestsDir);
    expect(rootApp).toBeDefined();
  });

  it('has committed the Argo CD files it renders', () => {
    const stale = [...staleFiles(root, render.files, render.scopes).keys()].filter((p) => p.startsWith(argocdManifestsDir));
    expect(stale).toEqual([]);
  });
});
