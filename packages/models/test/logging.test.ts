import { describe, expect, it } from 'vitest';
import type { EnvironmentSpec, LoggingSpec, SpecError } from '../src/index';
import { baseEnvironmentSpec, resolveEnvironment } from '../src/index';

const source = 'environments/test/environment.ts';

function problems(spec: unknown): string[] {
  try {
    resolveEnvironment(spec, source);
    return [];
  } catch (error) {
    return (error as SpecError).message.split('\n');
  }
}

const withLogging = (logging: unknown, more: Partial<EnvironmentSpec> = {}) => ({ ...baseEnvironmentSpec, name: 'test', ...more, logging }) as EnvironmentSpec;
const loki = { kind: 'loki', host: 'loki.example.org', cidrs: ['10.60.0.0/24'] };

describe('logging', () => {
  it('defaults to JSON on stdout and no agent', () => {
    const env = resolveEnvironment({ ...baseEnvironmentSpec, name: 'test' }, source);
    expect(env.logging).toEqual({ format: 'json' });
    expect(env.axway!.openTraffic).toBe('stdout');
  });

  it('resolves a destination with its defaults, its Secrets and one connection per pod that runs the agent', () => {
    const logging: LoggingSpec = {
      shipping: { destination: { kind: 'loki', host: 'loki.example.org', cidrs: ['10.60.0.0/24'], auth: { basic: { secretRef: 'log-shipping' } } } },
    };
    const env = resolveEnvironment(withLogging(logging), source);
    expect(env.logging.shipping).toMatchObject({
      image: 'registry.example.org/apim/fluent/fluent-bit:5.1.1',
      destination: { kind: 'loki', host: 'loki.example.org', port: 3100, auth: { scheme: 'basic' } },
      connections: [{ what: 'logs-loki', port: 3100, cidrs: ['10.60.0.0/24'] }],
    });
    expect(env.secrets.find((s) => s.name === 'log-shipping')).toMatchObject({
      keys: ['password', 'username'],
      usedBy: ['axway-anm', 'axway-api-manager', 'axway-traffic'],
    });
    for (const c of env.axway!.components.filter((c) => c.id !== 'axway-metrics-schema'))
      expect(c.external, c.id).toContainEqual({ what: 'logs-loki', port: 3100, cidrs: ['10.60.0.0/24'] });
    expect(env.axway!.openTraffic).toBe('file');
  });

  it.each([
    [
      'a destination without addresses',
      { shipping: { destination: { kind: 'loki', host: 'loki.example.org' } } },
      `${source}: logging.shipping.destination.cidrs: must list the address blocks of "logs-loki" (a NetworkPolicy cannot match a DNS name), or set anyAddressOutsideCluster: true for a destination on the Internet`,
    ],
    [
      'an unknown kind of destination',
      { shipping: { destination: { ...loki, kind: 'splunk' } } },
      `${source}: logging.shipping.destination.kind: must be one of "otlp", "loki", "elasticsearch", "s3" (got "splunk")`,
    ],
    [
      'TLS switched off',
      { shipping: { destination: { ...loki, tls: { verify: false } } } },
      `${source}: logging.shipping.destination.tls.verify: is not a known field (known: ca)`,
    ],
    [
      'a literal password',
      { shipping: { destination: { ...loki, auth: { basic: 'hunter2' } } } },
      `${source}: logging.shipping.destination.auth.basic: must be a secret reference like { secretRef: "<secret name>" }, not a literal value; keep the value in the secret store`,
    ],
    [
      'a bearer token for Elasticsearch',
      { shipping: { destination: { kind: 'elasticsearch', host: 'es.example.org', cidrs: ['10.62.0.0/24'], auth: { bearerToken: { secretRef: 'es' } } } } },
      `${source}: logging.shipping.destination.auth.bearerToken: the Elasticsearch output takes basic authentication only; use auth: { basic: { secretRef: "es" } } with keys username and password`,
    ],
    [
      'an S3 bucket without its region',
      { shipping: { destination: { kind: 's3', host: 's3.example.org', cidrs: ['10.63.0.0/24'], bucket: 'apim-logs' } } },
      `${source}: logging.shipping.destination.region: is required (a string)`,
    ],
    [
      'a mutable agent image',
      { shipping: { destination: loki, image: { repository: 'fluent/fluent-bit', tag: 'latest' } } },
      `${source}: logging.shipping.image.tag: must be an immutable tag such as "5.1.1" (not "latest") (got "latest")`,
    ],
    ['an unknown format', { format: 'xml' }, `${source}: logging.format: must be one of "json", "text" (got "xml")`],
  ])('refuses %s, naming the field', (_name, logging, expected) => {
    expect(problems(withLogging(logging))).toContain(expected);
  });

  it('refuses shipping where no Axway runs', () => {
    const { axway: _axway, ...wso2Only } = withLogging({ shipping: { destination: loki } });
    expect(problems(wso2Only)).toContain(
      `${source}: logging.shipping: ships the log files of Axway, which this environment does not run; WSO2 writes every log to stdout; remove it`,
    );
  });

  it('refuses open traffic in files that nothing ships', () => {
    const spec = withLogging({}, { axway: { ...baseEnvironmentSpec.axway!, openTraffic: 'file' } });
    expect(problems(spec)).toContain(
      `${source}: axway.openTraffic: "file" needs logging.shipping: nothing else reads the pods' scratch volume, which a restart empties; use "stdout", or set logging.shipping`,
    );
  });
});
