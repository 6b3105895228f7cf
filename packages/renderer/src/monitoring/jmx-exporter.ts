import type { ResolvedEnvironment, StackId } from '@apim-gitops/models';
import { jmxExporterAgent, jmxExporterConfig, wso2ConfigVolume, wso2DiagnosticsTool } from '@apim-gitops/models';
import type { IContainer, IContainerPort, IVolume, IVolumeMount } from 'kubernetes-models/v1';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { toCanonicalYaml } from '../canonical-yaml';
import { configChecksum } from '../common/checksum';
import { containerSecurityContext } from '../common/pod-security';
import type { Json } from '../kube-object';
import { stackMonitoringLabels } from './monitoring-labels';

/** Name of the container port the agent serves on; the PodMonitors scrape it by this name. */
export const metricsPortName = 'metrics';
/** Name of the init container that copies the agent jar into the pod. */
export const jmxExporterInitContainer = 'copy-jmx-exporter';
/** Pod annotation with a hash of the rules ConfigMap, so that a changed rules file rolls the pods. */
export const jmxExporterChecksumAnnotation = 'checksum/jmx-exporter';

/** Where the agent and its rules land in each pod: outside the products' own trees, so no start script copies or reads them. */
export const jmxExporterMountRoot = '/opt/jmx-exporter';
const agentDir = `${jmxExporterMountRoot}/agent`;
const configDir = `${jmxExporterMountRoot}/config`;
const agentJar = `${agentDir}/jmx_prometheus_javaagent.jar`;
const configFile = 'config.yaml';
const diagnosticsKey = 'diagnostics.sh';

/** Name of a stack's rules ConfigMap. */
export function jmxExporterConfigMapName(stack: StackId): string {
  return `${stack}-jmx-exporter`;
}

/**
 * The no-op that replaces WSO2's diagnostics tool while the agent is in `JAVA_OPTS`: the tool's JVM reads
 * the same `JAVA_OPTS`, so its copy of the agent would race the server's for the port and, on winning,
 * make the server exit (models' wso2/facts.ts `wso2DiagnosticsTool`, monitoring/facts.ts `jmxExporterAgent`).
 */
const diagnosticsOff = [
  '#!/bin/sh',
  '# Rendered by apim-gitops: the WSO2 diagnostics tool stays off while the JMX exporter agent is in',
  '# JAVA_OPTS; its JVM would load the agent a second time and take the metrics port.',
  'exit 0',
  '',
].join('\n');

/** The stack's rules ConfigMap: the agent's config file (and, for WSO2, the diagnostics no-op). */
export function jmxExporterConfigMap(stack: StackId): ConfigMap {
  const name = jmxExporterConfigMapName(stack);
  return new ConfigMap({
    metadata: { name, labels: stackMonitoringLabels(stack, name) },
    data: {
      [configFile]: toCanonicalYaml(jmxExporterConfig as unknown as Json),
      ...(stack === 'wso2' ? { [diagnosticsKey]: diagnosticsOff } : {}),
    },
  });
}

/** What the agent adds to one product pod. */
export interface JmxExporterPodParts {
  /** Copies the jar from the agent image into the pod; runs as the pod's user. */
  readonly initContainer: IContainer;
  readonly volumes: IVolume[];
  /** Mounts of the product container. */
  readonly mounts: IVolumeMount[];
  readonly port: IContainerPort;
  /** The JVM option that loads the agent. */
  readonly javaAgentFlag: string;
  readonly podAnnotations: Record<string, string>;
}

/** The agent's parts for one pod of a stack, or undefined when the environment runs no agent. */
export function jmxExporterPodParts(env: ResolvedEnvironment, stack: StackId): JmxExporterPodParts | undefined {
  const jmx = env.monitoring.jmxExporter;
  if (!jmx) return undefined;
  const configMap = jmxExporterConfigMap(stack);
  const mounts: IVolumeMount[] = [
    { name: 'jmx-exporter-agent', mountPath: agentDir, readOnly: true },
    { name: 'jmx-exporter-config', mountPath: configDir, readOnly: true },
  ];
  // The entrypoint copies the config volume over the server home, so this file replaces the tool's script.
  if (stack === 'wso2')
    mounts.push({ name: 'jmx-exporter-config', mountPath: `${wso2ConfigVolume}/${wso2DiagnosticsTool.script}`, subPath: diagnosticsKey, readOnly: true });
  return {
    initContainer: {
      name: jmxExporterInitContainer,
      image: jmx.image,
      imagePullPolicy: 'IfNotPresent',
      command: ['cp', jmx.jarPath, agentJar],
      resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '100m', memory: '32Mi' } },
      volumeMounts: [{ name: 'jmx-exporter-agent', mountPath: agentDir }],
      securityContext: { ...containerSecurityContext(), readOnlyRootFilesystem: true },
    },
    volumes: [
      { name: 'jmx-exporter-agent', emptyDir: { sizeLimit: '16Mi' } },
      // Executable, for the WSO2 diagnostics no-op; the agent only reads config.yaml.
      { name: 'jmx-exporter-config', configMap: { name: configMap.metadata!.name!, defaultMode: 0o555 } },
    ],
    mounts,
    port: { name: metricsPortName, containerPort: jmx.port, protocol: 'TCP' },
    javaAgentFlag: jmxExporterAgent.javaAgentFlag(agentJar, jmx.port, `${configDir}/${configFile}`),
    podAnnotations: { [jmxExporterChecksumAnnotation]: configChecksum(configMap.data as Json) },
  };
}
