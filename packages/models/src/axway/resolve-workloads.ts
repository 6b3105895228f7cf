import { isDnsSubdomain } from '../field-checks';
import { mergeDefaults } from '../merge-defaults';
import { cpuMillis } from '../quantity';
import type { ResourcesSpec } from '../resources';
import { checkHeapFits, checkResources } from '../resources';
import { quote } from '../spec-error';
import type { StackContext } from '../stack-context';
import { isCidr } from './cidr';
import { adminNodeManagerDefaults, apiManagerDefaults, trafficAutoscalingDefaults, trafficDefaults } from './workload-spec';

/** Memory the JVM needs outside the heap (metaspace, threads, direct buffers), per the reference sheet. */
export const heapHeadroomMiB = 512;

/** Sizing shared by the three workloads. */
export interface ResolvedWorkloadSizing {
  readonly replicas: number;
  readonly resources: ResourcesSpec;
  /** `EMT_HEAP_SIZE_MB`. */
  readonly heapMb: number;
}

/** Admin Node Manager settings after defaults. */
export interface ResolvedAnmSettings extends ResolvedWorkloadSizing {
  readonly allowedSourceRanges: readonly string[];
}

/** API Manager UI settings after defaults. */
export interface ResolvedApiManagerSettings extends ResolvedWorkloadSizing {
  readonly sessionCookieName: string;
}

/** Traffic autoscaling after defaults. */
export interface ResolvedTrafficAutoscaling {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cpuUtilization: number;
}

/** Traffic settings after defaults. */
export interface ResolvedTrafficSettings extends ResolvedWorkloadSizing {
  /** Absent when autoscaling is off. */
  readonly autoscaling?: ResolvedTrafficAutoscaling;
  /** The most traffic pods that can ever run: the HPA maximum, or the replicas. */
  readonly maxReplicas: number;
  readonly proxyBodySize: string;
  readonly proxyReadTimeoutSeconds: number;
}

function sizing(context: StackContext, path: string, defaults: Record<string, unknown>, spec: unknown, extraKeys: readonly string[]) {
  const { checks } = context;
  const user = spec === undefined ? {} : checks.object(path, spec) ? spec : {};
  checks.knownKeys(path, user, ['replicas', 'resources', 'heapMb', ...extraKeys]);
  const s = mergeDefaults(defaults, user) as Record<string, any>;
  checks.integer(`${path}.replicas`, s.replicas, 1);
  checkResources(checks, `${path}.resources`, s.resources);
  if (checks.integer(`${path}.heapMb`, s.heapMb, 256)) checkHeapFits(checks, `${path}.heapMb`, s.heapMb, s.resources?.limits?.memory, heapHeadroomMiB);
  return { s, replicas: s.replicas as number, resources: s.resources as ResourcesSpec, heapMb: s.heapMb as number };
}

/** Checks and completes the Admin Node Manager. */
export function resolveAnmSettings(spec: unknown, context: StackContext): ResolvedAnmSettings {
  const path = 'axway.adminNodeManager';
  const { s, ...sized } = sizing(context, path, adminNodeManagerDefaults, spec, ['allowedSourceRanges']);
  const { checks } = context;
  if (typeof s.replicas === 'number' && s.replicas !== 1)
    checks.issues.add(`${path}.replicas`, `must be 1 (got ${s.replicas}): two Admin Node Managers would each see only part of the topology`);
  const ranges: unknown = s.allowedSourceRanges;
  if (!Array.isArray(ranges) || ranges.length === 0)
    checks.issues.add(`${path}.allowedSourceRanges`, `must list at least one CIDR; the ANM UI must not be open to everyone (got ${quote(ranges)})`);
  else
    ranges.forEach((range, i) => {
      if (!isCidr(range)) checks.issues.add(`${path}.allowedSourceRanges[${i}]`, `${quote(range)} is not a CIDR block such as "10.0.0.0/8"`);
    });
  return { ...sized, allowedSourceRanges: Array.isArray(ranges) ? (ranges as string[]) : [] };
}

