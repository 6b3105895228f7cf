import type { ResolvedComponent, ResolvedEnvironment } from '@apim-gitops/models';
import type { Manifest } from '../integrity/integrity-rule';
import { namespaceNameLabel } from '../platform/network-policies';
import type { Connection, Endpoint, NamedPort } from './network-policy-evaluator';
import { inCidr, NetworkPolicyEvaluator } from './network-policy-evaluator';

/** One row of the flow matrix. */
export interface FlowResult {
  /** `needed` flows must be allowed; `probe` flows must be denied. */
  readonly kind: 'needed' | 'probe';
  /** What the flow is for, e.g. `wiring`, `entry`, `dns`, `backend`, `other namespace`. */
  readonly why: string;
  readonly from: string;
  readonly to: string;
  readonly port: number;
  readonly protocol: string;
  readonly allowed: boolean;
  /** Whether the result is what it must be. */
  readonly ok: boolean;
}

/** A probe that cannot be made, and why (e.g. two stacks' databases share one subnet). */
export interface SkippedProbe {
  readonly why: string;
  readonly reason: string;
}

/** The proof for one environment. */
export interface FlowProof {
  readonly environment: string;
  readonly results: readonly FlowResult[];
  readonly skipped: readonly SkippedProbe[];
}

// Addresses for probes: RFC 5737 TEST-NET-3 stands for "somewhere on the Internet".
const internetAddress = '203.0.113.10';

/** A host address inside a CIDR: the network address plus one (IPv4), or `::1` past it (IPv6). */
function addressIn(cidr: string): string {
  const [base, prefix] = cidr.split('/') as [string, string];
  if (base.includes(':')) return base.endsWith('::') ? `${base}1` : base;
  const octets = base.split('.').map(Number);
  if (Number(prefix) < 32) octets[3] = (octets[3]! | 0) + 1;
  return octets.join('.');
}

type PodTemplateOwner = Manifest & {
  spec: {
    template: {
      metadata?: { labels?: Record<string, string> };
      spec: { containers: { ports?: { name?: string; containerPort: number; protocol?: string }[] }[] };
    };
  };
};

function workloads(objects: readonly Manifest[]): PodTemplateOwner[] {
  // A CronJob's pods come from its Job template; seen as that Job, they are checked like the others.
  const jobs = objects
    .filter((o) => o.kind === 'CronJob' && o.spec?.jobTemplate?.spec?.template)
    .map((o) => ({ ...o, spec: o.spec.jobTemplate.spec }) as Manifest);
  return [...objects, ...jobs].filter(
    (o) => ['Deployment', 'StatefulSet', 'Job', 'DaemonSet', 'CronJob'].includes(o.kind) && o.spec?.template,
  ) as PodTemplateOwner[];
}

function podOf(env: ResolvedEnvironment, w: PodTemplateOwner): Endpoint {
  const ports: NamedPort[] = w.spec.template.spec.containers.flatMap((c) =>
    (c.ports ?? []).map((p) => ({ ...(p.name ? { name: p.name } : {}), port: p.containerPort, protocol: p.protocol ?? 'TCP' })),
  );
  return { kind: 'pod', name: `${w.kind}/${w.metadata?.name}`, namespace: env.namespace, labels: w.spec.template.metadata?.labels ?? {}, ports };
}

/** The pod of a component: the workload whose template carries its instance label. */
function podOfComponent(env: ResolvedEnvironment, objects: readonly Manifest[], c: ResolvedComponent): Endpoint | undefined {
  const w = workloads(objects).find((o) => o.spec.template.metadata?.labels?.['app.kubernetes.io/instance'] === c.id);
  return w ? podOf(env, w) : undefined;
}

/** Where a destination's flow goes: an address inside its first block, or an Internet address for "anywhere". */
function externalAddress(cidrs: readonly string[]): string {
  return cidrs.length > 0 ? addressIn(cidrs[0]!) : internetAddress;
}

/**
 * The flows an environment needs (derived from the wiring and the egress model) and the probes that
 * must be denied, evaluated against its NetworkPolicies. `objects` are what Argo CD applies (the
 * kustomize-built overlay), so the proof holds for the committed output, patches included.
 */
