import type { EnvironmentSpec } from '@apim-gitops/models';
import {
  axwayPaths,
  jmxExporterAgent,
  jmxExporterConfig,
  resolveEnvironment,
  specDefault,
  SpecError,
  wso2ConfigVolume,
  wso2DiagnosticsTool,
  wso2JavaOptsVariable,
} from '@apim-gitops/models';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import dev from '../../../../environments/dev/environment';
import type { Obj } from '../wso2/rendered';
import { byKind, environments, mainContainer, named, renderAllPlain } from '../wso2/rendered';
import { monitoredEnvironments, monitoringOn, productDeployments, renderedMonitored } from './monitored';

/** The `-javaagent:<jar>=<port>:<config>` options in a string. */
function agentFlags(text: string): { jar: string; port: number; config: string }[] {
  return [...text.matchAll(/-javaagent:([^=\s"]+)=(\d+):([^\s"]+)/g)].map((m) => ({ jar: m[1]!, port: Number(m[2]), config: m[3]! }));
}

/** The volume and key a container sees at a path: a mount at the path itself, or the directory a mount holds it in. */
function mountedAt(deployment: Obj, container: Obj, path: string): { volume: Obj; key?: string } | undefined {
  const volumes: Obj[] = deployment.spec.template.spec.volumes;
  for (const m of container.volumeMounts ?? []) {
    const volume = volumes.find((v) => v.name === m.name)!;
    if (m.mountPath === path) return { volume, ...(m.subPath ? { key: m.subPath } : {}) };
    if (path.startsWith(`${m.mountPath}/`) && !m.subPath) return { volume, key: path.slice(m.mountPath.length + 1) };
  }
  return undefined;
}

/** Where the JVM options of a product container are: JAVA_OPTS for WSO2, jvm.xml for Axway. */
function jvmOptionsText(objects: readonly Obj[], deployment: Obj): string {
  const container = mainContainer(deployment);
  if (deployment.metadata.labels['app.kubernetes.io/part-of'] === 'wso2-apim')
    return container.env.find((e: Obj) => e.name === wso2JavaOptsVariable)?.value ?? '';
  const jvmXml = container.volumeMounts.find((m: Obj) => m.mountPath === axwayPaths.anmJvmXml || m.mountPath === axwayPaths.gatewayJvmXml);
  const volume = deployment.spec.template.spec.volumes.find((v: Obj) => v.name === jvmXml.name);
  return named(objects, 'ConfigMap', volume.configMap.name).data['jvm.xml'];
}

describe.each(Object.keys(monitoredEnvironments))('%s: the JMX exporter agent in every product JVM', (name) => {
  const objects = renderedMonitored(name);
  const env = resolveEnvironment(monitoredEnvironments[name]!, name);
  const jmx = env.monitoring.jmxExporter!;

  describe.each(productDeployments(objects).map((d) => [d.metadata.name, d] as const))('%s', (_id, deployment) => {
    const container = mainContainer(deployment);
    const flags = agentFlags(jvmOptionsText(objects, deployment));

    it('loads the agent once, with the exporter\'s "<jar>=<port>:<config>" argument', () => {
      expect(flags).toHaveLength(1);
      const flag = flags[0]!;
      expect(jmxExporterAgent.javaAgentFlag(flag.jar, flag.port, flag.config)).toBe(`-javaagent:${flag.jar}=${flag.port}:${flag.config}`);
      expect(flag.port).toBe(jmx.port);
    });

    it('opens the port as "metrics" on the container and to the scrapers only', () => {
      expect(container.ports.filter((p: Obj) => p.name === 'metrics')).toEqual([{ name: 'metrics', containerPort: jmx.port, protocol: 'TCP' }]);
      const instance = deployment.metadata.labels['app.kubernetes.io/instance'];
      const policy = named(objects, 'NetworkPolicy', `${instance}-ingress`);
      const rules: Obj[] = policy.spec.ingress.filter((r: Obj) => r.ports.some((p: Obj) => p.port === jmx.port));
      expect(rules).toHaveLength(1);
      expect(rules[0]!.ports).toEqual([{ protocol: 'TCP', port: jmx.port }]);
      expect(rules[0]!.from).toEqual([
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': env.monitoring.namespace } },
          podSelector: { matchLabels: env.monitoring.podLabels },
        },
      ]);
    });

    it('finds the jar where the init container copied it from images.jmxExporter', () => {
      const jar = mountedAt(deployment, container, flags[0]!.jar)!;
      expect(jar.volume.emptyDir).toBeDefined();
      const copy = deployment.spec.template.spec.initContainers.find((c: Obj) => c.image === jmx.image);
      expect(copy.command).toEqual(['cp', jmx.jarPath, flags[0]!.jar]);
      expect(mountedAt(deployment, copy, flags[0]!.jar)?.volume.name).toBe(jar.volume.name);
    });

    it('reads the rendered rules file, which limits the collector to the java.lang MBeans', () => {
      const config = mountedAt(deployment, container, flags[0]!.config)!;
      const configMap = named(objects, 'ConfigMap', config.volume.configMap.name);
      expect(parseYaml(configMap.data[config.key!])).toEqual(jmxExporterConfig);
      expect(Object.keys(deployment.spec.template.metadata.annotations)).toContain('checksum/jmx-exporter');
    });

    it('keeps the agent out of every other JVM of the container', () => {
      if (deployment.metadata.labels['app.kubernetes.io/part-of'] !== 'wso2-apim') {
        // Axway's JVMs take options from jvm.xml only; nothing else in the environment carries the flag.
        expect(container.env.some((e: Obj) => e.value?.includes('-javaagent'))).toBe(false);
        return;
      }
      // The diagnostics tool's JVM reads the same JAVA_OPTS: its script is replaced by one that exits.
      const script = mountedAt(deployment, container, `${wso2ConfigVolume}/${wso2DiagnosticsTool.script}`)!;
      const text: string = named(objects, 'ConfigMap', script.volume.configMap.name).data[script.key!];
      expect(text.startsWith('#!/bin/sh\n')).toBe(true);
      expect(text.split('\n').filter((l) => l && !l.startsWith('#'))).toEqual(['exit 0']);
      expect(script.volume.configMap.defaultMode & 0o111).toBe(0o111);
    });
  });
});

