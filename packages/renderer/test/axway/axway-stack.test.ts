import { describe, expect, it } from 'vitest';
import type { EnvironmentSpec } from '@apim-gitops/models';
import { axwayBaseSpec, resolveEnvironment } from '@apim-gitops/models';
import { renderEnvironment, toPlain } from '@apim-gitops/renderer';
import dev from '../../../../environments/dev/environment';
import prod from '../../../../environments/prod/environment';
import { jmxExporterInitContainer } from '../../src/monitoring/jmx-exporter';

type Plain = Record<string, any>;

function spec(axway: Record<string, unknown> = {}, production = false): EnvironmentSpec {
  return {
    name: 'test',
    domain: 'test.example.org',
    production,
    images: { registry: 'registry.example.org/apim', pullSecret: { secretRef: 'registry-pull' } },
    secrets: { provider: 'external-secrets', store: { kind: 'ClusterSecretStore', name: 'store' } },
    entry: { kind: 'ingress-nginx', tls: { secretRef: 'apim-tls' } },
    // A traffic override keeps the base's back ends, which every environment must name.
    axway: { ...axwayBaseSpec, ...axway, traffic: { backends: axwayBaseSpec.traffic!.backends, ...(axway.traffic as object) } } as EnvironmentSpec['axway'] &
      object,
  };
}

function render(s: EnvironmentSpec): Plain[] {
  return renderEnvironment(resolveEnvironment(s, 'test')).map((o) => toPlain(o) as Plain);
}

const environments: [string, Plain[]][] = [
  ['base-like', render(spec())],
  ['dev', render(dev)],
  ['prod', render(prod)],
  ['autoscaled to 20', render(spec({ traffic: { replicas: 4, autoscaling: { minReplicas: 4, maxReplicas: 20 } } }))],
];

const find = (objs: Plain[], kind: string, name: string) => objs.find((o) => o.kind === kind && o.metadata.name === name);
const mainContainer = (d: Plain) => d.spec.template.spec.containers[0];
const envOf = (d: Plain) => Object.fromEntries(mainContainer(d).env.map((e: Plain) => [e.name, e.value ?? e.valueFrom]));
const mounts = (d: Plain) => Object.fromEntries(mainContainer(d).volumeMounts.map((m: Plain) => [m.mountPath, m.name]));
const deployments = ['axway-anm', 'axway-api-manager', 'axway-traffic'];

