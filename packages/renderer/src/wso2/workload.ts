import type { ResolvedComponent, ResolvedEnvironment, ResolvedWso2, ResolvedWso2Component, Wso2PortName } from '@apim-gitops/models';
import {
  wso2AdminUrlEncodedPasswordKey,
  wso2KeyManagerProfile,
  wso2ConfigVolume,
  wso2Home as productHome,
  wso2Paths,
  wso2HttpsPorts,
  wso2JavaOptsVariable,
  wso2PortNames,
  wso2Ports,
  wso2ProbePaths,
} from '@apim-gitops/models';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import type { IContainer, IEnvVar, IPodSpec, IProbe, IVolume, IVolumeMount } from 'kubernetes-models/v1';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { configChecksum, configChecksumAnnotation } from '../common/checksum';
import { containerSecurityContext, podSecurityContext } from '../common/pod-security';
import { clusterService, serviceAccount } from '../common/service';
import { nodeAntiAffinity, schedulingOf, zoneSpread } from '../common/spread';
import { schemaCheckContainer } from '../common/schema-check';
import { extraEnvVars } from '../common/extra-env';
import { secretRotation } from '../common/secret-rotation';
import { waitForContainer } from '../common/wait-for';
import type { JmxExporterPodParts } from '../monitoring/jmx-exporter';
import { jmxExporterPodParts } from '../monitoring/jmx-exporter';
import type { KubeObject } from '../kube-object';
import { componentLabels, selectorLabels } from '../labels';
import { databaseEnv, deploymentToml, wso2SecretEnv } from './deployment-toml';
import { log4j2Properties } from './log4j2-properties';

// Product facts (user, paths, probe endpoints) come from models' wso2/facts.ts; these are short names for them.
/** Home of the product user in every WSO2 image. */
export const wso2Home = productHome;
/** The entrypoint copies everything under this folder over `$WSO2_SERVER_HOME` before starting. */
export const configVolumeRoot = wso2ConfigVolume;
/** Where deployment.toml lands, relative to the server home (and to `configVolumeRoot`). */
export const deploymentTomlPath = wso2Paths.deploymentToml;
/** Where the keystores land, relative to the server home. */
export const securityPath = wso2Paths.security;

/** Readiness endpoint of the control plane and gateways: healthy once start-up, artifacts included, finished. */
export const startupHealthcheckPath = wso2ProbePaths.startupHealthcheck;
/** Readiness endpoint of the key managers. */
export const jwksPath = wso2ProbePaths.jwks;
/** Liveness endpoint on the plain servlet port. */
export const versionPath = wso2ProbePaths.version;

/** Seconds between SIGTERM and SIGKILL: 10 s preStop sleep plus the server's own shutdown. */
export const terminationGracePeriodSeconds = 90;

/** Name of a component's ConfigMap holding deployment.toml. */
export function configMapName(component: { readonly id: string }): string {
  return `${component.id}-config`;
}

/** What differs between the three WSO2 workloads. */
export interface Wso2Workload {
  readonly env: ResolvedEnvironment;
  readonly wso2: ResolvedWso2;
  readonly resolved: ResolvedWso2Component;
  readonly component: ResolvedComponent;
  /** deployment.toml as data. */
  readonly toml: Record<string, unknown>;
  readonly containerPorts: readonly Wso2PortName[];
  readonly servicePorts: readonly Wso2PortName[];
  readonly readinessPath: string;
}

function secretEnv(name: string, secret: string, key: string): IEnvVar {
  return { name, valueFrom: { secretKeyRef: { name: secret, key } } };
}

