import { describe, expect, it } from 'vitest';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Service } from 'kubernetes-models/v1/Service';
import type { KubeObject } from '../src';
import { objectIssues, RenderError, validateObjects } from '../src';

function deployment(patch: (d: any) => void = () => {}): Deployment {
  const spec: any = {
    metadata: { name: 'demo', labels: { app: 'demo' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'demo' } },
      template: {
        metadata: { labels: { app: 'demo' } },
        spec: { containers: [{ name: 'main', image: 'registry.example.org/demo:1', ports: [{ name: 'http', containerPort: 8080 }] }] },
      },
    },
  };
  patch(spec);
  return new Deployment(spec);
}

const messages = (object: KubeObject) => objectIssues(object).map((i) => `${i.object}: ${i.path}: ${i.message}`);

describe('every rendered object is validated (invariant 3)', () => {
  it('a well-formed Deployment has no issues', () => {
    expect(messages(deployment())).toEqual([]);
  });

  it.each<[string, (d: any) => void, string]>([
    ['a non-integer replica count (schema)', (d) => (d.spec.replicas = 'two'), 'Deployment/demo: spec.replicas: must be integer'],
    ['negative replicas', (d) => (d.spec.replicas = -1), 'Deployment/demo: spec.replicas: must be at least 0 (got -1)'],
    ['no containers', (d) => (d.spec.template.spec.containers = []), 'Deployment/demo: spec.template.spec.containers: must hold at least one container'],
    ['a missing image', (d) => delete d.spec.template.spec.containers[0].image, 'Deployment/demo: spec.template.spec.containers[0].image: is required'],
    [
      'a port above 65535',
      (d) => (d.spec.template.spec.containers[0].ports[0].containerPort = 70000),
      'Deployment/demo: spec.template.spec.containers[0].ports[0].containerPort: must be between 1 and 65535 (got 70000)',
    ],
    [
      'a port name over 15 characters',
      (d) => (d.spec.template.spec.containers[0].ports[0].name = 'websub-https-tls'),
      'Deployment/demo: spec.template.spec.containers[0].ports[0].name: "websub-https-tls" is not a valid port name (at most 15 lower case characters)',
    ],
    ['a name that is not DNS-1123', (d) => (d.metadata.name = 'Demo_App'), 'Deployment/Demo_App: metadata.name: "Demo_App" is not a valid DNS-1123 subdomain'],
    ['a label value with a space', (d) => (d.metadata.labels.app = 'de mo'), 'Deployment/demo: metadata.labels.app: "de mo" is not a valid label value'],
    [
      'two containers with one name',
      (d) => d.spec.template.spec.containers.push({ name: 'main', image: 'x:1' }),
      'Deployment/demo: spec.template.spec.containers[1].name: "main" is used by two containers',
    ],
  ])('%s is reported with kind, name and field path', (_name, patch, expected) => {
    expect(messages(deployment(patch))).toContain(expected);
  });

  it('a Service port out of range is reported', () => {
    const service = new Service({ metadata: { name: 'demo' }, spec: { ports: [{ port: 0, targetPort: 8080 }] } });
    expect(messages(service)).toContain('Service/demo: spec.ports[0].port: must be between 1 and 65535 (got 0)');
  });

  it('validateObjects throws one RenderError naming the environment and every problem', () => {
    const broken = [deployment((d) => (d.spec.replicas = -2)), deployment((d) => (d.metadata.name = 'other'))];
    broken.push(deployment((d) => (d.metadata.name = 'other')));
    expect(() => validateObjects('prod', broken)).toThrow(RenderError);
    try {
      validateObjects('prod', broken);
    } catch (error) {
      expect((error as Error).message.split('\n')).toEqual([
        'prod: Deployment/demo: spec.replicas: must be at least 0 (got -2)',
        'prod: Deployment/other: metadata.name: is rendered twice',
      ]);
    }
  });
});

describe('toPlain', () => {
  it('gives exactly what a JSON round trip gives, for every object of a rendered environment', async () => {
    const { baseEnvironmentSpec, resolveEnvironment } = await import('@apim-gitops/models');
    const { renderEnvironment, toPlain } = await import('../src');
    const objects = renderEnvironment(resolveEnvironment(baseEnvironmentSpec, 'base'));
    for (const object of objects) expect(toPlain(object)).toStrictEqual(JSON.parse(JSON.stringify(object)));
  });

  it('drops undefined fields and keeps nulls, empty maps and lists', async () => {
    const { toPlain } = await import('../src');
    expect(toPlain({ a: undefined, b: null, c: {}, d: [], e: [undefined], f: { g: 1 } })).toStrictEqual({ b: null, c: {}, d: [], e: [null], f: { g: 1 } });
  });

  it('matches a JSON round trip wherever the value to fix sits, and leaves the input alone', async () => {
    const { toPlain } = await import('../src');
    class Model {
      constructor(readonly spec: unknown) {}
    }
    const inputs = [
      { x: 1, y: { z: [1, 2, { w: undefined, v: 'keep' }] }, later: 'kept' },
      { first: 'a', nan: Number.NaN, inf: [1, Number.POSITIVE_INFINITY], fn: () => 1, after: { b: true } },
      [1, undefined, 'x', { a: undefined }],
      new Model({ nested: new Model({ deep: [undefined, { k: 'v' }] }), keys: { 'a/b': 1 } }),
    ];
    for (const input of inputs) {
      const before = JSON.stringify(input);
      expect(toPlain(input)).toStrictEqual(JSON.parse(JSON.stringify(input)));
      expect(JSON.stringify(input)).toBe(before);
    }
  });

  it('returns parts that are plain JSON already without copying them', async () => {
    const { toPlain } = await import('../src');
    const clean = { a: [1, { b: 'c' }] };
    const mixed = { clean, dirty: { gone: undefined } };
    const plain = toPlain(mixed) as { clean: unknown; dirty: unknown };
    expect(plain).not.toBe(mixed);
    expect(plain.clean).toBe(clean);
    expect(toPlain(clean)).toBe(clean);
  });
});