/** Checks and completes the API Manager UI. */
export function resolveApiManagerSettings(spec: unknown, context: StackContext): ResolvedApiManagerSettings {
  const path = 'axway.apiManager';
  const { s, ...sized } = sizing(context, path, apiManagerDefaults, spec, ['sessionCookieName']);
  // Cookie names are RFC 6265 tokens.
  if (context.checks.string(`${path}.sessionCookieName`, s.sessionCookieName) && !/^[A-Za-z0-9_-]+$/.test(s.sessionCookieName))
    context.checks.issues.add(`${path}.sessionCookieName`, `${quote(s.sessionCookieName)} is not a cookie name (letters, digits, '_' and '-')`);
  return { ...sized, sessionCookieName: s.sessionCookieName };
}

/** Checks and completes the traffic gateways, with the autoscaling rules. */
export function resolveTrafficSettings(spec: unknown, context: StackContext): ResolvedTrafficSettings {
  const path = 'axway.traffic';
  const { checks, env } = context;
  const { s, ...sized } = sizing(context, path, trafficDefaults, spec, ['autoscaling', 'proxyBodySize', 'proxyReadTimeoutSeconds']);
  if (env.production && typeof s.replicas === 'number' && s.replicas < 3)
    checks.issues.add(`${path}.replicas`, `production runs at least 3 traffic pods, one per zone (got ${s.replicas})`);
  if (typeof s.proxyBodySize !== 'string' || !/^\d+[kmg]?$/.test(s.proxyBodySize))
    checks.issues.add(`${path}.proxyBodySize`, `must be an nginx size such as "10m" (got ${quote(s.proxyBodySize)})`);
  checks.integer(`${path}.proxyReadTimeoutSeconds`, s.proxyReadTimeoutSeconds, 1, 3600);

  const aPath = `${path}.autoscaling`;
  const userAutoscaling = s.autoscaling === undefined ? {} : checks.object(aPath, s.autoscaling) ? s.autoscaling : {};
  checks.knownKeys(aPath, userAutoscaling, ['enabled', 'minReplicas', 'maxReplicas', 'cpuUtilization']);
  const a = mergeDefaults(trafficAutoscalingDefaults as Record<string, unknown>, userAutoscaling) as Record<string, any>;
  checks.boolean(`${aPath}.enabled`, a.enabled);
  let autoscaling: ResolvedTrafficAutoscaling | undefined;
  if (a.enabled === true) {
    const minOk = checks.integer(`${aPath}.minReplicas`, a.minReplicas, 1);
    const maxOk = checks.integer(`${aPath}.maxReplicas`, a.maxReplicas, 1);
    checks.integer(`${aPath}.cpuUtilization`, a.cpuUtilization, 10, 100);
    if (minOk && typeof s.replicas === 'number' && a.minReplicas < s.replicas)
      checks.issues.add(`${aPath}.minReplicas`, `${a.minReplicas} is below axway.traffic.replicas (${s.replicas}); the HPA would scale the Deployment down right after each sync`);
    if (minOk && maxOk && a.maxReplicas < a.minReplicas)
      checks.issues.add(`${aPath}.maxReplicas`, `${a.maxReplicas} is below minReplicas (${a.minReplicas})`);
    if (cpuMillis(s.resources?.requests?.cpu) === undefined)
      checks.issues.add(`${path}.resources.requests.cpu`, 'is required with autoscaling: the HPA measures CPU utilisation against the request');
    autoscaling = { minReplicas: a.minReplicas, maxReplicas: a.maxReplicas, cpuUtilization: a.cpuUtilization };
  }
  return {
    ...sized,
    ...(autoscaling ? { autoscaling } : {}),
    maxReplicas: autoscaling ? Math.max(autoscaling.maxReplicas, sized.replicas) : sized.replicas,
    proxyBodySize: s.proxyBodySize,
    proxyReadTimeoutSeconds: s.proxyReadTimeoutSeconds,
  };
}

/** A public host: the user's, or `<prefix>.<domain>`. */
export function resolveHost(context: StackContext, path: string, value: unknown, prefix: string): string {
  if (value === undefined) return `${prefix}.${context.env.domain}`;
  if (!context.checks.host(path, value)) return '';
  if (!isDnsSubdomain(value)) return '';
  return value;
}