function containerEnv(w: Wso2Workload, metrics: JmxExporterPodParts | undefined): IEnvVar[] {
  const { wso2, resolved: c } = w;
  const dbs = [wso2.databases.apim, wso2.databases.shared].filter((db) => c.databases.includes(db.key));
  // The agent goes in front of the user's own JAVA_OPTS, which every 4.5 start script reads (facts.ts).
  const { [wso2JavaOptsVariable]: userJavaOpts, ...extraEnv } = c.extraEnv;
  const javaOpts = [metrics?.javaAgentFlag, userJavaOpts].filter((o) => o !== undefined).join(' ');
  return [
    { name: 'NODE_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
    { name: 'JVM_MEM_OPTS', value: `-Xms${c.heapMiB}m -Xmx${c.heapMiB}m` },
    ...(c.profile ? [{ name: 'PROFILE_NAME', value: c.profile }] : []),
    secretEnv(wso2SecretEnv.adminUsername, wso2.adminSecret, 'username'),
    secretEnv(wso2SecretEnv.adminPassword, wso2.adminSecret, 'password'),
    secretEnv(wso2SecretEnv.adminPasswordUrlEncoded, wso2.adminSecret, wso2AdminUrlEncodedPasswordKey),
    ...dbs.flatMap((db) => [
      secretEnv(databaseEnv(db).username, db.credentialsSecret, 'username'),
      secretEnv(databaseEnv(db).password, db.credentialsSecret, 'password'),
    ]),
    secretEnv(wso2SecretEnv.keystorePassword, wso2.keystores.secret, wso2.keystores.keystorePasswordKey),
    secretEnv(wso2SecretEnv.truststorePassword, wso2.keystores.secret, wso2.keystores.truststorePasswordKey),
    ...extraEnvVars(extraEnv),
    ...(javaOpts ? [{ name: wso2JavaOptsVariable, value: javaOpts }] : []),
  ];
}

function storeFiles(wso2: ResolvedWso2): string[] {
  const k = wso2.keystores;
  return [k.keystoreFile, k.truststoreFile, ...(k.internalKeystoreFile ? [k.internalKeystoreFile] : [])];
}

function volumes(w: Wso2Workload): IVolume[] {
  return [
    {
      name: 'config',
      configMap: {
        name: configMapName(w.resolved),
        items: [
          { key: 'deployment.toml', path: 'deployment.toml' },
          { key: 'log4j2.properties', path: 'log4j2.properties' },
        ],
      },
    },
    { name: 'keystores', secret: { secretName: w.wso2.keystores.secret, items: storeFiles(w.wso2).map((f) => ({ key: f, path: f })) } },
  ];
}

function volumeMounts(w: Wso2Workload): IVolumeMount[] {
  return [
    { name: 'config', mountPath: `${configVolumeRoot}/${deploymentTomlPath}`, subPath: 'deployment.toml', readOnly: true },
    { name: 'config', mountPath: `${configVolumeRoot}/${wso2Paths.log4j2Properties}`, subPath: 'log4j2.properties', readOnly: true },
    ...storeFiles(w.wso2).map((file) => ({ name: 'keystores', mountPath: `${configVolumeRoot}/${securityPath}/${file}`, subPath: file, readOnly: true })),
  ];
}

function probes(w: Wso2Workload): Pick<IContainer, 'startupProbe' | 'livenessProbe' | 'readinessProbe'> {
  const timing: Partial<IProbe> = { periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 3 };
  return {
    // ≈5 minutes for first start-up (schema checks, artifact sync) before liveness takes over.
    startupProbe: { tcpSocket: { port: wso2Ports.servletHttps }, periodSeconds: 10, failureThreshold: 30 },
    livenessProbe: { httpGet: { path: versionPath, port: wso2Ports.servletHttp, scheme: 'HTTP' }, ...timing },
    readinessProbe: { httpGet: { path: w.readinessPath, port: wso2Ports.servletHttps, scheme: 'HTTPS' }, ...timing },
  };
}

function mainContainer(w: Wso2Workload, metrics: JmxExporterPodParts | undefined): IContainer {
  const c = w.resolved;
  // The acp image's entrypoint starts a full control plane unless PROFILE_NAME is exactly key-manager
  // (docker-apim 4.5.x apim-acp/docker-entrypoint.sh): a second control plane would act as event hub.
  if (c.imageKind === 'apiControlPlane' && c.profile !== wso2KeyManagerProfile)
    throw new Error(`${w.env.name}: ${c.id} runs the acp image without PROFILE_NAME=${wso2KeyManagerProfile}; it would start as a control plane`);
  return {
    name: w.component.component,
    image: c.image,
    imagePullPolicy: 'IfNotPresent',
    ports: [
      ...w.containerPorts.map((p) => ({ name: wso2PortNames[p], containerPort: wso2Ports[p], protocol: 'TCP' as const })),
      ...(metrics ? [metrics.port] : []),
    ],
    env: containerEnv(w, metrics),
    resources: {
      requests: { cpu: c.resources.requests.cpu, memory: c.resources.requests.memory },
      limits: { cpu: c.resources.limits.cpu, memory: c.resources.limits.memory },
    },
    ...probes(w),
    lifecycle: {
      // The sleep lets ingress-nginx and kube-proxy stop routing here before the server stops.
      preStop: { exec: { command: ['sh', '-c', `sleep 10 && "$WSO2_SERVER_HOME/bin/${c.script}.sh" stop`] } },
    },
    volumeMounts: [...volumeMounts(w), ...(metrics?.mounts ?? [])],
    securityContext: containerSecurityContext(),
  };
}

/** The component's ConfigMap: deployment.toml and log4j2.properties, each serialised from typed data. */
export function wso2ConfigMap(w: Wso2Workload): ConfigMap {
  return new ConfigMap({
    metadata: { name: configMapName(w.resolved), labels: componentLabels(w.component) },
    data: { 'deployment.toml': deploymentToml(w.toml), 'log4j2.properties': log4j2Properties(w.resolved.imageKind, w.env.logging.format) },
  });
}

/** The init containers: a TCP wait per endpoint, or, for a database in production, a schema check (with its CA volume). */
function prechecks(w: Wso2Workload): { containers: IContainer[]; volumes: IVolume[] } {
  const containers: IContainer[] = [];
  const volumes: IVolume[] = [];
  for (const t of w.resolved.waitFor) {
    if (!t.schema) {
      containers.push(waitForContainer(t, w.env.images.precheck));
      continue;
    }
    const remedy = `load ${t.schema.script} (shipped in the product home) into it, or set wso2.schemaJob.enabled`;
    const check = schemaCheckContainer({ ...t, ...t.schema, remedy }, w.wso2.mysqlClientImage);
    containers.push(check.container);
    if (check.volume) volumes.push(check.volume);
  }
  return { containers, volumes };
}

/** The component's Deployment. The control plane rolls by `Recreate`; the others one extra pod at a time. */
export function wso2Deployment(w: Wso2Workload, configMap: ConfigMap): Deployment {
  const { env, wso2, resolved: c, component } = w;
  const selector = selectorLabels(component);
  // Pattern 5 runs a single-mode control plane: two side by side would both act as event hub.
  const recreate = c.role === 'controlPlane';
  const checks = prechecks(w);
  const metrics = jmxExporterPodParts(env, 'wso2');
  const pod: IPodSpec = {
    serviceAccountName: component.id,
    automountServiceAccountToken: false,
    securityContext: podSecurityContext(wso2.securityContext.runAsUser, wso2.securityContext.runAsGroup),
    terminationGracePeriodSeconds,
    ...(env.images.pullSecret ? { imagePullSecrets: [{ name: env.images.pullSecret }] } : {}),
    affinity: nodeAntiAffinity(selector, 'preferred'),
    ...schedulingOf(env),
    ...(env.scheduling.zoneSpread === 'none' ? {} : { topologySpreadConstraints: zoneSpread(selector, env.scheduling.zoneSpread) }),
    initContainers: [...checks.containers, ...(metrics ? [metrics.initContainer] : [])],
    containers: [mainContainer(w, metrics)],
    volumes: [...volumes(w), ...checks.volumes, ...(metrics?.volumes ?? [])],
  };
  const rotation = secretRotation(env, pod);
  return new Deployment({
    metadata: {
      name: component.id,
      labels: componentLabels(component),
      ...(Object.keys(rotation.deployment).length ? { annotations: rotation.deployment } : {}),
    },
    spec: {
      replicas: c.replicas,
      selector: { matchLabels: selector },
      strategy: recreate ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      template: {
        metadata: {
          labels: componentLabels(component),
          annotations: {
            ...c.podAnnotations,
            [configChecksumAnnotation]: configChecksum(configMap.data as Record<string, string>),
            ...metrics?.podAnnotations,
            ...rotation.pod,
          },
        },
        spec: pod,
      },
    },
  });
}

/** ServiceAccount, ConfigMap, Deployment and Service of one WSO2 component. */
export function renderWso2Workload(w: Wso2Workload): KubeObject[] {
  const configMap = wso2ConfigMap(w);
  return [
    serviceAccount(w.component),
    configMap,
    wso2Deployment(w, configMap),
    clusterService(
      w.component,
      w.servicePorts.map((p) => ({ name: wso2PortNames[p], port: wso2Ports[p], ...(wso2HttpsPorts.includes(p) ? { appProtocol: 'https' as const } : {}) })),
    ),
  ];
}
