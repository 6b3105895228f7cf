import { describe, expect, it } from 'vitest';
import type { EnvironmentSpec } from '../src/index';
import { baseEnvironmentSpec, deriveEnvironment, overriddenPaths } from '../src/index';

const base: EnvironmentSpec = { ...baseEnvironmentSpec, network: { clusterCidrs: ['10.0.0.0/14', '172.20.0.0/16'] } };

describe('deriveEnvironment', () => {
  it('changes only the nested fields it names and keeps their siblings', () => {
    const derived = deriveEnvironment(base, { axway: { cassandra: { hosts: ['c1.eu.example.org'] } } });
    expect(derived.axway!.cassandra.hosts).toEqual(['c1.eu.example.org']);
    expect(derived.axway!.cassandra.credentials).toEqual(base.axway!.cassandra.credentials);
    expect(derived.axway!.metricsDb).toBe(base.axway!.metricsDb);
    expect(derived.wso2).toBe(base.wso2);
  });

  it('replaces arrays whole, never concatenating them', () => {
    expect(deriveEnvironment(base, { network: { clusterCidrs: ['10.4.0.0/14'] } }).network!.clusterCidrs).toEqual(['10.4.0.0/14']);
  });

  it('removes an optional field given null, and ignores one given undefined', () => {
    const derived = deriveEnvironment(base, { wso2: null, axway: undefined });
    expect('wso2' in derived).toBe(false);
    expect(derived.axway).toBe(base.axway);
  });

  it('leaves the base as it was', () => {
    const before = structuredClone(base);
    deriveEnvironment(base, { name: 'other', wso2: null, axway: { cassandra: { cidrs: ['10.1.0.0/24'] } } });
    expect(base).toEqual(before);
  });

  it('keeps the typing: an unknown field or a wrong type does not compile', () => {
    // @ts-expect-error `clusterCidr` is not a field of NetworkSpec
    deriveEnvironment(base, { network: { clusterCidr: ['10.4.0.0/14'] } });
    // @ts-expect-error `name` is required, so it cannot be removed
    deriveEnvironment(base, { name: null });
    expect(true).toBe(true);
  });

  it('lists the paths it sets, one per value, array or removal', () => {
    expect(overriddenPaths({ name: 'eu', wso2: null, axway: { cassandra: { hosts: ['a', 'b'], cidrs: ['10.1.0.0/24'] } }, domain: undefined })).toEqual([
      'axway.cassandra.cidrs',
      'axway.cassandra.hosts',
      'name',
      'wso2',
    ]);
  });
});
