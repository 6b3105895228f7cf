import { describe, expect, it } from 'vitest';
import {
  adminNodeManagerDefaults,
  apiManagerDefaults,
  axwayCassandraDefaults,
  axwayDefaults,
  axwayEventsDefaults,
  axwayImagesDefaults,
  axwayMetricsDbDefaults,
  axwayMetricsSchemaJobDefaults,
  environmentDefaults,
  trafficAutoscalingDefaults,
  trafficDefaults,
} from '../src';
import { defaultTags } from './support/default-tags';

// Each row: file, interface, the defaults object its `@default` tags must agree with.
const rows: [string, string, Record<string, unknown>][] = [
  ['environment.ts', 'EnvironmentSpec', { production: environmentDefaults.production }],
  ['environment.ts', 'IngressSpec', environmentDefaults.ingress],
  ['environment.ts', 'SchedulingSpec', environmentDefaults.scheduling],
  ['environment.ts', 'MonitoringSpec', environmentDefaults.monitoring],
  ['axway/spec.ts', 'AxwaySpec', axwayDefaults],
  ['axway/spec.ts', 'AxwayImagesSpec', axwayImagesDefaults],
  ['axway/spec.ts', 'AxwayCassandraSpec', axwayCassandraDefaults],
  ['axway/spec.ts', 'AxwayMetricsDbSpec', axwayMetricsDbDefaults],
  ['axway/spec.ts', 'AxwayEventsSpec', axwayEventsDefaults],
  ['axway/spec.ts', 'AxwayMetricsSchemaJobSpec', axwayMetricsSchemaJobDefaults],
  ['axway/workload-spec.ts', 'AdminNodeManagerSpec', adminNodeManagerDefaults],
  ['axway/workload-spec.ts', 'ApiManagerSpec', apiManagerDefaults],
  ['axway/workload-spec.ts', 'TrafficAutoscalingSpec', trafficAutoscalingDefaults],
  ['axway/workload-spec.ts', 'TrafficSpec', trafficDefaults],
];

describe('@default tags tell the truth', () => {
  it.each(rows)('%s %s', (file, name, defaults) => {
    const tags = defaultTags(file, name);
    for (const [field, value] of Object.entries(defaults)) expect(tags.get(field), `${name}.${field}`).toEqual(value);
    for (const [field, value] of tags)
      if (field in defaults) expect(defaults[field], `${name}.${field}`).toEqual(value);
  });
});
