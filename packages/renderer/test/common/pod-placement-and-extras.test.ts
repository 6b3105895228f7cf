import { describe, expect, it } from 'vitest';
import type { EnvironmentSpec } from '@apim-gitops/models';
import { axwayBaseSpec, baseEnvironmentSpec, resolveEnvironment, SpecError } from '@apim-gitops/models';
import { renderEnvironment, toPlain } from '@apim-gitops/renderer';

type Plain = Record<string, any>;

const digest = `sha256:${'ab'.repeat(32)}`;

/** The base environment with both stacks and some fields replaced. */
function spec(change: (s: Record<string, any>) => void): EnvironmentSpec {
  const s = structuredClone({ ...baseEnvironmentSpec, name: 'test', axway: axwayBaseSpec }) as Record<string, any>;
  change(s);
  return s as EnvironmentSpec;
}

function render(s: EnvironmentSpec): Plain[] {
  return renderEnvironment(resolveEnvironment(s, 'environments/test/environment.ts')).map((o) => toPlain(o) as Plain);
}

function problems(s: EnvironmentSpec): string {
  try {
    resolveEnvironment(s, 'environments/test/environment.ts');
  } catch (error) {
    expect(error).toBeInstanceOf(SpecError);
    return (error as SpecError).message;
  }
  return '';
}

/** Every pod template the environment renders: Deployments, StatefulSets and Jobs. */
function podSpecs(objects: Plain[]): [string, Plain][] {
  return objects.filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o.kind)).map((o) => [`${o.kind}/${o.metadata.name}`, o.spec.template.spec]);
}

const find = (objects: Plain[], kind: string, name: string) => {
  const found = objects.find((o) => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`no ${kind}/${name}`);
  return found;
};
const envOf = (d: Plain) => Object.fromEntries(d.spec.template.spec.containers[0].env.map((e: Plain) => [e.name, e.value ?? e.valueFrom]));

describe('scheduling.nodeSelector and scheduling.tolerations', () => {
  const toleration = { key: 'dedicated', value: 'apim', effect: 'NoSchedule' };
  const objects = render(
    spec((s) => {
      s.scheduling = { nodeSelector: { 'node-pool': 'apim' }, tolerations: [toleration] };
      s.wso2.schemaJob = { enabled: true };
      s.axway.metricsSchemaJob = { enabled: true };
    }),
  );

  it('reach every pod the environment runs, Jobs included', () => {
    const pods = podSpecs(objects);
    expect(pods.map(([name]) => name)).toEqual(
      expect.arrayContaining(['Deployment/wso2-gateway', 'Deployment/axway-traffic', 'Job/wso2-schema', 'Job/axway-metrics-schema']),
    );
    for (const [name, pod] of pods) {
      expect(pod.nodeSelector, name).toEqual({ 'node-pool': 'apim' });
      // The operator default is written out, so the manifest says what the scheduler does.
      expect(pod.tolerations, name).toEqual([{ ...toleration, operator: 'Equal' }]);
    }
  });

  it('are left out of the pods when an environment sets none', () => {
    for (const [name, pod] of podSpecs(render(spec(() => {})))) {
      expect(pod.nodeSelector, name).toBeUndefined();
      expect(pod.tolerations, name).toBeUndefined();
    }
  });

  it('refuse an unknown taint effect with the field path', () => {
    const message = problems(spec((s) => (s.scheduling = { tolerations: [{ key: 'dedicated', effect: 'NoRun' }] })));
    expect(message).toContain('scheduling.tolerations[0].effect');
  });

  it('refuse a value with the Exists operator, which the API server rejects', () => {
    const message = problems(spec((s) => (s.scheduling = { tolerations: [{ key: 'dedicated', operator: 'Exists', value: 'apim' }] })));
    expect(message).toContain('scheduling.tolerations[0].value');
  });
});

