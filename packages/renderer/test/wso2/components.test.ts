import { memoryMiB, resolveEnvironment } from '@apim-gitops/models';
import { describe, expect, it } from 'vitest';
import type { Obj } from './rendered';
import { byKind, environments, mainContainer, named, renderWso2Plain } from './rendered';
import { jmxExporterInitContainer, metricsPortName } from '../../src/monitoring/jmx-exporter';

// Facts from the products' own files, written out here on purpose rather than read from the models, so
// a wrong constant in models' wso2/facts.ts fails these tests (product-facts.test.ts holds the rendered
// output to facts.ts). Sources: wso2/docker-apim 4.5.x Dockerfiles and entrypoints (UID 10001, the acp
// image's PROFILE_NAME, start scripts), helm-apim 4.5.x (probes), product-apim v4.5.0 (ports).
const facts = {
  'wso2-control-plane': {
    containerPorts: [9443, 9763, 8243, 8280, 8099, 9099, 8021, 9021, 5672, 9611, 9711],
    servicePorts: [9443, 8243, 8280, 8099, 9099, 8021, 9021, 5672, 9611, 9711],
    readiness: { path: '/api/am/gateway/v2/server-startup-healthcheck', port: 9443, scheme: 'HTTPS' },
    script: 'api-manager',
    profile: undefined,
    databases: ['APIM_DB', 'SHARED_DB'],
  },
  'wso2-key-manager': {
    containerPorts: [9443, 9763],
    servicePorts: [9443, 9763],
    readiness: { path: '/oauth2/jwks', port: 9443, scheme: 'HTTPS' },
    script: 'key-manager',
    profile: 'key-manager',
    databases: ['APIM_DB', 'SHARED_DB'],
  },
  'wso2-gateway': {
    containerPorts: [9443, 9763, 8243, 8280, 8099, 9099, 8021, 9021],
    servicePorts: [9443, 9763, 8243, 8280, 8099, 9099, 8021, 9021],
    readiness: { path: '/api/am/gateway/v2/server-startup-healthcheck', port: 9443, scheme: 'HTTPS' },
    script: 'gateway',
    // docker-apim 4.5.x apim-universal-gw/docker-entrypoint.sh never reads PROFILE_NAME.
    profile: undefined,
    databases: ['SHARED_DB'],
  },
} as const;

const configRoot = '/home/wso2carbon/wso2-config-volume/repository';