describe('per-component facts (base-like environment)', () => {
  const objs = render(spec());
  it.each([
    ['axway-anm', 'admin-nodemanager', [8090], '1', '2Gi', '1024', 'Recreate'],
    ['axway-api-manager', 'gateway', [8075, 8065, 8080, 8085], '2', '2Gi', '1024', 'RollingUpdate'],
    ['axway-traffic', 'gateway', [8065, 8080, 8085], '2', '2Gi', '1512', 'RollingUpdate'],
  ])('%s runs %s on ports %j with %s CPU / %s and heap %s, strategy %s', (name, repository, ports, cpu, memory, heap, strategy) => {
    const d = find(objs, 'Deployment', name)!;
    const c = mainContainer(d);
    expect(c.image).toMatch(new RegExp(`^registry\\.example\\.org/apim/${repository}:`));
    expect(c.ports.map((p: Plain) => p.containerPort)).toEqual(ports);
    expect(c.resources.limits).toEqual({ cpu, memory });
    expect(envOf(d).EMT_HEAP_SIZE_MB).toBe(heap);
    expect(envOf(d).ACCEPT_GENERAL_CONDITIONS).toBe('yes');
    expect(d.spec.strategy.type).toBe(strategy);
    expect(mounts(d)['/opt/Axway/apigateway/events']).toBe('events');
    expect(d.spec.template.spec.securityContext).toMatchObject({ runAsUser: 1000, fsGroup: 1000, runAsNonRoot: true });
  });

  it.each([
    ['axway-anm', 'readinessProbe', 'HTTPS', '/login', 8090, 30, 10],
    ['axway-anm', 'livenessProbe', 'HTTPS', '/login', 8090, 60, 60],
    ['axway-api-manager', 'readinessProbe', 'HTTPS', '/', 8075, 60, 10],
    ['axway-traffic', 'readinessProbe', 'HTTP', '/healthcheck', 8080, 40, 5],
  ])('%s %s is %s %s:%i after %i s every %i s', (name, probe, scheme, path, port, delay, period) => {
    const p = mainContainer(find(objs, 'Deployment', name)!)[probe];
    expect(p.httpGet).toMatchObject({ scheme, path, port });
    expect([p.initialDelaySeconds, p.periodSeconds]).toEqual([delay, period]);
  });

  it.each(['axway-api-manager', 'axway-traffic'])('%s survives the first start: a startup probe of at least 10 minutes', (name) => {
    const p = mainContainer(find(objs, 'Deployment', name)!).startupProbe;
    expect(p.periodSeconds * p.failureThreshold).toBeGreaterThanOrEqual(600);
  });

  it.each(['axway-api-manager', 'axway-traffic'])('%s drains with preStop sleep 10 and a grace period of at least 30 s', (name) => {
    const d = find(objs, 'Deployment', name)!;
    expect(mainContainer(d).lifecycle.preStop.exec.command).toEqual(['sleep', '10']);
    expect(d.spec.template.spec.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(30);
  });

  it('the ANM runs exactly one pod and reads the metrics password from the Secret', () => {
    const d = find(objs, 'Deployment', 'axway-anm')!;
    expect(d.spec.replicas).toBe(1);
    expect(envOf(d).METRICS_DB_PASS).toEqual({ secretKeyRef: { name: 'axway-metrics-db', key: 'password' } });
    expect(mounts(d)['/opt/Axway/apigateway/conf/jvm.xml']).toBe('jvm-config');
    expect(find(objs, 'ConfigMap', 'axway-anm-config')!.data['jvm.xml']).toContain('-Ddont.expect.100.continue=true');
  });

  it('gateways read Cassandra and the ANM registration target', () => {
    for (const name of ['axway-api-manager', 'axway-traffic']) {
      const e = envOf(find(objs, 'Deployment', name)!);
      // The factory FED reads one CASS_HOST contact point (Axway container runtime parameters;
      // Cloud-Automation apimgr/apitraffic deployments); CASS_HOST1..3 only exist for FEDs built with them.
      expect([e.CASS_HOST, e.CASS_PORT, e.CASS_KEYSPACE, e.CASS_TKEYSPACE]).toEqual(['cassandra-1.base.example.org', '9042', 'axway_apim', 't_axway_apim']);
      expect(Object.keys(e).filter((k) => /^CASS_HOST\d/.test(k))).toEqual([]);
      expect(e.CASS_PASS).toEqual({ secretKeyRef: { name: 'axway-cassandra', key: 'password' } });
      expect(e.EMT_ANM_HOSTS).toBe('anm:8090');
      expect(e.EMT_DEPLOYMENT_ENABLED).toBe('false');
    }
  });

  it('traffic pods prefer separate nodes (so the HPA can pass the node count) and spread over zones', () => {
    const pod = find(objs, 'Deployment', 'axway-traffic')!.spec.template.spec;
    expect(pod.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
    expect(pod.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]).toMatchObject({
      weight: 100,
      podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' },
    });
    expect(pod.topologySpreadConstraints[0]).toMatchObject({ topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' });
    expect(find(objs, 'Deployment', 'axway-traffic')!.spec.strategy.rollingUpdate).toEqual({ maxSurge: 1, maxUnavailable: 0 });
  });

  it('never runs two API Managers during a rollout (reference architecture: one instance)', () => {
    expect(find(objs, 'Deployment', 'axway-api-manager')!.spec.strategy.rollingUpdate).toEqual({ maxSurge: 0, maxUnavailable: 1 });
  });

  it('per-node host variables only when the FED was built with them', () => {
    const perNode = render(spec({ cassandra: { ...axwayBaseSpec.cassandra, hostVariables: 'per-node' } }));
    const e = envOf(find(perNode, 'Deployment', 'axway-traffic')!);
    expect([e.CASS_HOST1, e.CASS_HOST2, e.CASS_HOST3, e.CASS_HOST]).toEqual([
      'cassandra-1.base.example.org',
      'cassandra-2.base.example.org',
      'cassandra-3.base.example.org',
      undefined,
    ]);
  });

  it('every container has limits', () => {
    for (const d of objs.filter((o) => o.kind === 'Deployment' || o.kind === 'Job'))
      for (const c of [...d.spec.template.spec.containers, ...(d.spec.template.spec.initContainers ?? [])])
        expect(c.resources.limits, `${d.metadata.name}/${c.name}`).toBeDefined();
  });
});

describe('prechecks', () => {
  const objs = render(spec());
  const waits = (name: string) =>
    find(objs, 'Deployment', name)!.spec.template.spec.initContainers.map((c: Plain) => /nc -z -w 2 (\S+) (\d+)/.exec(c.command[2])!.slice(1).join(':'));
  const cassandra = ['cassandra-1.base.example.org:9042', 'cassandra-2.base.example.org:9042', 'cassandra-3.base.example.org:9042'];
  it.each([
    ['axway-anm', ['metrics-db.base.example.org:3306']],
    ['axway-api-manager', [...cassandra, 'metrics-db.base.example.org:3306', 'anm:8090']],
    ['axway-traffic', [...cassandra, 'metrics-db.base.example.org:3306', 'anm:8090', 'apimgr:8075']],
  ])('%s waits for %j in this order', (name, expected) => {
    expect(waits(name)).toEqual(expected);
  });
});

describe.each(environments)('invariants: %s', (_name, objs) => {
  const services = objs.filter((o) => o.kind === 'Service');
  const servicePorts = new Set(services.flatMap((s) => s.spec.ports.map((p: Plain) => `${s.metadata.name}:${p.port}`)));

  it('every in-cluster host in EMT_ANM_HOSTS and the prechecks is a rendered Service port', () => {
    const targets: string[] = [];
    for (const name of deployments) {
      const d = find(objs, 'Deployment', name)!;
      const anmHosts = envOf(d).EMT_ANM_HOSTS;
      if (typeof anmHosts === 'string') targets.push(...anmHosts.split(','));
      // Prechecks only: neither the metrics agent's copy nor the log agent (a native sidecar, restartPolicy Always) waits for anything.
      for (const c of d.spec.template.spec.initContainers.filter((c: Plain) => c.name !== jmxExporterInitContainer && c.restartPolicy !== 'Always')) {
        const [, host, port] = /nc -z -w 2 (\S+) (\d+)/.exec(c.command[2]) ?? /mysql --host=(\S+) --port=(\d+)/.exec(c.command[2])!;
        if (!host!.includes('.')) targets.push(`${host}:${port}`);
      }
    }
    expect(targets.length).toBeGreaterThan(0);
    for (const t of targets) expect(servicePorts, t).toContain(t);
  });

  it('every Service selects the pods of one Deployment that open its ports', () => {
    for (const s of services.filter((x) => x.metadata.labels['app.kubernetes.io/part-of'] === 'axway-apim')) {
      const matching = objs.filter(
        (o) => o.kind === 'Deployment' && Object.entries(s.spec.selector).every(([k, v]) => o.spec.template.metadata.labels[k] === v),
      );
      expect(matching, s.metadata.name).toHaveLength(1);
      const open = mainContainer(matching[0]!).ports.map((p: Plain) => p.containerPort);
      for (const p of s.spec.ports) expect(open, `${s.metadata.name}:${p.port}`).toContain(p.targetPort);
    }
  });

  it('every Ingress backend is a rendered Service port, over HTTPS with TLS, one host at /', () => {
    for (const ing of objs.filter((o) => o.kind === 'Ingress' && o.metadata.name.startsWith('axway-'))) {
      expect(ing.metadata.annotations['nginx.ingress.kubernetes.io/backend-protocol']).toBe('HTTPS');
      expect(ing.metadata.annotations['nginx.ingress.kubernetes.io/ssl-redirect']).toBe('true');
      expect(ing.spec.tls[0].hosts).toEqual(ing.spec.rules.map((r: Plain) => r.host));
      for (const rule of ing.spec.rules) {
        expect(rule.http.paths.map((p: Plain) => p.path)).toEqual(['/']);
        const b = rule.http.paths[0].backend.service;
        expect(servicePorts).toContain(`${b.name}:${b.port.number}`);
      }
    }
  });

  it('HPA and PDB agree with the traffic Deployment', () => {
    const d = find(objs, 'Deployment', 'axway-traffic')!;
    const hpa = find(objs, 'HorizontalPodAutoscaler', 'axway-traffic');
    const pdb = find(objs, 'PodDisruptionBudget', 'axway-traffic');
    if (hpa) {
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: 'apps/v1', kind: 'Deployment', name: 'axway-traffic' });
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(d.spec.replicas);
      expect(mainContainer(d).resources.requests.cpu).toBeDefined();
    }
    if (d.spec.replicas > 1) {
      expect(pdb).toBeDefined();
      expect(Object.entries(pdb!.spec.selector.matchLabels).every(([k, v]) => d.spec.template.metadata.labels[k] === v)).toBe(true);
      expect(pdb!.spec.minAvailable).toBeLessThan(d.spec.replicas);
    } else expect(pdb).toBeUndefined();
  });

  it('one events claim, mounted by all three workloads, sized for the most gateways that can run', () => {
    const pvc = objs.filter((o) => o.kind === 'PersistentVolumeClaim');
    expect(pvc).toHaveLength(1);
    for (const name of deployments)
      expect(find(objs, 'Deployment', name)!.spec.template.spec.volumes.find((v: Plain) => v.name === 'events').persistentVolumeClaim.claimName).toBe(
        pvc[0]!.metadata.name,
      );
    const hpa = find(objs, 'HorizontalPodAutoscaler', 'axway-traffic');
    const maxTraffic = hpa ? hpa.spec.maxReplicas : find(objs, 'Deployment', 'axway-traffic')!.spec.replicas;
    const apiManagers = find(objs, 'Deployment', 'axway-api-manager')!.spec.replicas;
    expect(pvc[0]!.spec.resources.requests.storage).toBe(`${maxTraffic + apiManagers + 1}Gi`);
  });
});

describe('environments', () => {
  const d = render(dev);
  const p = render(prod);
  it('prod follows the reference sizing: 3 traffic pods, HPA 3→12 at 75 %, RWX events of 14Gi, strict zone spread', () => {
    expect(find(p, 'Deployment', 'axway-traffic')!.spec.replicas).toBe(3);
    expect(find(p, 'HorizontalPodAutoscaler', 'axway-traffic')!.spec).toMatchObject({ minReplicas: 3, maxReplicas: 12 });
    expect(find(p, 'HorizontalPodAutoscaler', 'axway-traffic')!.spec.metrics[0].resource.target.averageUtilization).toBe(75);
    expect(find(p, 'PersistentVolumeClaim', 'axway-events')!.spec).toMatchObject({
      accessModes: ['ReadWriteMany'],
      resources: { requests: { storage: '14Gi' } },
    });
    expect(find(p, 'Deployment', 'axway-traffic')!.spec.template.spec.topologySpreadConstraints[0].whenUnsatisfiable).toBe('DoNotSchedule');
    expect(envOf(find(p, 'Deployment', 'axway-traffic')!).EMT_DEPLOYMENT_ENABLED).toBe('false');
  });
  it('dev runs one traffic pod without HPA, pinned beside the ANM for its ReadWriteOnce volume', () => {
    expect(find(d, 'HorizontalPodAutoscaler', 'axway-traffic')).toBeUndefined();
    expect(find(d, 'PersistentVolumeClaim', 'axway-events')!.spec.accessModes).toEqual(['ReadWriteOnce']);
    for (const name of ['axway-api-manager', 'axway-traffic'])
      expect(
        find(d, 'Deployment', name)!.spec.template.spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector.matchLabels[
          'app.kubernetes.io/instance'
        ],
      ).toBe('axway-anm');
    expect(envOf(find(d, 'Deployment', 'axway-traffic')!).EMT_DEPLOYMENT_ENABLED).toBe('true');
  });
  it('on ingress-nginx, the ANM Ingress admits only the allow-list, the API Manager Ingress sticks by cookie, traffic accepts large bodies', () => {
    const onNginx = render({ ...prod, entry: { kind: 'ingress-nginx', tls: { secretRef: 'apim-tls' } } });
    const a = (name: string) => find(onNginx, 'Ingress', name)!.metadata.annotations;
    expect(a('axway-anm')['nginx.ingress.kubernetes.io/whitelist-source-range']).toBe('10.20.0.0/16');
    expect(a('axway-api-manager')).toMatchObject({
      'nginx.ingress.kubernetes.io/affinity': 'cookie',
      'nginx.ingress.kubernetes.io/affinity-mode': 'persistent',
      'nginx.ingress.kubernetes.io/session-cookie-name': 'APIMGR_AFFINITY',
    });
    expect(a('axway-traffic')['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('10m');
    expect(Object.keys(a('axway-traffic'))).not.toContain('nginx.ingress.kubernetes.io/use-http2');
  });
  it('the schema Job is a Sync hook before the ANM, reading the password through MYSQL_PWD, only when switched on', () => {
    const job = find(d, 'Job', 'axway-metrics-schema')!;
    expect(job.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/hook': 'Sync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' });
    const wave = (o: Plain) => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']);
    expect(wave(job)).toBeGreaterThan(wave(find(d, 'ExternalSecret', 'axway-metrics-db')!));
    expect(wave(job)).toBeLessThan(wave(find(d, 'Deployment', 'axway-anm')!));
    expect(job.spec.template.spec.serviceAccountName).toBe('axway-metrics-schema');
    const e = job.spec.template.spec.containers[0].env.find((x: Plain) => x.name === 'MYSQL_PWD');
    expect(e.valueFrom.secretKeyRef).toEqual({ name: 'axway-metrics-db', key: 'password' });
    expect(job.spec.template.spec.containers[0].command.join(' ')).not.toMatch(/--password|\s-p\S/);
    expect(find(render(spec()), 'Job', 'axway-metrics-schema')).toBeUndefined();
  });
});
