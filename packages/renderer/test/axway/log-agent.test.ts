import type { AxwayLogRole, EnvironmentSpec, LogDestinationSpec, ResolvedEnvironment } from '@apim-gitops/models';
import {
  axwayFileLogs,
  axwayLogEnv,
  axwayLogMountPath,
  axwayPaths,
  baseEnvironmentSpec,
  isSecretLookingKey,
  logAgentFacts,
  resolveEnvironment,
} from '@apim-gitops/models';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import dev from '../../../../environments/dev/environment';
import prod from '../../../../environments/prod/environment';
import { NetworkPolicyEvaluator } from '../../src/flows/network-policy-evaluator';
import type { Manifest } from '../../src/integrity/integrity-rule';
import { renderEnvironment, toPlain } from '../../src/index';

// The log agent held to models' axway/log-facts.ts: every file log the products write is tailed and mounted on
// both sides, the agent comes from the environment's registry and holds no credential in its config, and the
// pods may reach the destination and nothing more.

type Plain = Record<string, any>;

const roles: Record<string, AxwayLogRole> = { 'axway-anm': 'anm', 'axway-api-manager': 'gateway', 'axway-traffic': 'gateway' };

function render(spec: EnvironmentSpec): { env: ResolvedEnvironment; objects: Plain[] } {
  const env = resolveEnvironment(spec, spec.name);
  return { env, objects: renderEnvironment(env).map((o) => toPlain(o) as Plain) };
}

