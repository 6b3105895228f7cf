import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import YAML from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveEnvironment } from '@apim-gitops/models';
import type { Json } from '@apim-gitops/renderer';
import { argocdBootstrapDir, argocdManifestsDir, deployRoot, renderPlain } from '@apim-gitops/renderer';
import { environmentFile } from '../src/environment-files';
import { kustomizeBuild } from '../src/kubectl';
import { renderRepository } from '../src/render-repository';
import { environments, loadResolved } from './support/environments';
import { repositoryRoot } from './temp-repository';

/**
 * Every apiVersion the repository may emit, each one served by the current release of whatever serves it.
 * An apiVersion that is not here (a new kind, an operator upgrade) fails the tests below until someone has
 * checked what the cluster serves and added it with its source. `cluster: false` marks file formats that
 * only kustomize reads; they must never reach the cluster.
 */
const servedApiVersions: readonly { readonly apiVersion: string; readonly cluster: boolean }[] = [
  // Kubernetes core group: ConfigMap, Service, ServiceAccount, PersistentVolumeClaim. Never deprecated
  // (kubernetes.io/docs/reference/using-api/deprecation-guide/).
  { apiVersion: 'v1', cluster: true },
  // Deployment: apps/v1 since Kubernetes 1.9; extensions/v1beta1 and apps/v1beta1/v1beta2 were removed in 1.16
  // (Kubernetes deprecation guide, "v1.16").
  { apiVersion: 'apps/v1', cluster: true },
  // Job and CronJob: batch/v1 (Job GA since 1.2, CronJob since 1.21 and its spec.timeZone since 1.27; the
  // batch/v1beta1 CronJob API was removed in 1.25, Kubernetes deprecation guide).
  { apiVersion: 'batch/v1', cluster: true },
  // HorizontalPodAutoscaler: autoscaling/v2 GA in 1.23; autoscaling/v2beta2 removed in 1.26 (Kubernetes deprecation guide).
  { apiVersion: 'autoscaling/v2', cluster: true },
  // PodDisruptionBudget: policy/v1 GA in 1.21; policy/v1beta1 removed in 1.25 (Kubernetes deprecation guide).
  { apiVersion: 'policy/v1', cluster: true },
  // Ingress and NetworkPolicy: networking.k8s.io/v1 (Ingress GA in 1.19; networking.k8s.io/v1beta1 Ingress removed
  // in 1.22, Kubernetes deprecation guide).
  { apiVersion: 'networking.k8s.io/v1', cluster: true },
  // ExternalSecret: External Secrets Operator v0.16 serves external-secrets.io/v1; the v0.17.0 release notes
  // (May 2025): "v0.17.0 Stops serving v1beta1 apis" (github.com/external-secrets/external-secrets/releases/tag/v0.17.0).
  { apiVersion: 'external-secrets.io/v1', cluster: true },
  // SealedSecret: bitnami.com/v1alpha1 is the only version in the Sealed Secrets CRD (bitnami-labs/sealed-secrets,
  // helm/sealed-secrets/crds/bitnami.com_sealedsecrets.yaml), as in @kubernetes-models/sealed-secrets 6.0.0.
  { apiVersion: 'bitnami.com/v1alpha1', cluster: true },
  // Application and AppProject: argoproj.io/v1alpha1 is the only version the Argo CD 3.x CRDs serve
  // (argoproj/argo-cd, manifests/crds/application-crd.yaml and appproject-crd.yaml), as in @kubernetes-models/argo-cd 4.0.0.
  { apiVersion: 'argoproj.io/v1alpha1', cluster: true },
  // Gateway, HTTPRoute and BackendTLSPolicy: gateway.networking.k8s.io/v1. Gateway and HTTPRoute are v1 in the
  // standard channel since Gateway API v1.0.0 (kubernetes-sigs/gateway-api release notes, Oct 2023);
  // BackendTLSPolicy since v1.4.0 (kubernetes.io blog "Gateway API 1.4", Nov 2025: "graduations to Standard
  // channel: BackendTLSPolicy"), whose v1.4.1 allows a single targetRef. Envoy Gateway v1.6 and v1.7 are built
  // on Gateway API v1.4.0/v1.4.1 (gateway.envoyproxy.io, Compatibility Matrix), as @kubernetes-models/gateway-api
  // 2.0.0 models it. Route-inline sessionPersistence is in the experimental channel's HTTPRoute schema, which
  // Envoy Gateway's CRD chart installs by default (gateway-crds-helm: crds.gatewayAPI.channel "experimental").
  { apiVersion: 'gateway.networking.k8s.io/v1', cluster: true },
  // ClientTrafficPolicy and SecurityPolicy: gateway.envoyproxy.io/v1alpha1, the only version Envoy Gateway's
  // CRDs serve up to its current releases (gateway.envoyproxy.io/docs/api/extension_types/; envoyproxy/gateway
  // api/v1alpha1), as in @kubernetes-models/envoy-gateway 2.0.0.
  { apiVersion: 'gateway.envoyproxy.io/v1alpha1', cluster: true },
  // PodMonitor and PrometheusRule: monitoring.coreos.com/v1, the served and stored version of both CRDs of the
  // Prometheus Operator (prometheus-operator/prometheus-operator commit 6adcebc5, after v0.93.0, example/prometheus-operator-crd/
  // monitoring.coreos.com_podmonitors.yaml and _prometheusrules.yaml), as in @kubernetes-models/prometheus-operator 6.0.0.
  { apiVersion: 'monitoring.coreos.com/v1', cluster: true },
  // DNSEndpoint: externaldns.k8s.io/v1alpha1, the only version of external-dns's DNSEndpoint CRD up to v0.22.0
  // (kubernetes-sigs/external-dns, config/crd/standard/dnsendpoints.externaldns.k8s.io.yaml) and the default of its
  // --crd-source-apiversion flag (pkg/apis/externaldns/types.go).
  { apiVersion: 'externaldns.k8s.io/v1alpha1', cluster: true },
  // kustomization.yaml: kustomize v5 reads kustomize.config.k8s.io/v1beta1 Kustomization files (kubectl 1.34 ships
  // kustomize v5.7.1; kubectl.docs.kubernetes.io/references/kustomize/kustomization/). Not a cluster object.
  { apiVersion: 'kustomize.config.k8s.io/v1beta1', cluster: false },
];

