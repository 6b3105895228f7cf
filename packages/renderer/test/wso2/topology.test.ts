import { describe, expect, it } from 'vitest';
import type { Obj } from './rendered';
import { baseWith, byKind, environments, named, renderWso2Plain, selects } from './rendered';

describe('prod runs Pattern 5 as written', () => {
  const objects = renderWso2Plain(environments.prod!);

  it('renders exactly 1 control plane, 2 key managers and 2 gateways', () => {
    const replicas = Object.fromEntries(byKind(objects, 'Deployment').map((d) => [d.metadata.name, d.spec.replicas]));
    expect(replicas).toEqual({ 'wso2-control-plane': 1, 'wso2-key-manager': 2, 'wso2-gateway': 2 });
    expect(byKind(objects, 'StatefulSet')).toEqual([]);
  });

  it.each([
    ['wso2-control-plane', { type: 'Recreate' }],
    ['wso2-key-manager', { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }],
    ['wso2-gateway', { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } }],
  ])('%s rolls out by %j', (id, strategy) => {
    expect(named(objects, 'Deployment', id).spec.strategy).toEqual(strategy);
  });

  it('has PDBs for the key managers and gateways only, and one HPA on the gateways', () => {
    expect(
      byKind(objects, 'PodDisruptionBudget')
        .map((p) => p.metadata.name)
        .sort(),
    ).toEqual(['wso2-gateway', 'wso2-key-manager']);
    expect(byKind(objects, 'HorizontalPodAutoscaler').map((h) => h.spec.scaleTargetRef.name)).toEqual(['wso2-gateway']);
  });

  it('requires zone spread and prefers different nodes', () => {
    for (const d of byKind(objects, 'Deployment')) {
      const spec = d.spec.template.spec;
      expect(spec.topologySpreadConstraints[0]).toMatchObject({ topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule' });
      expect(spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]).toMatchObject({
        weight: 100,
        podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' },
      });
      expect(selects(spec.topologySpreadConstraints[0].labelSelector.matchLabels, d.spec.template.metadata.labels)).toBe(true);
    }
  });
});

describe.each(Object.keys(environments))('%s: availability objects are consistent', (name) => {
  const objects = renderWso2Plain(environments[name]!);
  const deployments = byKind(objects, 'Deployment');

  it('every PDB selects the pods of exactly one Deployment and lets one drain', () => {
    for (const pdb of byKind(objects, 'PodDisruptionBudget')) {
      const targets = deployments.filter((d) => selects(pdb.spec.selector.matchLabels, d.spec.template.metadata.labels));
      expect(targets, pdb.metadata.name).toHaveLength(1);
      expect(pdb.spec.minAvailable, pdb.metadata.name).toBeLessThan(targets[0]!.spec.replicas);
      expect(pdb.spec.minAvailable).toBeGreaterThanOrEqual(1);
    }
  });

  it('every single-replica Deployment has no PDB', () => {
    for (const d of deployments.filter((d) => d.spec.replicas < 2))
      expect(
        byKind(objects, 'PodDisruptionBudget').some((p) => selects(p.spec.selector.matchLabels, d.spec.template.metadata.labels)),
        d.metadata.name,
      ).toBe(false);
  });

  it('every HPA targets a rendered Deployment, never below its replicas, with room to grow', () => {
    for (const hpa of byKind(objects, 'HorizontalPodAutoscaler')) {
      const target = deployments.find((d) => d.metadata.name === hpa.spec.scaleTargetRef.name);
      expect(target, hpa.metadata.name).toBeDefined();
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(target!.spec.replicas);
      expect(hpa.spec.maxReplicas).toBeGreaterThan(hpa.spec.minReplicas);
      expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 75 } } }]);
    }
  });
});

describe('dev drops to one pod per component', () => {
  const objects = renderWso2Plain(environments.dev!);
  it('renders no PDB and no HPA', () => {
    expect(byKind(objects, 'Deployment').map((d: Obj) => d.spec.replicas)).toEqual([1, 1, 1]);
    expect(byKind(objects, 'PodDisruptionBudget')).toEqual([]);
    expect(byKind(objects, 'HorizontalPodAutoscaler')).toEqual([]);
  });
  it('does not spread over zones it does not have', () => {
    for (const d of byKind(objects, 'Deployment')) expect(d.spec.template.spec.topologySpreadConstraints, d.metadata.name).toBeUndefined();
  });
});

describe('autoscaling follows the spec', () => {
  it('renders the declared bounds', () => {
    const hpa = named(
      renderWso2Plain(baseWith({ gateway: { replicas: 3, autoscaling: { maxReplicas: 8, targetCpuPercent: 60 } } })),
      'HorizontalPodAutoscaler',
      'wso2-gateway',
    );
    expect(hpa.spec).toMatchObject({ minReplicas: 3, maxReplicas: 8 });
    expect(hpa.spec.metrics[0].resource.target.averageUtilization).toBe(60);
  });
});
