import type { GitOpsSpec } from '@apim-gitops/models';
import { resolveGitOps, SpecError } from '@apim-gitops/models';
import { Role } from 'kubernetes-models/rbac.authorization.k8s.io/v1/Role';
import { ClusterRole } from 'kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderArgoCdTree } from '../../src/argocd/argocd-tree';
import {
  applicationName,
  argocdBootstrapDir,
  argocdManifestsDir,
  overlayPath,
  projectName,
  rootApplicationName,
  rootProjectName,
} from '../../src/argocd/names';
import { podSecurityLabels } from '../../src/argocd/namespace-metadata';
import { projectRefusal } from '../../src/argocd/project-permits';
import { apiGroup } from '../../src/argocd/resource-kinds';
import { generatedMark } from '../../src/layout';
import { renderSecrets } from '../../src/platform/secrets';
import { applySyncWaves } from '../../src/argocd/sync-waves';
import type { Json } from '../../src/kube-object';
import { toPlain } from '../../src/kube-object';
import { RenderError } from '../../src/render-error';
import { autoscaled, component, componentObjects, environmentWith, stackComponents } from './component-fixtures';

type Doc = Record<string, any>;

const names = ['dev', 'prod', 'qa'];
// qa runs only Axway: its project destinations and ignoreDifferences differ from the others'.
const environments = names.map((name) => {
  const components = name === 'qa' ? stackComponents.filter((c) => c.stack === 'axway') : stackComponents;
  const env = environmentWith(components, name);
  return { name, namespace: env.namespace, objects: applySyncWaves(env, [...renderSecrets(env), ...componentObjects(components)]).map(toPlain) };
});
const kindsOf = (objects: readonly Json[]) => (objects as Doc[]).map((o) => ({ group: apiGroup(o.apiVersion), kind: o.kind as string }));
const namespacedKinds = [...new Map(environments.flatMap((e) => kindsOf(e.objects)).map((k) => [`${k.group}|${k.kind}`, k])).values()];
const window = { kind: 'deny', schedule: '0 18 * * 5', duration: '62h', manualSync: true } as const;
const spec: GitOpsSpec = {
  repoURL: 'https://git.example.org/platform/apim-gitops.git',
  clusters: { prod: 'https://prod.example.org:6443' },
  namespacedKinds,
  environments: { prod: { targetRevision: 'release/prod', syncWindows: [window] } },
};
const gitopsWith = (changes: Partial<GitOpsSpec> = {}) => resolveGitOps({ ...spec, ...changes }, 'apps/argocd/gitops.ts', names);
const gitops = gitopsWith();
const files = renderArgoCdTree(gitops, environments);

const docsIn = (tree: ReadonlyMap<string, string>, dir: string): Doc[] =>
  [...tree.entries()]
    .filter(([p]) => p.startsWith(`${dir}/`) && !p.endsWith('kustomization.yaml'))
    .flatMap(([, text]) => YAML.parseAllDocuments(text).map((d) => d.toJSON()));
const bootstrap = docsIn(files, argocdBootstrapDir);
const manifests = docsIn(files, argocdManifestsDir);
const application = (name: string) => manifests.find((a) => a.metadata.name === applicationName(name))!;
const projectOf = (name: string, docs = bootstrap) => docs.find((d) => d.kind === 'AppProject' && d.metadata.name === projectName('apim', name))!;
const rootProject = bootstrap.find((d) => d.kind === 'AppProject' && d.metadata.name === rootProjectName('apim'))!;
const rootApp = bootstrap.find((d) => d.kind === 'Application')!;
const rootTarget = { repoURL: spec.repoURL, server: 'https://kubernetes.default.svc', namespace: 'argocd' };
const targetOf = (app: Doc) => ({ repoURL: app.spec.source.repoURL, server: app.spec.destination.server, namespace: app.spec.destination.namespace });