const clusterVersions = new Set(servedApiVersions.filter((v) => v.cluster).map((v) => v.apiVersion));
const allVersions = new Set(servedApiVersions.map((v) => v.apiVersion));

type Found = { where: string; apiVersion: string };

/** Every apiVersion in a parsed YAML value, with where it is: top-level objects, nested ones (an Application's
 * manifests, a kustomization patch target as group + version, an HPA's scaleTargetRef). */
function apiVersionsIn(value: unknown, where: string, found: Found[] = []): Found[] {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      apiVersionsIn(v, `${where}[${i}]`, found);
    });
  } else if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.apiVersion === 'string') found.push({ where, apiVersion: o.apiVersion });
    // kustomize patch targets name group and version apart.
    if (typeof o.version === 'string' && typeof o.kind === 'string' && ('group' in o || 'name' in o))
      found.push({ where: `${where} (target)`, apiVersion: typeof o.group === 'string' && o.group ? `${o.group}/${o.version}` : o.version });
    for (const [key, v] of Object.entries(o)) apiVersionsIn(v, `${where}.${key}`, found);
  }
  return found;
}

function yamlDocuments(text: string): unknown[] {
  return YAML.parseAllDocuments(text).map((d) => d.toJSON());
}

function committedFiles(dir: string): string[] {
  const full = join(repositoryRoot, dir);
  return readdirSync(full).flatMap((entry) => {
    const path = join(full, entry);
    const rel = relative(repositoryRoot, path);
    if (statSync(path).isDirectory()) return committedFiles(rel);
    return /\.ya?ml$/.test(entry) ? [rel] : [];
  });
}

const notServed = (found: readonly Found[], allowed: ReadonlySet<string>) =>
  found.filter((f) => !allowed.has(f.apiVersion)).map((f) => `${f.where}: ${f.apiVersion}`);