const find = (objects: Plain[], kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;
const agentOf = (d: Plain) => (d.spec.template.spec.initContainers ?? []).find((c: Plain) => c.name === 'log-agent');

/** The base environment shipping to `destination`, optionally with text logs. */
function shipping(destination: LogDestinationSpec, format: 'json' | 'text' = 'json'): EnvironmentSpec {
  return { ...baseEnvironmentSpec, name: 'test', logging: { format, shipping: { destination } } };
}

const loki: LogDestinationSpec = {
  kind: 'loki',
  host: 'loki.logs.example.org',
  port: 443,
  cidrs: ['10.60.0.0/24'],
  auth: { basic: { secretRef: 'log-shipping' } },
};

/** The file logs the facts say a container of `role` writes, under the environment's settings. */
function expectedLogs(env: ResolvedEnvironment, role: AxwayLogRole) {
  return axwayFileLogs.filter(
    (l) =>
      l.roles.includes(role) &&
      (l.written === 'always' ||
        (l.written === 'trace-files' && env.logging.format === 'text') ||
        (l.written === 'open-traffic-file' && env.axway!.openTraffic === 'file')),
  );
}

const cases: [string, EnvironmentSpec][] = [
  ['prod', prod],
  ['json logs to OTLP', shipping({ kind: 'otlp', host: 'otel.example.org', cidrs: ['10.61.0.0/24'], auth: { bearerToken: { secretRef: 'otel-token' } } })],
  [
    'text logs to Elasticsearch',
    shipping({ kind: 'elasticsearch', host: 'es.example.org', cidrs: ['10.62.0.0/24'], tls: { ca: { secretRef: 'es-ca' } } }, 'text'),
  ],
  [
    'json logs to S3',
    shipping({
      kind: 's3',
      host: 's3.eu-central-1.amazonaws.com',
      anyAddressOutsideCluster: true,
      bucket: 'apim-logs',
      region: 'eu-central-1',
      credentials: { secretRef: 's3-logs' },
    }),
  ],
];

describe.each(cases)('%s: the log agent', (_name, spec) => {
  const { env, objects } = render(
    // anyAddressOutsideCluster needs the cluster CIDRs.
    spec.network?.clusterCidrs ? spec : { ...spec, network: { ...spec.network, clusterCidrs: ['10.0.0.0/14'] } },
  );
  const shippingOf = env.logging.shipping!;

  describe.each(Object.entries(roles))('%s', (id, role) => {
    const deployment = find(objects, 'Deployment', id);
    const pod = deployment.spec.template.spec;
    const main = pod.containers[0];
    const agent = agentOf(deployment);
    const config = parse(find(objects, 'ConfigMap', `${id}-log-agent`).data[logAgentFacts.configFile]);
    const tailed: string[] = config.pipeline.inputs.flatMap((i: Plain) => String(i.path).split(','));

    it('tails every file log the facts list, from a volume mounted in the product container and, read-only, in the agent', () => {
      const logs = expectedLogs(env, role);
      expect(logs.length).toBeGreaterThan(0);
      for (const log of logs) {
        const dir = axwayLogMountPath(role, log.volume);
        expect(tailed, log.stream).toContain(`${dir}/${log.pattern}`);
        const inMain = main.volumeMounts.find((m: Plain) => m.mountPath === dir);
        const inAgent = agent.volumeMounts.find((m: Plain) => m.mountPath === dir);
        expect(inMain?.name, `${log.stream}: ${dir} in the product`).toBeDefined();
        expect(inAgent, `${log.stream}: ${dir} in the agent`).toMatchObject({ name: inMain.name, readOnly: true });
        expect(pod.volumes.find((v: Plain) => v.name === inMain.name).emptyDir, dir).toBeDefined();
      }
    });

    it('never mounts the events volume the ANM processes', () => {
      expect(agent.volumeMounts.map((m: Plain) => m.mountPath)).not.toContain(axwayPaths.events);
      for (const path of tailed) expect(path.startsWith(`${axwayPaths.events}/`), path).toBe(false);
    });

    it('runs as a native sidecar from the environment registry, non-root, read-only, bounded', () => {
      expect(agent.restartPolicy).toBe('Always');
      expect(agent.image).toBe(shippingOf.image);
      expect(agent.image.startsWith(`${env.images.registry}/`)).toBe(true);
      expect(agent.securityContext).toMatchObject({ runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: false });
      expect(agent.resources.limits).toEqual(shippingOf.resources.limits);
    });

    it('keeps its offsets and buffers on a volume of its own that outlives an agent restart', () => {
      const state = agent.volumeMounts.find((m: Plain) => m.mountPath === logAgentFacts.stateDir);
      expect(pod.volumes.find((v: Plain) => v.name === state.name).emptyDir).toBeDefined();
      expect(config.service['storage.path'].startsWith(`${logAgentFacts.stateDir}/`)).toBe(true);
      for (const input of config.pipeline.inputs) expect(String(input.db).startsWith(`${logAgentFacts.stateDir}/`), input.tag).toBe(true);
    });

    it('holds no credential in its ConfigMap: secret-looking keys name variables the agent gets from Secrets', () => {
      const output = config.pipeline.outputs[0];
      const fromSecrets = new Set(agent.env.filter((e: Plain) => e.valueFrom?.secretKeyRef).map((e: Plain) => e.name));
      const secretKeys = Object.keys(output).filter((k) => isSecretLookingKey(k) || ['http_user', 'http_passwd', 'bearer_token', 'header'].includes(k));
      for (const key of secretKeys) {
        const vars = [...String(output[key]).matchAll(/\$\{([A-Z0-9_]+)\}/g)].map((m) => m[1]);
        expect(vars.length, `${key} holds no variable`).toBeGreaterThan(0);
        for (const v of vars) expect(fromSecrets, `${key}: \${${v}}`).toContain(v);
      }
      for (const c of shippingOf.destination.auth?.credentials ?? []) expect(fromSecrets).toContain(c.env);
    });

    it('verifies the destination: TLS on, certificate and host name checked', () => {
      expect(config.pipeline.outputs[0]).toMatchObject({ tls: 'on', 'tls.verify': 'on', 'tls.verify_hostname': 'on' });
      if (shippingOf.destination.caSecret) expect(pod.volumes.some((v: Plain) => v.secret?.secretName === shippingOf.destination.caSecret)).toBe(true);
    });

    it('rolls the pods when its config changes', () => {
      expect(deployment.spec.template.metadata.annotations['checksum/log-agent']).toMatch(/^[0-9a-f]{16}$/);
    });
  });

  it('puts the trace on stdout as JSON, or in trace files, as logging.format says', () => {
    for (const id of Object.keys(roles)) {
      const vars = Object.fromEntries(find(objects, 'Deployment', id).spec.template.spec.containers[0].env.map((e: Plain) => [e.name, e.value]));
      expect(vars[axwayLogEnv.traceJsonToStdout], id).toBe(String(env.logging.format === 'json'));
      expect(vars[axwayLogEnv.traceToFile], id).toBe(String(env.logging.format === 'text'));
    }
  });

  it('may reach exactly the destination: its addresses on its port, nothing else through that rule', () => {
    const policies = objects
      .filter((o) => o.kind === 'NetworkPolicy')
      .map((p) => ({ ...p, metadata: { ...p.metadata, namespace: env.namespace } }) as Manifest & { metadata: { namespace: string } });
    const evaluator = new NetworkPolicyEvaluator(policies, (ns) => ({ 'kubernetes.io/metadata.name': ns }));
    const { port } = shippingOf.destination;
    const inside = shippingOf.connections[0]!.cidrs[0]?.replace(/0\/\d+$/, '7') ?? '203.0.113.7';
    for (const id of Object.keys(roles)) {
      const labels = find(objects, 'Deployment', id).spec.template.metadata.labels;
      const from = { kind: 'pod' as const, name: id, namespace: env.namespace, labels };
      const to = (ip: string) => ({ kind: 'address' as const, name: ip, ip });
      expect(evaluator.egressAllowed({ from, to: to(inside), port }), `${id} → ${inside}:${port}`).toBe(true);
      expect(evaluator.egressAllowed({ from, to: to(inside), port: port + 1 }), `${id} → ${inside}:${port + 1}`).toBe(false);
      if (shippingOf.connections[0]!.cidrs.length > 0)
        expect(evaluator.egressAllowed({ from, to: to('192.0.2.7'), port }), `${id} → 192.0.2.7:${port}`).toBe(false);
    }
  });
});

describe('without logging.shipping', () => {
  const { objects } = render(dev);

  it('renders no agent, and the pods keep their logs on stdout', () => {
    for (const id of Object.keys(roles)) expect(agentOf(find(objects, 'Deployment', id)), id).toBeUndefined();
    expect(objects.some((o) => o.kind === 'ConfigMap' && o.metadata.name.endsWith('-log-agent'))).toBe(false);
  });
});

describe('the destination decides the output', () => {
  it.each([
    ['otlp', { kind: 'otlp', host: 'otel.example.org', cidrs: ['10.61.0.0/24'] }, { name: 'opentelemetry', port: 4318, logs_uri: '/v1/logs' }],
    ['loki', loki, { name: 'loki', port: 443, label_keys: '$stream' }],
    ['elasticsearch', { kind: 'elasticsearch', host: 'es.example.org', cidrs: ['10.62.0.0/24'] }, { name: 'es', port: 9200, index: 'apim-logs' }],
    [
      's3',
      { kind: 's3', host: 's3.example.org', cidrs: ['10.63.0.0/24'], bucket: 'apim-logs', region: 'eu-central-1' },
      { name: 's3', bucket: 'apim-logs', endpoint: 'https://s3.example.org:443', store_dir: `${logAgentFacts.stateDir}/s3` },
    ],
  ] as [string, LogDestinationSpec, Plain][])('%s', (_kind, destination, expected) => {
    const { objects } = render(shipping(destination));
    const config = parse(find(objects, 'ConfigMap', 'axway-traffic-log-agent').data[logAgentFacts.configFile]);
    expect(config.pipeline.outputs).toHaveLength(1);
    expect(config.pipeline.outputs[0]).toMatchObject(expected);
  });
});