describe('extraEnv and podAnnotations', () => {
  const objects = render(
    spec((s) => {
      s.wso2.gateway = { ...s.wso2.gateway, extraEnv: { TZ: 'Europe/Paris' }, podAnnotations: { 'mesh.example.org/inject': 'false' } };
      s.axway.traffic = { ...s.axway.traffic, extraEnv: { TZ: 'UTC' }, podAnnotations: { 'backup.example.org/skip': 'true' } };
    }),
  );

  it('land on the WSO2 component they were set on and no other', () => {
    const gateway = find(objects, 'Deployment', 'wso2-gateway');
    expect(envOf(gateway).TZ).toBe('Europe/Paris');
    expect(gateway.spec.template.metadata.annotations['mesh.example.org/inject']).toBe('false');
    const keyManager = find(objects, 'Deployment', 'wso2-key-manager');
    expect(envOf(keyManager).TZ).toBeUndefined();
  });

  it('land on the Axway traffic pods and keep the checksum annotation', () => {
    const traffic = find(objects, 'Deployment', 'axway-traffic');
    expect(envOf(traffic).TZ).toBe('UTC');
    const annotations = traffic.spec.template.metadata.annotations;
    expect(annotations['backup.example.org/skip']).toBe('true');
    expect(Object.keys(annotations).some((k) => k.includes('checksum'))).toBe(true);
    expect(envOf(find(objects, 'Deployment', 'axway-anm')).TZ).toBeUndefined();
  });

  it('refuse a literal secret value', () => {
    const message = problems(spec((s) => (s.wso2.gateway = { ...s.wso2.gateway, extraEnv: { LDAP_PASSWORD: 'hunter2' } })));
    expect(message).toContain('wso2.gateway.extraEnv.LDAP_PASSWORD');
    expect(message).toContain('SecretRef');
    expect(message).not.toContain('hunter2');
  });

  it('refuse a variable the renderer sets, naming the field', () => {
    expect(problems(spec((s) => (s.wso2.keyManager = { ...s.wso2.keyManager, extraEnv: { JVM_MEM_OPTS: '-Xmx1g' } })))).toContain(
      'wso2.keyManager.extraEnv.JVM_MEM_OPTS: is set by the renderer',
    );
    expect(problems(spec((s) => (s.axway.traffic = { ...s.axway.traffic, extraEnv: { EMT_HEAP_SIZE_MB: '512' } })))).toContain(
      'axway.traffic.extraEnv.EMT_HEAP_SIZE_MB: is set by the renderer',
    );
  });

  it('refuse a name that is not an environment variable', () => {
    expect(problems(spec((s) => (s.wso2.gateway = { ...s.wso2.gateway, extraEnv: { 'my-var': 'x' } })))).toContain('wso2.gateway.extraEnv');
  });
});

describe('image digests', () => {
  it('pin the WSO2 and Axway images, keeping the tag readable', () => {
    const objects = render(
      spec((s) => {
        s.wso2.images = { ...s.wso2.images, gateway: { ...s.wso2.images?.gateway, repository: 'wso2/wso2am-universal-gw', digest } };
        s.axway.images = { ...s.axway.images, gateway: { ...s.axway.images.gateway, digest } };
      }),
    );
    const wso2Image: string = find(objects, 'Deployment', 'wso2-gateway').spec.template.spec.containers[0].image;
    expect(wso2Image).toMatch(new RegExp(`:[^/@]+@${digest}$`));
    const axwayImage: string = find(objects, 'Deployment', 'axway-traffic').spec.template.spec.containers[0].image;
    expect(axwayImage).toMatch(new RegExp(`:${axwayBaseSpec.images.gateway.tag}@${digest}$`));
    // Only the image it was set on is pinned.
    expect(find(objects, 'Deployment', 'wso2-key-manager').spec.template.spec.containers[0].image).not.toContain('@');
  });

  it('refuse a digest that is not sha256 and 64 hex digits', () => {
    const message = problems(spec((s) => (s.axway.images = { ...s.axway.images, gateway: { ...s.axway.images.gateway, digest: 'sha256:abc' } })));
    expect(message).toContain('axway.images.gateway.digest');
    expect(message).toContain('is not an image digest');
  });
});