describe('the agent off', () => {
  it.each(['base', 'dev'])('%s: renders no agent, no metrics port and no monitoring object', (name) => {
    const objects = renderAllPlain(environments[name]!);
    for (const d of byKind(objects, 'Deployment')) {
      expect(mainContainer(d).ports.some((p: Obj) => p.name === 'metrics')).toBe(false);
      expect(JSON.stringify(d)).not.toContain('-javaagent');
    }
    expect(objects.filter((o) => o.apiVersion.startsWith('monitoring.coreos.com/'))).toEqual([]);
    expect(objects.filter((o) => /-(jmx-exporter|dashboard)$/.test(o.metadata.name))).toEqual([]);
  });

  it("keeps the user's own JAVA_OPTS behind the agent", () => {
    const spec: EnvironmentSpec = {
      ...dev,
      monitoring: monitoringOn,
      wso2: { ...dev.wso2!, gateway: { ...dev.wso2!.gateway, extraEnv: { JAVA_OPTS: '-Dfoo=bar' } } },
    };
    const gateway = mainContainer(named(renderAllPlain(spec), 'Deployment', 'wso2-gateway'));
    const javaOpts = gateway.env.filter((e: Obj) => e.name === 'JAVA_OPTS');
    expect(javaOpts).toHaveLength(1);
    expect(javaOpts[0].value).toMatch(/^-javaagent:\S+ -Dfoo=bar$/);
  });
});

describe('monitoring fields', () => {
  const fail = (spec: EnvironmentSpec) => {
    try {
      resolveEnvironment(spec, 'environments/test/environment.ts');
    } catch (error) {
      if (error instanceof SpecError) return error.message;
      throw error;
    }
    throw new Error('resolved');
  };

  it('default the agent image to a pinned tag in the registry', () => {
    expect(specDefault('ImagesSpec', 'jmxExporter')).toEqual({
      repository: 'jmx-exporter',
      tag: jmxExporterAgent.version,
      jarPath: '/jmx_prometheus_javaagent.jar',
    });
    const env = resolveEnvironment({ ...dev, monitoring: monitoringOn }, 'dev');
    expect(env.monitoring.jmxExporter).toEqual({ image: `${env.images.registry}/jmx-exporter:1.6.0`, jarPath: '/jmx_prometheus_javaagent.jar', port: 9404 });
  });

  it('refuse a Prometheus Operator without the agent, naming the field and the fix', () => {
    expect(fail({ ...dev, monitoring: { prometheusOperator: { enabled: true } } })).toBe(
      'environments/test/environment.ts: monitoring.prometheusOperator.enabled: needs monitoring.jmxExporter.enabled: true, since the PodMonitors scrape the JMX exporter port, which the pods open only with it',
    );
  });

  it('refuse a moving agent image in production', () => {
    const prod = monitoredEnvironments.prod!;
    expect(fail({ ...prod, images: { ...prod.images, jmxExporter: { tag: 'latest' } } })).toContain(
      'images.jmxExporter.tag: must be an immutable tag in production, not "latest"',
    );
  });

  it('refuse a jar path that cannot be a -javaagent argument', () => {
    expect(fail({ ...dev, images: { ...dev.images, jmxExporter: { jarPath: '/x/agent=1.jar' } } })).toContain(
      'images.jmxExporter.jarPath: must be an absolute path to a .jar',
    );
  });
});
