import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '@apim-gitops/renderer';
import {
  applicationName,
  argocdBootstrapDir,
  argocdManifestsDir,
  checkIntegrity,
  integrityRules,
  overlayPath,
  podSecurityLabels,
  projectRefusal,
  rootApplicationName,
  staleFiles,
} from '@apim-gitops/renderer';
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
    .filter(([path]) => (path.startsWith(`${argocdManifestsDir}/`) || path.startsWith(`${argocdBootstrapDir}/`)) && !path.endsWith('/kustomization.yaml'))
    .flatMap(([, text]) => YAML.parseAllDocuments(text).map((d) => d.toJSON() as Doc));
});

const environmentApps = () => argocd.filter((d) => d.kind === 'Application' && d.spec.source.path.startsWith('deploy/overlays/'));
const project = (name: string) => argocd.find((d) => d.kind === 'AppProject' && d.metadata.name === name)!;

describe('Argo CD Applications of the repository', () => {
  it('has environments to check', () => expect(environments.length).toBeGreaterThan(0));

  it('renders one Application per environment and no other', () => {
    expect(
      environmentApps()
        .map((a) => a.metadata.name)
        .sort(),
    ).toEqual(environments.map(applicationName).sort());
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

  it.each(environments)('%s: its own project allows exactly its destination and this repository', (env) => {
    const app = environmentApps().find((a) => a.metadata.name === applicationName(env))!;
    expect(app.spec.project).toBe(`apim-${env}`);
    const allowed = project(app.spec.project);
    expect(allowed.spec.destinations).toEqual([{ server: app.spec.destination.server, namespace: app.spec.destination.namespace }]);
    expect(allowed.spec.sourceRepos).toEqual([app.spec.source.repoURL]);
  });

  it.each(environments)('%s: the project allows every object kustomize builds from the overlay', (env) => {
    const app = environmentApps().find((a) => a.metadata.name === applicationName(env))!;
    const target = { repoURL: app.spec.source.repoURL, server: app.spec.destination.server, namespace: app.spec.destination.namespace };
    for (const o of kustomizeBuild(root, app.spec.source.path) as Doc[])
      expect(projectRefusal(project(app.spec.project) as never, target, o), `${o.kind}/${o.metadata.name}`).toBeUndefined();
  });

  it.each(environments)('%s: its Application has Argo CD create the namespace with the Pod Security "restricted" labels', (env) => {
    const app = environmentApps().find((a) => a.metadata.name === applicationName(env))!;
    expect(app.spec.syncPolicy.syncOptions).toContain('CreateNamespace=true');
    expect(app.spec.syncPolicy.managedNamespaceMetadata.labels).toEqual(podSecurityLabels());
    expect(app.spec.syncPolicy.managedNamespaceMetadata.labels['pod-security.kubernetes.io/enforce']).toBe('restricted');
  });

  it.each(environments)('%s: every workload the overlay builds satisfies Pod Security "restricted"', (env) => {
    const built = kustomizeBuild(root, overlayPath(env)) as Manifest[];
    expect(built.some((o) => o.kind === 'Deployment')).toBe(true);
    const restricted = integrityRules.filter((r) => ['pod-security', 'host-isolation'].includes(r.id));
    expect(restricted).toHaveLength(2);
    expect(checkIntegrity(built, restricted)).toEqual([]);
  });

  it.each(environments)('%s: every Deployment an HPA scales has /spec/replicas ignored', (env) => {
    const app = environmentApps().find((a) => a.metadata.name === applicationName(env))!;
    const hpas = (render.environments.get(env)!.objects as Doc[]).filter((o) => o.kind === 'HorizontalPodAutoscaler');
    for (const hpa of hpas)
      expect(app.spec.ignoreDifferences ?? []).toContainEqual({
        group: 'apps',
        kind: hpa.spec.scaleTargetRef.kind,
        name: hpa.spec.scaleTargetRef.name,
        jsonPointers: ['/spec/replicas'],
      });
  });

  it.each(environments)('%s: every PersistentVolumeClaim kustomize builds is neither pruned nor deleted by Argo CD', (env) => {
    const claims = (kustomizeBuild(root, overlayPath(env)) as Doc[]).filter((o) => o.kind === 'PersistentVolumeClaim');
    expect(claims.length).toBeGreaterThan(0);
    for (const claim of claims) expect(claim.metadata.annotations['argocd.argoproj.io/sync-options'], claim.metadata.name).toBe('Delete=false,Prune=false');
  });

  it("builds the bootstrap and the manifests with kubectl kustomize: projects and root in one, the environments' Applications in the other", () => {
    const bootstrap = kustomizeBuild(root, argocdBootstrapDir) as Doc[];
    const manifests = kustomizeBuild(root, argocdManifestsDir) as Doc[];
    expect([...bootstrap, ...manifests].map((d) => `${d.kind}/${d.metadata.name}`).sort()).toEqual(argocd.map((d) => `${d.kind}/${d.metadata.name}`).sort());
    expect(manifests.map((d) => d.kind)).toEqual(environments.map(() => 'Application'));
    const rootApp = bootstrap.find((d) => d.kind === 'Application' && d.metadata.name === rootApplicationName)!;
    expect(rootApp.spec.source.path).toBe(argocdManifestsDir);
    for (const d of bootstrap) expect(d.metadata.namespace).toBe('argocd');
  });

  it('has committed the Argo CD files it renders', () => {
    const stale = [...staleFiles(root, render.files, render.scopes).keys()].filter((p) => p.startsWith('apps/argocd/'));
    expect(stale).toEqual([]);
  });
});