describe('every rendered apiVersion is one the current operators and Kubernetes serve', () => {
  let render: Awaited<ReturnType<typeof renderRepository>>;

  beforeAll(async () => {
    render = await renderRepository(repositoryRoot);
  });

  it('the allow-list names each apiVersion once and has no retired version', () => {
    expect(allVersions.size).toBe(servedApiVersions.length);
    expect([...allVersions].filter((v) => /^external-secrets\.io\/v1(alpha|beta)1$/.test(v))).toEqual([]);
  });

  it.each(environments)('%s: every rendered object (the renderer, before kustomize)', (name) => {
    const objects = render.environments.get(name)!.objects;
    expect(objects.length).toBeGreaterThan(0);
    expect(
      notServed(
        objects.flatMap((o, i) => apiVersionsIn(o, `${name} object ${i}`)),
        clusterVersions,
      ),
    ).toEqual([]);
  });

  it.each(environments)('%s: every object kustomize builds from the committed overlay (what Argo CD applies)', (name) => {
    const built = kustomizeBuild(repositoryRoot, `${deployRoot}/overlays/${name}`);
    expect(built.length).toBeGreaterThan(0);
    expect(
      notServed(
        built.flatMap((o, i) => apiVersionsIn(o, `${name} built ${i}`)),
        clusterVersions,
      ),
    ).toEqual([]);
  });

  it('every object kustomize builds from the committed Argo CD manifests', () => {
    // The environments' Applications sync from manifests/; the projects and the root app are the bootstrap's.
    const built = [...kustomizeBuild(repositoryRoot, argocdManifestsDir), ...kustomizeBuild(repositoryRoot, argocdBootstrapDir)];
    expect(built.map((o) => (o as { kind: string }).kind)).toEqual(expect.arrayContaining(['AppProject', 'Application']));
    expect(
      notServed(
        built.flatMap((o, i) => apiVersionsIn(o, `argocd built ${i}`)),
        clusterVersions,
      ),
    ).toEqual([]);
  });

  it('every document of every rendered file, in memory and committed (bases, overlays, patches, Argo CD)', () => {
    const found: Found[] = [];
    for (const [path, text] of render.files)
      if (/\.ya?ml$/.test(path))
        yamlDocuments(text).forEach((d, i) => {
          apiVersionsIn(d, `${path}#${i}`, found);
        });
    const committed = [...committedFiles(deployRoot), ...committedFiles(argocdManifestsDir), ...committedFiles(argocdBootstrapDir)];
    expect(committed.length).toBeGreaterThan(0);
    for (const path of committed)
      yamlDocuments(readFileSync(join(repositoryRoot, path), 'utf8')).forEach((d, i) => {
        apiVersionsIn(d, `${path}#${i}`, found);
      });
    expect(found.some((f) => f.apiVersion === 'external-secrets.io/v1')).toBe(true);
    expect(notServed(found, allVersions)).toEqual([]);
    // Only kustomization files may carry kustomize's own apiVersion.
    expect(found.filter((f) => !clusterVersions.has(f.apiVersion) && !/kustomization\.yaml#0$/.test(f.where)).map((f) => f.where)).toEqual([]);
  });

  it('a Sealed Secrets environment renders SealedSecrets at a served version too', async () => {
    // No environment of the repository uses Sealed Secrets; dev with ciphertext for each of its Secrets does.
    const dev = await loadResolved('dev');
    const spec = ((await import(join(repositoryRoot, environmentFile('dev')))) as { default: Record<string, unknown> }).default;
    // Shaped as `kubeseal --raw` output: a 2-byte length, a 256-byte wrapped key, then AES-GCM data.
    let x = 7;
    const ciphertext = btoa(
      String.fromCharCode(
        1,
        0,
        ...Array.from({ length: 320 }, () => {
          x = (x * 1103515245 + 12345) % 2 ** 31;
          return x & 0xff;
        }),
      ),
    );
    const encryptedData = Object.fromEntries(dev.secrets.map((s) => [s.name, Object.fromEntries(s.keys.map((k) => [k, ciphertext]))]));
    const sealed = resolveEnvironment({ ...spec, secrets: { provider: 'sealed-secrets', encryptedData } }, environmentFile('dev'));
    const objects = renderPlain(sealed) as Json[];
    const found = objects.flatMap((o, i) => apiVersionsIn(o, `sealed dev object ${i}`));
    expect(found.filter((f) => f.apiVersion === 'bitnami.com/v1alpha1').length).toBe(dev.secrets.length);
    expect(notServed(found, clusterVersions)).toEqual([]);
  });

  it('catches a retired version', () => {
    const retired = { apiVersion: 'external-secrets.io/v1beta1', kind: 'ExternalSecret', metadata: { name: 'x' } };
    expect(notServed(apiVersionsIn([retired], 'example'), clusterVersions)).toEqual(['example[0]: external-secrets.io/v1beta1']);
    const target = { patches: [{ path: 'p.yaml', target: { group: 'policy', version: 'v1beta1', kind: 'PodDisruptionBudget', name: 'x' } }] };
    expect(notServed(apiVersionsIn(target, 'k'), clusterVersions)).toEqual(['k.patches[0].target (target): policy/v1beta1']);
  });
});
