import { describe, expect, it } from 'vitest';
import { platformSyncWave } from '@apim-gitops/models';
import type { Obj } from './rendered';
import { byKind, environments, named, renderWso2Plain, selects } from './rendered';

describe('database schema Job', () => {
  it('is off unless asked for, and on in production', () => {
    expect(byKind(renderWso2Plain(environments.base!), 'Job')).toEqual([]);
    expect(byKind(renderWso2Plain(environments.prod!), 'Job').map((j) => j.metadata.name)).toEqual(['wso2-schema']);
  });

  const objects = renderWso2Plain(environments.dev!);
  const job = named(objects, 'Job', 'wso2-schema');
  const pod = job.spec.template.spec;

  it('is an Argo CD Sync hook replaced on each sync, in a wave after the Secrets and before the control plane', () => {
    // PreSync would run before the ExternalSecrets exist on a first sync and wait forever for its Secret.
    expect(job.metadata.annotations).toMatchObject({ 'argocd.argoproj.io/hook': 'Sync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' });
    const wave = (o: Obj) => Number(o.metadata.annotations['argocd.argoproj.io/sync-wave']);
    expect(wave(job)).toBeGreaterThan(platformSyncWave);
    expect(wave(job)).toBeLessThan(wave(named(objects, 'Deployment', 'wso2-control-plane')));
    expect(pod.restartPolicy).toBe('Never');
  });

  it('runs under its own ServiceAccount, without a token', () => {
    expect(pod.serviceAccountName).toBe('wso2-schema');
    expect(named(objects, 'ServiceAccount', 'wso2-schema').automountServiceAccountToken).toBe(false);
  });

  it('takes the dbscripts from the control plane image and loads both schemas', () => {
    const cp = named(objects, 'Deployment', 'wso2-control-plane').spec.template.spec.containers[0].image;
    expect(pod.initContainers[0].image).toBe(cp);
    expect(pod.initContainers[0].command.join(' ')).toContain('$WSO2_SERVER_HOME/dbscripts/.');
    const script = pod.containers[0].command[2];
    expect(script).toMatch(/UM_TENANT mysql\.sql/);
    expect(script).toMatch(/AM_API apimgt\/mysql\.sql/);
    const env = new Map(pod.containers[0].env.map((e: Obj) => [e.name, e]));
    expect((env.get('APIM_DB_PASSWORD') as Obj).valueFrom.secretKeyRef).toEqual({ name: 'wso2-apim-db', key: 'password' });
    expect((env.get('SHARED_DB_NAME') as Obj).value).toBe('shared_db');
  });

  it('is selected by no Service', () => {
    for (const service of byKind(objects, 'Service'))
      expect(selects(service.spec.selector, job.spec.template.metadata.labels), service.metadata.name).toBe(false);
  });
});
