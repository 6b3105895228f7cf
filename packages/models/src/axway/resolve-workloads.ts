import type { ResourcesSpec } from '../resources';
import { checkHeapFits, checkResources } from '../resources';
import { checkPrivateRanges } from '../egress';
import { checkExtraEnv } from '../extra-env';
import { axwayCassandraEnv, axwayImageEnv } from './facts';
import { withSpecDefault } from '../schema/spec-defaults';
import type { StackContext } from '../stack-context';
import type { AdminNodeManagerSpec, ApiManagerSpec, TrafficSpec } from './workload-spec';

/** Memory the JVM needs outside the heap (metaspace, threads, direct buffers), per the reference sheet. */
export const heapHeadroomMiB = 512;

/** Sizing shared by the three workloads. */
export interface ResolvedWorkloadSizing {
  readonly replicas: number;
  readonly resources: ResourcesSpec;
  /** `EMT_HEAP_SIZE_MB`. */
  readonly heapMb: number;
  /** Further environment variables (never secret values). */
  readonly extraEnv: Readonly<Record<string, string>>;
  /** Further pod annotations. */
  readonly podAnnotations: Readonly<Record<string, string>>;
  /** `EMT_TRACE_LEVEL` of this workload, when it differs from the stack's. */
  readonly traceLevel?: 'INFO' | 'DEBUG' | 'DATA';
}

/** Admin Node Manager settings after defaults. */
export interface ResolvedAnmSettings extends ResolvedWorkloadSizing {
  readonly allowedSourceRanges: readonly string[];
}

/** API Manager UI settings after defaults. */
export interface ResolvedApiManagerSettings extends ResolvedWorkloadSizing {
  readonly sessionCookieName: string;
  /** Client CIDRs admitted to the UI, or undefined when it is public. */
  readonly allowedSourceRanges?: readonly string[];
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

/** Replicas, resources over their @default (a partial is allowed) and a heap that fits them. */
// Variables the EMT start scripts read: set by the renderer from the spec, never by extraEnv.
const reservedEnv = new Set<string>([...axwayImageEnv.anm, ...axwayImageEnv.gateway, axwayCassandraEnv.host, ...axwayCassandraEnv.environmentalised]);

function sizing(
  context: StackContext,
  path: string,
  definition: string,
  spec: {
    replicas?: number;
    resources?: Partial<ResourcesSpec>;
    heapMb?: number;
    extraEnv?: Readonly<Record<string, string>>;
    podAnnotations?: Readonly<Record<string, string>>;
    traceLevel?: 'INFO' | 'DEBUG' | 'DATA';
  },
) {
  const resources = withSpecDefault<ResourcesSpec>(definition, 'resources', spec.resources);
  checkResources(context.checks, `${path}.resources`, resources);
  checkHeapFits(context.checks, `${path}.heapMb`, spec.heapMb!, resources.limits.memory, heapHeadroomMiB);
  const extraEnv = checkExtraEnv(context.checks, `${path}.extraEnv`, spec.extraEnv!, (name) => reservedEnv.has(name) || /^CASS_HOST\d+$/.test(name));
  return {
    replicas: spec.replicas!,
    resources,
    heapMb: spec.heapMb!,
    extraEnv,
    podAnnotations: { ...spec.podAnnotations! },
    ...(spec.traceLevel ? { traceLevel: spec.traceLevel } : {}),
  };
}

/** The Admin Node Manager after defaults. */
export function resolveAnmSettings(spec: AdminNodeManagerSpec, context: StackContext): ResolvedAnmSettings {
  checkPrivateRanges(context, 'axway.adminNodeManager.allowedSourceRanges', spec.allowedSourceRanges!);
  return { ...sizing(context, 'axway.adminNodeManager', 'AdminNodeManagerSpec', spec), allowedSourceRanges: spec.allowedSourceRanges! };
}

/** The API Manager UI after defaults. */
export function resolveApiManagerSettings(spec: ApiManagerSpec, context: StackContext): ResolvedApiManagerSettings {
  const ranges = spec.allowedSourceRanges;
  if (ranges) checkPrivateRanges(context, 'axway.apiManager.allowedSourceRanges', ranges);
  return {
    ...sizing(context, 'axway.apiManager', 'ApiManagerSpec', spec),
    sessionCookieName: spec.sessionCookieName!,
    ...(ranges ? { allowedSourceRanges: [...ranges] } : {}),
  };
}

/** The traffic gateways after defaults, with the rules that relate their replicas and autoscaling. */
export function resolveTrafficSettings(spec: TrafficSpec, context: StackContext): ResolvedTrafficSettings {
  const path = 'axway.traffic';
  const { checks, env } = context;
  const sized = sizing(context, path, 'TrafficSpec', spec);
  if (env.production && sized.replicas < 3)
    checks.issues.add(`${path}.replicas`, `production runs at least 3 traffic pods, one per zone (got ${sized.replicas})`);
  const a = spec.autoscaling!;
  let autoscaling: ResolvedTrafficAutoscaling | undefined;
  if (a.enabled === true) {
    const aPath = `${path}.autoscaling`;
    if (a.minReplicas! < sized.replicas)
      checks.issues.add(
        `${aPath}.minReplicas`,
        `${a.minReplicas} is below axway.traffic.replicas (${sized.replicas}); the HPA would scale the Deployment down right after each sync`,
      );
    if (a.maxReplicas! < a.minReplicas!) checks.issues.add(`${aPath}.maxReplicas`, `${a.maxReplicas} is below minReplicas (${a.minReplicas})`);
    autoscaling = { minReplicas: a.minReplicas!, maxReplicas: a.maxReplicas!, cpuUtilization: a.cpuUtilization! };
  }
  return {
    ...sized,
    ...(autoscaling ? { autoscaling } : {}),
    maxReplicas: autoscaling ? Math.max(autoscaling.maxReplicas, sized.replicas) : sized.replicas,
    proxyBodySize: spec.proxyBodySize!,
    proxyReadTimeoutSeconds: spec.proxyReadTimeoutSeconds!,
  };
}

/** A public host: the user's, or `<prefix>.<domain>` (checked, since a long domain can make it too long). */
export function resolveHost(context: StackContext, path: string, value: string | undefined, prefix: string): string {
  const host = value ?? `${prefix}.${context.env.domain}`;
  return context.checks.host(path, host) ? host : '';
}
