import type { EnvironmentSpec } from '@apim-gitops/models';
import {
  axwayBaseSpec,
  axwayCassandraEnv,
  axwayImageEnv,
  axwayImageUser,
  axwayInstallRoot,
  axwayPaths,
  axwayPorts,
  axwayProbePaths,
  baseEnvironmentSpec,
  resolveEnvironment,
} from '@apim-gitops/models';
import { describe, expect, it } from 'vitest';
import dev from '../../../../environments/dev/environment';
import prod from '../../../../environments/prod/environment';
import { renderEnvironment, toPlain } from '../../src/index';
import { jmxExporterMountRoot } from '../../src/monitoring/jmx-exporter';

// Every rendered Axway container held to models' axway/facts.ts, which cites the product sources.
// axway-stack.test.ts holds the same output to values written out by hand.

type Plain = Record<string, any>;

const environments: Record<string, EnvironmentSpec> = { base: { ...baseEnvironmentSpec, axway: axwayBaseSpec }, dev, prod };
const roles = { 'axway-anm': 'anm', 'axway-api-manager': 'gateway', 'axway-traffic': 'gateway' } as const;

describe.each(Object.keys(environments))('%s: Axway output agrees with the product facts', (name) => {
  const env = resolveEnvironment(environments[name]!, name);
  const objects = renderEnvironment(env).map((o) => toPlain(o) as Plain);

  describe.each(Object.entries(roles))('%s', (id, role) => {
    const deployment = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === id)!;
    const pod = deployment.spec.template.spec;
    const container = pod.containers[0];
    const names: string[] = container.env.map((e: Plain) => e.name);

    it("runs as the image's user", () => {
      expect(container.securityContext?.runAsUser ?? pod.securityContext.runAsUser).toBe(axwayImageUser.uid);
      expect(pod.securityContext.fsGroup).toBe(axwayImageUser.gid);
    });

    it('sets only variables its image or FED reads', () => {
      const cassandra = env.axway!.cassandra;
      const hostVars = cassandra.hostVariables === 'per-node' ? cassandra.hosts.map((_, i) => axwayCassandraEnv.perNodeHost(i + 1)) : [axwayCassandraEnv.host];
      const known = [...axwayImageEnv[role], ...(role === 'gateway' ? [...hostVars, ...axwayCassandraEnv.environmentalised] : [])];
      for (const n of names) expect(known, `${n} is read by nothing`).toContain(n);
    });

    it('gives the factory FED its one Cassandra contact point', () => {
      if (role !== 'gateway') return;
      const host = container.env.find((e: Plain) => e.name === axwayCassandraEnv.host);
      expect(host?.value).toBe(env.axway!.cassandra.hosts[0]);
    });

    it('mounts jvm.xml, the events volume and its own files where the start scripts read them', () => {
      const mounts: string[] = container.volumeMounts.map((m: Plain) => m.mountPath);
      expect(mounts).toContain(role === 'anm' ? axwayPaths.anmJvmXml : axwayPaths.gatewayJvmXml);
      expect(mounts).toContain(axwayPaths.events);
      if (role === 'anm') expect(mounts).toContain(axwayPaths.adminUsers);
      else expect(mounts).toContain(`${axwayPaths.licenses}/license.lic`);
      const inProduct = (m: string) => m.startsWith(`${axwayInstallRoot}/`) || m.startsWith(`${axwayPaths.mergeDir}/`);
      // The JMX exporter's agent and rules are the one exception: jvm.xml names them where they are mounted.
      for (const m of mounts) expect(inProduct(m) || m.startsWith(`${jmxExporterMountRoot}/`), m).toBe(true);
    });

    it('probes the endpoints the product serves', () => {
      const [path, port] =
        id === 'axway-anm'
          ? [axwayProbePaths.adminNodeManager, axwayPorts.adminNodeManager]
          : id === 'axway-api-manager'
            ? [axwayProbePaths.apiManager, axwayPorts.apiManager]
            : [axwayProbePaths.health, axwayPorts.health];
      for (const probe of [container.readinessProbe, container.livenessProbe]) expect(probe.httpGet).toMatchObject({ path, port });
    });
  });
});
