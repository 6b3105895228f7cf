import { resolveGitOps } from '@apim-gitops/models';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderArgoCdTree, rootManifest } from '../../src/argocd/argocd-tree';
import { applicationName, argocdManifestsDir, overlayPath } from '../../src/argocd/names';
import { generatedMark } from '../../src/layout';
import { renderSecrets } from '../../src/platform/secrets';
import { applySyncWaves } from '../../src/argocd/sync-waves';
import { toPlain } from '../../src/kube-object';
import { autoscaled, component, componentObjects, environmentWith, stackComponents } from './component-fixtures';

type Doc = Record<string, any>;

const names = ['dev', 'prod', 'qa'];
const gitops = resolveGitOps(
  { repoURL: 'https://git.example.org/platform/apim-gitops.git', clusters: { prod: 'https://prod.example.org:6443' } },
  'apps/argocd/gitops.ts',
  names,
);
// qa runs only Axway: its project destinations and ignoreDifferences differ from the others'.
const environments = names.map((name) => {
  const components = name === 'qa' ? stackComponents.filter((c) => c.stack === 'axway') : stackComponents;
  const env = environmentWith(components, name);
  return { name, namespace: env.namespace, objects: applySyncWaves(env, [...renderSecrets(env), ...componentObjects(components)]).map(toPlain) };
});
const files = renderArgoCdTree(gitops, environments);
const docs: Doc[] = [...files.entries()].filter(([p]) => !p.endsWith('kustomization.yaml')).flatMap(([, text]) => YAML.parseAllDocuments(text).map((d) => d.toJSON()));
const applications = docs.filter((d) => d.kind === 'Application' && d.spec.project === gitops.project);
const project = docs.find((d) => d.kind === 'AppProject' && d.metadata.name === gitops.project)!;

describe('Argo CD objects', () => {
  it.each(names)('%s has exactly one Application, pointing at its overlay', (name) => {
    const mine = applications.filter((a) => a.spec.source.path === overlayPath(name));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.metadata.name).toBe(applicationName(name));
    expect(mine[0]!.spec.destination.namespace).toBe(`apim-${name}`);
  });

  it.each(names)('%s: the AppProject allows its destination and its source repository', (name) => {
    const app = applications.find((a) => a.metadata.name === applicationName(name))!;
    expect(project.spec.destinations).toContainEqual({ server: app.spec.destination.server, namespace: app.spec.destination.namespace });
    expect(project.spec.sourceRepos).toEqual([app.spec.source.repoURL]);
  });

  it('sends an environment to the cluster named for it and the others to the in-cluster server', () => {
    const server = (name: string) => applications.find((a) => a.metadata.name === applicationName(name))!.spec.destination.server;
    expect(server('prod')).toBe('https://prod.example.org:6443');
    expect(server('dev')).toBe('https://kubernetes.default.svc');
  });

  it.each(names)('%s: every workload an HPA scales has its replicas ignored, during diff and sync', (name) => {
    const app = applications.find((a) => a.metadata.name === applicationName(name))!;
    const hpas = environments.find((e) => e.name === name)!.objects.filter((o: any) => o.kind === 'HorizontalPodAutoscaler') as Doc[];
    expect(hpas.length).toBeGreaterThan(0);
    for (const hpa of hpas)
      expect(app.spec.ignoreDifferences).toContainEqual({ group: 'apps', kind: 'Deployment', name: hpa.spec.scaleTargetRef.name, jsonPointers: ['/spec/replicas'] });
    expect(app.spec.ignoreDifferences).toHaveLength(hpas.length);
    expect(app.spec.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
  });

  it('ignores replicas of exactly the autoscaled components in an environment running both stacks', () => {
    const dev = applications.find((a) => a.metadata.name === applicationName('dev'))!;
    expect(dev.spec.ignoreDifferences.map((d: Doc) => d.name).sort()).toEqual([...autoscaled].sort());
  });

  it.each(names)('%s syncs automatically: prune, self-heal, retry with backoff, namespace created', (name) => {
    const app = applications.find((a) => a.metadata.name === applicationName(name))!;
    expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(app.spec.syncPolicy.retry).toEqual({ limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } });
    expect(app.spec.syncPolicy.syncOptions).toContain('CreateNamespace=true');
  });

  it('whitelists every namespaced kind rendered, and no cluster-scoped kind but Namespace', () => {
    const kinds = new Set(environments.flatMap((e) => e.objects.map((o: any) => `${o.apiVersion.includes('/') ? o.apiVersion.split('/')[0] : ''}|${o.kind}`)));
    const allowed = new Set(project.spec.namespaceResourceWhitelist.map((k: Doc) => `${k.group}|${k.kind}`));
    expect(allowed).toEqual(kinds);
    expect(project.spec.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }]);
  });

  it('has a root Application that syncs the manifests folder from the same repository', () => {
    const root = YAML.parseAllDocuments(files.get(rootManifest)!).map((d) => d.toJSON()) as Doc[];
    const app = root.find((d) => d.kind === 'Application')!;
    const bootstrap = root.find((d) => d.kind === 'AppProject')!;
    expect(app.spec.source).toEqual({ repoURL: gitops.repoURL, targetRevision: 'main', path: argocdManifestsDir });
    expect(app.spec.project).toBe(bootstrap.metadata.name);
    expect(bootstrap.spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'argocd' }]);
    expect(bootstrap.spec.clusterResourceWhitelist).toEqual([]);
  });

  it('lists every file in the kustomization and marks every file as generated', () => {
    const kustomization = YAML.parse(files.get(`${argocdManifestsDir}/kustomization.yaml`)!);
    const others = [...files.keys()].filter((p) => !p.endsWith('/kustomization.yaml')).map((p) => p.slice(argocdManifestsDir.length + 1));
    expect(kustomization.resources).toEqual(others.sort());
    for (const [path, text] of files) expect(text.startsWith(generatedMark), path).toBe(true);
  });

  it('renders the same bytes whatever order the environments come in', () => {
    expect(renderArgoCdTree(gitops, [...environments].reverse())).toEqual(files);
  });

  it('leaves out ignoreDifferences for an environment without HPAs', () => {
    const env = environmentWith([component('axway-anm', 'axway')], 'dev');
    const tree = renderArgoCdTree(gitops, [{ name: 'dev', namespace: env.namespace, objects: componentObjects(env.components).map(toPlain) }]);
    const app = YAML.parse(tree.get(`${argocdManifestsDir}/application-apim-dev.yaml`)!);
    expect(app.spec.ignoreDifferences).toBeUndefined();
  });
});
