import { PersistentVolumeClaim } from 'kubernetes-models/v1/PersistentVolumeClaim';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { describe, expect, it } from 'vitest';
import { protectPersistentData, syncOptionsAnnotation } from '../../src/argocd/data-protection';

const claim = (annotations?: Record<string, string>) =>
  new PersistentVolumeClaim({
    metadata: { name: 'events', ...(annotations ? { annotations } : {}) },
    spec: { accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } } },
  });

describe('persistent data', () => {
  it('gives every claim Delete=false,Prune=false, comma-separated as Argo CD reads the annotation', () => {
    const [protectedClaim] = protectPersistentData('dev', [claim()]);
    expect(protectedClaim!.metadata?.annotations).toEqual({ [syncOptionsAnnotation]: 'Delete=false,Prune=false' });
    expect(protectedClaim).toBeInstanceOf(PersistentVolumeClaim);
  });

  it('keeps other sync options and annotations of a claim', () => {
    const [c] = protectPersistentData('dev', [claim({ [syncOptionsAnnotation]: 'ServerSideApply=true, Prune=false', note: 'x' })]);
    expect(c!.metadata?.annotations).toEqual({ [syncOptionsAnnotation]: 'ServerSideApply=true,Delete=false,Prune=false', note: 'x' });
  });

  it('leaves every other kind alone', () => {
    const config = new ConfigMap({ metadata: { name: 'c' }, data: {} });
    expect(protectPersistentData('dev', [config])[0]).toBe(config);
  });

  it.each(['Prune=true', 'Delete=confirm'])('refuses a claim that asks for %s', (option) => {
    expect(() => protectPersistentData('dev', [claim({ [syncOptionsAnnotation]: option })])).toThrow(
      `dev: PersistentVolumeClaim/events: metadata.annotations.argocd.argoproj.io/sync-options: asks for ${option}; a claim holds data, so it always carries Delete=false,Prune=false: remove "${option}"`,
    );
  });
});