describe.each(Object.keys(environments))('%s: WSO2 workloads', (name) => {
  const objects = renderWso2Plain(environments[name]!);

  describe.each(Object.keys(facts) as (keyof typeof facts)[])('%s', (id) => {
    const fact = facts[id];
    const deployment = named(objects, 'Deployment', id);
    const pod = deployment.spec.template.spec;
    const container = mainContainer(deployment);
    const env = new Map<string, Obj>(container.env.map((e: Obj) => [e.name, e]));

    it('declares the reference container ports and a Service with the reference ports', () => {
      // The JMX exporter's `metrics` port, where it runs, comes on top (monitoring/jmx-exporter.test.ts).
      expect(container.ports.filter((p: Obj) => p.name !== metricsPortName).map((p: Obj) => p.containerPort)).toEqual(fact.containerPorts);
      expect(container.ports.every((p: Obj) => p.name.length <= 15)).toBe(true);
      const service = named(objects, 'Service', id);
      expect(service.spec.ports.map((p: Obj) => p.port)).toEqual(fact.servicePorts);
      for (const p of service.spec.ports) expect(p.targetPort).toBe(p.port);
    });

    it('probes start-up on TCP 9443, liveness on /services/Version :9763 and readiness as the reference says', () => {
      expect(container.startupProbe).toEqual({ tcpSocket: { port: 9443 }, periodSeconds: 10, failureThreshold: 30 });
      expect(container.livenessProbe.httpGet).toEqual({ path: '/services/Version', port: 9763, scheme: 'HTTP' });
      expect(container.readinessProbe.httpGet).toEqual(fact.readiness);
      for (const probe of [container.livenessProbe, container.readinessProbe])
        expect(probe).toMatchObject({ periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 });
      for (const port of [container.livenessProbe.httpGet.port, container.readinessProbe.httpGet.port, container.startupProbe.tcpSocket.port])
        expect(container.ports.map((p: Obj) => p.containerPort)).toContain(port);
    });

    it('mounts deployment.toml and every store by subPath under wso2-config-volume', () => {
      const mounts = new Map<string, Obj>(container.volumeMounts.map((m: Obj) => [m.mountPath, m]));
      expect(mounts.get(`${configRoot}/conf/deployment.toml`)).toMatchObject({ name: 'config', subPath: 'deployment.toml', readOnly: true });
      const stores = pod.volumes.find((v: Obj) => v.name === 'keystores').secret;
      expect(stores.secretName).toBe('wso2-keystores');
      expect(stores.items.map((i: Obj) => i.key)).toEqual(expect.arrayContaining(['wso2carbon.jks', 'client-truststore.jks']));
      for (const item of stores.items)
        expect(mounts.get(`${configRoot}/resources/security/${item.key}`), item.key).toMatchObject({ name: 'keystores', subPath: item.key });
      const configMap = pod.volumes.find((v: Obj) => v.name === 'config').configMap.name;
      expect(named(objects, 'ConfigMap', configMap).data['deployment.toml']).toContain('[server]');
    });

    it('sets NODE_IP, JVM_MEM_OPTS, its profile and the credentials of its databases only', () => {
      expect(env.get('NODE_IP')!.valueFrom.fieldRef.fieldPath).toBe('status.podIP');
      expect(env.get('PROFILE_NAME')?.value).toBe(fact.profile);
      const dbs = ['APIM_DB', 'SHARED_DB'].filter((db) => env.has(`${db}_PASSWORD`));
      expect(dbs).toEqual(fact.databases);
      for (const e of container.env.filter((e: Obj) => /(PASSWORD|USERNAME)$/.test(e.name))) expect(e.valueFrom.secretKeyRef, e.name).toBeDefined();
    });

    it('keeps the heap at least 1 GiB below the memory limit', () => {
      const heap = /-Xmx(\d+)m/.exec(env.get('JVM_MEM_OPTS')!.value)!;
      expect(Number(heap[1]) + 1024).toBeLessThanOrEqual(memoryMiB(container.resources.limits.memory)!);
    });

    it('sleeps 10 s, then stops the server in preStop, with a grace period of at least 60 s', () => {
      const command = container.lifecycle.preStop.exec.command.join(' ');
      expect(command).toMatch(new RegExp(`sleep 10 && "\\$WSO2_SERVER_HOME/bin/${fact.script}\\.sh" stop`));
      expect(pod.terminationGracePeriodSeconds).toBeGreaterThanOrEqual(60);
    });

    it('runs under the restricted Pod Security Standard as the image user 10001 without an API token', () => {
      // docker-apim 4.5.x dockerfiles/ubuntu/*/Dockerfile: ARG USER_ID=10001, ARG USER_GROUP_ID=10001.
      expect(pod.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 10001,
        runAsGroup: 10001,
        fsGroup: 10001,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      for (const c of [...pod.containers, ...(pod.initContainers ?? [])])
        expect(c.securityContext, c.name).toMatchObject({ allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true });
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(named(objects, 'ServiceAccount', pod.serviceAccountName).automountServiceAccountToken).toBe(false);
    });

    it('rolls its pods when its deployment.toml changes (checksum annotation)', () => {
      expect(deployment.spec.template.metadata.annotations['checksum/config']).toMatch(/^[0-9a-f]{16}$/);
    });
  });

  it('waits for dependencies as the start-up ordering table says (schemas loaded first, in production)', () => {
    // A TCP wait reads "nc -z -w 2 host port"; a schema check "mysql --host=h --port=p … database".
    const step = (c: Obj): string => {
      const script = c.command[2] as string;
      const tcp = /nc -z -w 2 (\S+) (\d+)/.exec(script);
      if (tcp) return `${tcp[1]}:${tcp[2]}`;
      const schema = /mysql --host=(\S+) --port=(\d+) .* (\S+) 2>&1\)/.exec(script)!;
      return `${schema[1]}:${schema[2]}/${schema[3]}`;
    };
    const waits = (id: string) =>
      named(objects, 'Deployment', id)
        .spec.template.spec.initContainers.filter((c: Obj) => c.name !== jmxExporterInitContainer)
        .map(step);
    const resolved = resolveEnvironment(environments[name]!, name);
    const { apim, shared } = resolved.wso2!.databases;
    const prod = resolved.production;
    const both = prod ? [`${apim.host}:${apim.port}/${apim.name}`, `${shared.host}:${shared.port}/${shared.name}`] : [`${apim.host}:${apim.port}`];
    const sharedOnly = prod ? [`${shared.host}:${shared.port}/${shared.name}`] : [`${shared.host}:${shared.port}`];
    expect(waits('wso2-control-plane')).toEqual(both);
    expect(waits('wso2-key-manager')).toEqual([...both, 'wso2-control-plane:9443', 'wso2-control-plane:5672']);
    expect(waits('wso2-gateway')).toEqual([
      ...sharedOnly,
      'wso2-control-plane:9443',
      'wso2-control-plane:5672',
      'wso2-control-plane:9611',
      'wso2-key-manager:9443',
    ]);
  });

  it('gives each pod-template checksum the hash of its own ConfigMap: changing one TOML rolls only that Deployment', () => {
    const sums = byKind(objects, 'Deployment').map((d) => d.spec.template.metadata.annotations['checksum/config']);
    expect(new Set(sums).size).toBe(sums.length);
  });
});