export function proveFlows(env: ResolvedEnvironment, objects: readonly Manifest[]): FlowProof {
  const policies = objects
    .filter((o) => o.kind === 'NetworkPolicy')
    .map((p) => ({ ...p, metadata: { ...p.metadata, namespace: p.metadata?.namespace ?? env.namespace } })) as (Manifest & {
    metadata: { namespace: string };
  })[];
  const evaluator = new NetworkPolicyEvaluator(policies, (ns) => ({ [namespaceNameLabel]: ns }));
  const results: FlowResult[] = [];
  const skipped: SkippedProbe[] = [];
  const check = (kind: FlowResult['kind'], why: string, c: Connection) => {
    const allowed = evaluator.allowed(c);
    results.push({
      kind,
      why,
      from: c.from.name,
      to: c.to.name,
      port: c.port,
      protocol: c.protocol ?? 'TCP',
      allowed,
      ok: kind === 'needed' ? allowed : !allowed,
    });
  };

  // The entry's pods: the ingress-nginx controller and/or the Gateway's proxies, whichever is rendered.
  const entries: { pod: Endpoint; namespace: string }[] = [];
  const nginx = env.entry.ingressNginx;
  if (nginx)
    entries.push({
      namespace: nginx.controllerNamespace,
      pod: { kind: 'pod', name: `ingress controller (${nginx.controllerNamespace})`, namespace: nginx.controllerNamespace, labels: nginx.controllerPodLabels },
    });
  const dataPlane = env.entry.gatewayApi?.dataPlane;
  if (dataPlane)
    entries.push({
      namespace: dataPlane.namespace,
      pod: { kind: 'pod', name: `gateway proxy (${dataPlane.namespace})`, namespace: dataPlane.namespace, labels: dataPlane.podLabels },
    });
  const scraper: Endpoint = {
    kind: 'pod',
    name: `monitoring (${env.monitoring.namespace})`,
    namespace: env.monitoring.namespace,
    labels: env.monitoring.podLabels,
  };
  const dns: Endpoint = {
    kind: 'pod',
    name: `cluster DNS (${env.network.dns.namespace})`,
    namespace: env.network.dns.namespace,
    labels: env.network.dns.podLabels,
  };
  const pods = new Map<string, Endpoint>();
  for (const c of env.components) {
    const pod = podOfComponent(env, objects, c);
    if (pod) pods.set(c.id, pod);
  }

  // Needed: the wiring, the entry, the monitoring scrapes, DNS, and every external destination.
  for (const c of env.components) {
    const from = pods.get(c.id);
    if (!from) continue;
    for (const edge of c.connects) {
      const to = pods.get(edge.to);
      if (to) check('needed', edge.to === c.id ? 'wiring (itself)' : 'wiring', { from, to, port: edge.port });
    }
    for (const port of c.ingressPorts) for (const entry of entries) check('needed', 'entry', { from: entry.pod, to: from, port });
    for (const port of c.metricsPorts) check('needed', 'metrics', { from: scraper, to: from, port });
    for (const protocol of ['UDP', 'TCP']) check('needed', 'dns', { from, to: dns, port: 53, protocol });
    for (const e of c.external) {
      const ip = externalAddress(e.cidrs);
      check('needed', e.what, { from, to: { kind: 'address', name: `${e.what} (${ip})`, ip }, port: e.port });
    }
  }

  // Probes: each must be denied.
  const stranger: Endpoint = { kind: 'pod', name: 'a pod in another namespace', namespace: 'other-team', labels: { app: 'other' } };
  const nonDns: Endpoint = {
    kind: 'pod',
    name: `a non-DNS pod in ${env.network.dns.namespace}`,
    namespace: env.network.dns.namespace,
    labels: { 'k8s-app': 'metrics-server' },
  };
  const neighbours: Endpoint[] = entries.map((e) => ({
    kind: 'pod',
    name: `another pod in ${e.namespace}`,
    namespace: e.namespace,
    labels: { app: 'not-the-entry' },
  }));
  const monitoringNeighbour: Endpoint = {
    kind: 'pod',
    name: `another pod in ${env.monitoring.namespace}`,
    namespace: env.monitoring.namespace,
    labels: { app: 'not-a-scraper' },
  };
  const internet: Endpoint = { kind: 'address', name: `the Internet (${internetAddress})`, ip: internetAddress };
  const stores = (stack: string) => env.components.filter((c) => c.stack === stack).flatMap((c) => c.external.filter((e) => e.host !== undefined));
  for (const c of env.components) {
    const pod = pods.get(c.id);
    if (pod?.kind !== 'pod') continue;
    for (const p of pod.ports ?? []) check('probe', 'other namespace', { from: stranger, to: pod, port: p.port, protocol: p.protocol });
    for (const port of c.ingressPorts)
      for (const neighbour of neighbours) check('probe', "entry's namespace, not its pods", { from: neighbour, to: pod, port });
    for (const p of pod.ports ?? [])
      check('probe', 'monitoring namespace, not a scraper', { from: monitoringNeighbour, to: pod, port: p.port, protocol: p.protocol });
    check('probe', 'DNS port of a non-DNS pod', { from: pod, to: nonDns, port: 53, protocol: 'UDP' });
    // The Internet on every port the component uses outside, unless it says "any address" for that port.
    for (const e of c.external.filter((x) => x.cidrs.length > 0)) {
      const anywhere = c.external.some((x) => x.port === e.port && x.cidrs.length === 0);
      if (!anywhere) check('probe', `Internet on ${e.what}'s port`, { from: pod, to: internet, port: e.port });
    }
    // The other stack's data stores, where their addresses tell them apart from this stack's own.
    const own = c.external.filter((e) => e.host !== undefined);
    for (const other of stores(c.stack === 'wso2' ? 'axway' : 'wso2')) {
      if (other.cidrs.length === 0) {
        skipped.push({ why: `${c.id} to ${other.what}`, reason: `${other.what} has no address block (a non-production environment without cidrs)` });
        continue;
      }
      const ip = addressIn(other.cidrs[0]!);
      if (own.some((e) => e.port === other.port && (e.cidrs.length === 0 || e.cidrs.some((cidr) => inCidr(ip, cidr))))) {
        skipped.push({ why: `${c.id} to ${other.what}`, reason: `${other.what} shares an address block and port with ${c.id}'s own data stores` });
        continue;
      }
      check('probe', "the other stack's data store", { from: pod, to: { kind: 'address', name: `${other.what} (${ip})`, ip }, port: other.port });
    }
  }
  const unique = new Map(results.map((r) => [`${r.kind}|${r.why}|${r.from}|${r.to}|${r.port}|${r.protocol}`, r]));
  const uniqueSkipped = new Map(skipped.map((s) => [`${s.why}|${s.reason}`, s]));
  return { environment: env.name, results: [...unique.values()], skipped: [...uniqueSkipped.values()] };
}

/** The proof as Markdown, for the pull request: failures first, then each flow. */
export function flowMatrixMarkdown(proofs: readonly FlowProof[]): string {
  const lines: string[] = ['## Network flows', ''];
  for (const proof of proofs) {
    const needed = proof.results.filter((r) => r.kind === 'needed');
    const probes = proof.results.filter((r) => r.kind === 'probe');
    const blocked = needed.filter((r) => !r.ok).length;
    const open = probes.filter((r) => !r.ok).length;
    lines.push(
      `### ${proof.environment}: ${needed.length - blocked}/${needed.length} needed flows allowed, ${probes.length - open}/${probes.length} probes denied`,
      '',
    );
    lines.push('| | kind | why | from | to | port |', '|---|---|---|---|---|---|');
    const sorted = [...proof.results].sort((a, b) => Number(a.ok) - Number(b.ok));
    for (const r of sorted) lines.push(`| ${r.ok ? '✅' : '❌'} | ${r.kind} | ${r.why} | ${r.from} | ${r.to} | ${r.port}/${r.protocol} |`);
    for (const s of proof.skipped) lines.push(`| ⚪ | probe | ${s.why} | | not provable: ${s.reason} | |`);
    lines.push('');
  }
  return lines.join('\n');
}
