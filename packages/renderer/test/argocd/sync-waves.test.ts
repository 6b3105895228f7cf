import { baseEnvironmentSource, baseEnvironmentSpec, componentSyncWaves, platformSyncWave, resolveEnvironment, SpecError } from '@apim-gitops/models';
import { describe, expect, it } from 'vitest';
import { applySyncWaves, hookAnnotation, syncWaveAnnotation } from '../../src/argocd/sync-waves';
import type { KubeObject } from '../../src/kube-object';
import { objectId } from '../../src/kube-object';
import { renderEnvironment } from '../../src/render-environment';
import { renderSecrets } from '../../src/platform/secrets';
import { component, componentObjects, environmentWith, stackComponents } from './component-fixtures';

const wave = (o: KubeObject) => Number(o.metadata?.annotations?.[syncWaveAnnotation]);
const instance = (o: KubeObject) => o.metadata?.labels?.['app.kubernetes.io/instance'];

describe('sync waves', () => {
  const env = environmentWith(stackComponents);
  const objects = applySyncWaves(env, [...renderSecrets(env), ...componentObjects(stackComponents)]);

  it('gives every object a wave', () => {
    for (const o of objects) expect(Number.isInteger(wave(o)), objectId(o)).toBe(true);
  });

  it.each(stackComponents.flatMap((c) => c.dependsOn.map((dep) => [c.id, dep] as const)))(
    '%s syncs in a later wave than %s, which it depends on',
    (id, dep) => {
      const waveOf = (cid: string) => [...new Set(objects.filter((o) => instance(o) === cid).map(wave))];
      expect(waveOf(dep)).toHaveLength(1);
      expect(waveOf(id)).toHaveLength(1);
      expect(waveOf(dep)[0]!).toBeLessThan(waveOf(id)[0]!);
    },
  );

  it('orders WSO2 control plane, key manager, gateway and Axway ANM, API Manager, traffic', () => {
    const waves = componentSyncWaves(stackComponents, 'test');
    expect(waves.get('wso2-control-plane')!).toBeLessThan(waves.get('wso2-key-manager')!);
    expect(waves.get('wso2-key-manager')!).toBeLessThan(waves.get('wso2-gateway')!);
    expect(waves.get('axway-anm')!).toBeLessThan(waves.get('axway-api-manager')!);
    expect(waves.get('axway-api-manager')!).toBeLessThan(waves.get('axway-traffic')!);
  });

  it('puts the platform objects (ExternalSecrets) in the lowest wave', () => {
    const lowest = Math.min(...objects.map(wave));
    const secrets = objects.filter((o) => o.kind === 'ExternalSecret');
    expect(secrets.length).toBeGreaterThan(0);
    for (const s of secrets) expect(wave(s), objectId(s)).toBe(lowest);
    expect(lowest).toBe(platformSyncWave);
    expect(objects.filter((o) => o.kind !== 'ExternalSecret').every((o) => wave(o) > lowest)).toBe(true);
  });

  it('keeps the hook annotations of Argo CD hooks', () => {
    const job = objects.find((o) => o.kind === 'Job')!;
    expect(job.metadata?.annotations).toMatchObject({
      [hookAnnotation]: 'PreSync',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
      [syncWaveAnnotation]: '1',
    });
  });

  it('keeps the objects model instances that still validate', () => {
    for (const o of objects) expect(() => o.validate?.(), objectId(o)).not.toThrow();
    expect(objects.every((o) => typeof o.validate === 'function')).toBe(true);
  });

  it('leaves the objects it was given untouched', () => {
    const input = componentObjects(stackComponents);
    applySyncWaves(env, input);
    expect(input.filter((o) => o.kind !== 'Job').every((o) => o.metadata?.annotations === undefined)).toBe(true);
  });

  it('annotates every object renderEnvironment returns for a real environment, by its component', () => {
    const base = resolveEnvironment(baseEnvironmentSpec, baseEnvironmentSource);
    const waves = componentSyncWaves(base.components, base.name);
    const rendered = renderEnvironment(base);
    expect(rendered.length).toBeGreaterThan(0);
    for (const o of rendered) {
      const id = instance(o);
      const want = id !== undefined && waves.has(id) ? waves.get(id)! : platformSyncWave;
      expect(o.metadata?.annotations?.[syncWaveAnnotation], objectId(o)).toBe(String(want));
    }
  });
});

describe('sync wave errors', () => {
  it('reports a dependency cycle as a SpecError naming the field and the cycle', () => {
    const cyclic = [
      component('wso2-control-plane', 'wso2', ['wso2-gateway']),
      component('wso2-key-manager', 'wso2', ['wso2-control-plane']),
      component('wso2-gateway', 'wso2', ['wso2-key-manager']),
    ];
    const env = environmentWith(cyclic);
    expect(() => applySyncWaves(env, [])).toThrow(SpecError);
    expect(() => applySyncWaves(env, [])).toThrow(
      `${env.source}: components.wso2-control-plane.dependsOn: forms a dependency cycle wso2-control-plane → wso2-gateway → wso2-key-manager → wso2-control-plane; Argo CD cannot order these components, so remove one of these dependsOn entries`,
    );
  });

  it('reports a component that depends on itself', () => {
    expect(() => componentSyncWaves([component('axway-anm', 'axway', ['axway-anm'])], 'env.ts')).toThrow(
      'env.ts: components.axway-anm.dependsOn: forms a dependency cycle axway-anm → axway-anm;',
    );
  });

  it('reports a dependency on a component the environment does not run', () => {
    expect(() => componentSyncWaves([component('axway-traffic', 'axway', ['axway-api-manager'])], 'env.ts')).toThrow(
      'env.ts: components.axway-traffic.dependsOn[0]: "axway-api-manager" is not a component of this environment (components: axway-traffic)',
    );
  });

  it('rejects a sync wave typed on a resource by hand', () => {
    const env = environmentWith(stackComponents);
    const [configMap] = componentObjects(stackComponents);
    const typed = Object.assign(Object.create(Object.getPrototypeOf(configMap)), configMap, {
      metadata: { ...configMap!.metadata, annotations: { [syncWaveAnnotation]: '7' } },
    }) as KubeObject;
    expect(() => applySyncWaves(env, [typed])).toThrow(
      "test: ConfigMap/wso2-control-plane-config: metadata.annotations.argocd.argoproj.io/sync-wave: is set by hand; sync waves are derived from the components' dependsOn, so remove it",
    );
  });
});
