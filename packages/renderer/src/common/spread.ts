import type { EnvironmentBasics } from '@apim-gitops/models';
import type { IAffinity, IPodSpec, ITopologySpreadConstraint } from 'kubernetes-models/v1';

/** How replicas spread over zones, from the environment's scheduling settings. */
export type ZoneSpread = 'preferred' | 'required' | 'none';

/**
 * Anti-affinity that keeps replicas on different nodes: `required` for workloads that must
 * survive a node loss, `preferred` (weight 100) otherwise.
 */
export function nodeAntiAffinity(selector: Record<string, string>, mode: 'preferred' | 'required'): IAffinity {
  const term = { labelSelector: { matchLabels: selector }, topologyKey: 'kubernetes.io/hostname' };
  return mode === 'required'
    ? { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [term] } }
    : { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, podAffinityTerm: term }] } };
}

/** The environment's node selector and tolerations, for every pod spec (nothing when it sets none). */
export function schedulingOf(env: EnvironmentBasics): Pick<IPodSpec, 'nodeSelector' | 'tolerations'> {
  const { nodeSelector, tolerations } = env.scheduling;
  return {
    ...(Object.keys(nodeSelector).length > 0 ? { nodeSelector: { ...nodeSelector } } : {}),
    ...(tolerations.length > 0 ? { tolerations: tolerations.map((t) => ({ ...t })) } : {}),
  };
}

/** Zone spreading: `DoNotSchedule` only when every node carries a zone label (`required`). */
export function zoneSpread(selector: Record<string, string>, mode: ZoneSpread): ITopologySpreadConstraint[] {
  if (mode === 'none') return [];
  return [
    {
      maxSkew: 1,
      topologyKey: 'topology.kubernetes.io/zone',
      whenUnsatisfiable: mode === 'required' ? 'DoNotSchedule' : 'ScheduleAnyway',
      labelSelector: { matchLabels: selector },
    },
  ];
}