describe('Argo CD objects', () => {
  it.each(names)('%s has exactly one Application, pointing at its overlay, in its own project', (name) => {
    const mine = manifests.filter((a) => a.spec.source.path === overlayPath(name));
    expect(mine).toHaveLength(1);
    expect(mine[0]!.metadata.name).toBe(applicationName(name));
    expect(mine[0]!.spec.destination.namespace).toBe(`apim-${name}`);
    expect(mine[0]!.spec.project).toBe(`apim-${name}`);
  });

  it.each(names)('%s: its project allows exactly its own destination and this repository', (name) => {
    const app = application(name);
    const project = projectOf(name);
    expect(project.spec.destinations).toEqual([{ server: app.spec.destination.server, namespace: app.spec.destination.namespace }]);
    expect(project.spec.sourceRepos).toEqual([app.spec.source.repoURL]);
    expect(project.spec.sourceNamespaces).toBeUndefined();
  });

  it.each(names)("%s: its project allows every object it renders, and refuses the other environments' namespaces", (name) => {
    const app = application(name);
    for (const object of environments.find((e) => e.name === name)!.objects)
      expect(projectRefusal(projectOf(name) as never, targetOf(app), object)).toBeUndefined();
    const other = names.find((n) => n !== name)!;
    expect(projectRefusal(projectOf(name) as never, { ...targetOf(app), namespace: `apim-${other}` }, environments[0]!.objects[0]!)).toBe(
      `application destination {${app.spec.destination.server} apim-${other}} is not permitted in project 'apim-${name}'`,
    );
  });

  it('sends an environment to the cluster named for it and the others to the in-cluster server', () => {
    expect(application('prod').spec.destination.server).toBe('https://prod.example.org:6443');
    expect(application('dev').spec.destination.server).toBe('https://kubernetes.default.svc');
  });

  it.each(names)('%s: every workload an HPA scales has its replicas ignored, during diff and sync', (name) => {
    const app = application(name);
    const hpas = environments.find((e) => e.name === name)!.objects.filter((o: any) => o.kind === 'HorizontalPodAutoscaler') as Doc[];
    expect(hpas.length).toBeGreaterThan(0);
    for (const hpa of hpas)
      expect(app.spec.ignoreDifferences).toContainEqual({
        group: 'apps',
        kind: 'Deployment',
        name: hpa.spec.scaleTargetRef.name,
        jsonPointers: ['/spec/replicas'],
      });
    expect(app.spec.ignoreDifferences).toHaveLength(hpas.length);
    expect(app.spec.syncPolicy.syncOptions).toContain('RespectIgnoreDifferences=true');
  });

  it('ignores replicas of exactly the autoscaled components in an environment running both stacks', () => {
    expect(
      application('dev')
        .spec.ignoreDifferences.map((d: Doc) => d.name)
        .sort(),
    ).toEqual([...autoscaled].sort());
  });

  it.each(names)('%s syncs automatically: prune, self-heal, retry with backoff, namespace created with the Pod Security labels', (name) => {
    const app = application(name);
    expect(app.spec.syncPolicy.automated).toEqual({ prune: true, selfHeal: true });
    expect(app.spec.syncPolicy.retry).toEqual({ limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } });
    expect(app.spec.syncPolicy.syncOptions).toContain('CreateNamespace=true');
    expect(app.spec.syncPolicy.managedNamespaceMetadata).toEqual({ labels: podSecurityLabels() });
  });

  it('labels every namespace restricted for enforce, audit and warn, enforce pinned and the others at latest', () => {
    expect(podSecurityLabels()).toEqual({
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/audit-version': 'latest',
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/enforce-version': expect.stringMatching(/^v1\.\d+$/),
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/warn-version': 'latest',
    });
  });

  it("follows the environment's own revision where gitops.ts gives one, the repository's elsewhere", () => {
    expect(application('prod').spec.source.targetRevision).toBe('release/prod');
    expect(application('dev').spec.source.targetRevision).toBe('main');
  });

  it("puts production's sync windows into production's project only, for its Application", () => {
    expect(projectOf('prod').spec.syncWindows).toEqual([{ ...window, timeZone: 'UTC', applications: ['apim-prod'] }]);
    expect(projectOf('dev').spec.syncWindows).toBeUndefined();
  });

  it.each(names)('%s: its project whitelists exactly namespacedKinds and of cluster-scoped kinds only Namespace', (name) => {
    const project = projectOf(name);
    expect(project.spec.namespaceResourceWhitelist).toEqual(gitops.namespacedKinds);
    expect(project.spec.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace' }]);
  });

  it("narrows the Namespace entry to the environment's own namespace when namespaceWhitelistByName is on", () => {
    const narrowed = docsIn(renderArgoCdTree(gitopsWith({ namespaceWhitelistByName: true }), environments), argocdBootstrapDir);
    expect(projectOf('dev', narrowed).spec.clusterResourceWhitelist).toEqual([{ group: '', kind: 'Namespace', name: 'apim-dev' }]);
    const ns = (n: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: n } });
    expect(projectRefusal(projectOf('dev', narrowed) as never, targetOf(application('dev')), ns('apim-dev'))).toBeUndefined();
    expect(projectRefusal(projectOf('dev', narrowed) as never, targetOf(application('dev')), ns('kube-system'))).toBe(
      'resource :Namespace is not permitted in project apim-dev',
    );
  });

  it("syncs as the environment's ServiceAccount only when syncImpersonation is set", () => {
    expect(projectOf('dev').spec.destinationServiceAccounts).toBeUndefined();
    const impersonating = docsIn(renderArgoCdTree(gitopsWith({ syncImpersonation: { serviceAccount: 'apim-deployer' } }), environments), argocdBootstrapDir);
    expect(projectOf('prod', impersonating).spec.destinationServiceAccounts).toEqual([
      { server: 'https://prod.example.org:6443', namespace: 'apim-prod', defaultServiceAccount: 'apim-deployer' },
    ]);
  });

  it("keeps the projects and the root Application in the bootstrap, and only Applications in the root's source", () => {
    expect(new Set(manifests.map((d) => d.kind))).toEqual(new Set(['Application']));
    expect(manifests.map((d) => d.spec.project).sort()).toEqual(names.map((n) => `apim-${n}`));
    expect(manifests.some((d) => d.metadata.name === rootApplicationName)).toBe(false);
    expect(bootstrap.map((d) => `${d.kind}/${d.metadata.name}`).sort()).toEqual([
      'AppProject/apim-dev',
      'AppProject/apim-prod',
      'AppProject/apim-qa',
      'AppProject/apim-root',
      'Application/apim-root',
    ]);
  });

  it('has a root Application that syncs the Applications folder from the same repository, in a project that allows only Applications in argocd', () => {
    expect(rootApp.spec.source).toEqual({ repoURL: gitops.repoURL, targetRevision: 'main', path: argocdManifestsDir });
    expect(rootApp.spec.project).toBe(rootProject.metadata.name);
    expect(rootProject.spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'argocd' }]);
    expect(rootProject.spec.clusterResourceWhitelist).toEqual([]);
    expect(rootProject.spec.namespaceResourceWhitelist).toEqual([{ group: 'argoproj.io', kind: 'Application' }]);
    for (const app of manifests) expect(projectRefusal(rootProject as never, rootTarget, app)).toBeUndefined();
  });

  it('refuses the root Application a project change: an AppProject committed to its folder is not permitted', () => {
    const widened = { ...projectOf('dev'), spec: { ...projectOf('dev').spec, destinations: [{ server: '*', namespace: '*' }] } };
    expect(projectRefusal(rootProject as never, rootTarget, widened)).toBe('resource argoproj.io:AppProject is not permitted in project apim-root');
    const elsewhere = { ...application('dev'), metadata: { ...application('dev').metadata, namespace: 'kube-system' } };
    expect(projectRefusal(rootProject as never, rootTarget, elsewhere)).toBe(
      "application destination {https://kubernetes.default.svc kube-system} is not permitted in project 'apim-root'",
    );
    const clusterRole = toPlain(new ClusterRole({ metadata: { name: 'escalate' }, rules: [] }));
    expect(projectRefusal(rootProject as never, rootTarget, clusterRole)).toBe(
      'resource rbac.authorization.k8s.io:ClusterRole is not permitted in project apim-root',
    );
  });

  it('strips the default project of every permission when restrictDefaultProject is on', () => {
    expect(bootstrap.some((d) => d.metadata.name === 'default')).toBe(false);
    const locked = docsIn(renderArgoCdTree(gitopsWith({ restrictDefaultProject: true }), environments), argocdBootstrapDir).find(
      (d) => d.metadata.name === 'default',
    )!;
    expect(locked.spec).toMatchObject({
      sourceRepos: [],
      sourceNamespaces: [],
      destinations: [],
      clusterResourceWhitelist: [],
      namespaceResourceBlacklist: [{ group: '*', kind: '*' }],
    });
    expect(projectRefusal(locked as never, targetOf(application('dev')), environments[0]!.objects[0]!)).toBe(
      `application repo ${spec.repoURL} is not permitted in project 'default'`,
    );
  });

  it('refuses to render a kind outside the whitelist, naming the kind, the object and where to add it', () => {
    const role = toPlain(new Role({ metadata: { name: 'apim-reader' }, rules: [] }));
    const withRole = environments.map((e) => (e.name === 'dev' ? { ...e, objects: [...e.objects, role] } : e));
    expect(() => renderArgoCdTree(gitops, withRole)).toThrow(RenderError);
    expect(() => renderArgoCdTree(gitops, withRole)).toThrow(
      "dev: Role/apim-reader: kind: rbac.authorization.k8s.io/Role is not in the environments' projects' whitelist: add { group: 'rbac.authorization.k8s.io', kind: 'Role' } to namespacedKinds in apps/argocd/gitops.ts (the platform team approves it) rather than widening a project by hand",
    );
  });

  it('refuses to render a cluster-scoped kind, and a cluster-scoped kind in the whitelist', () => {
    const clusterRole = toPlain(new ClusterRole({ metadata: { name: 'apim-admin' }, rules: [] }));
    expect(() => renderArgoCdTree(gitops, [{ ...environments[0]!, objects: [...environments[0]!.objects, clusterRole] }])).toThrow(
      "dev: ClusterRole/apim-admin: kind: ClusterRole is cluster-scoped: the environments' projects allow no cluster-scoped kind",
    );
    const widened = gitopsWith({ namespacedKinds: [...namespacedKinds, { group: '', kind: 'Namespace' }] });
    expect(() => renderArgoCdTree(widened, environments)).toThrow(SpecError);
    expect(() => renderArgoCdTree(widened, environments)).toThrow(
      "apps/argocd/gitops.ts: namespacedKinds: { group: '', kind: 'Namespace' } is cluster-scoped; the environments' projects allow no cluster-scoped kind (the Namespace comes from CreateNamespace=true), so remove it",
    );
  });

  it("lists every file in its folder's kustomization and marks every file as generated", () => {
    for (const dir of [argocdBootstrapDir, argocdManifestsDir]) {
      const kustomization = YAML.parse(files.get(`${dir}/kustomization.yaml`)!);
      const others = [...files.keys()].filter((p) => p.startsWith(`${dir}/`) && !p.endsWith('/kustomization.yaml')).map((p) => p.slice(dir.length + 1));
      expect(kustomization.resources).toEqual(others.sort());
    }
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
