import type { EnvironmentSpec } from '@apim-gitops/models';
import { axwayLogEnv, axwayTraceLevels, baseEnvironmentSpec, resolveEnvironment } from '@apim-gitops/models';
import { describe, expect, it } from 'vitest';
import { renderEnvironment, toPlain } from '../../src/index';

type Plain = Record<string, any>;

const ids = ['axway-anm', 'axway-api-manager', 'axway-traffic'] as const;

function traceLevels(spec: EnvironmentSpec): Record<string, string> {
  const objects = renderEnvironment(resolveEnvironment(spec, spec.name)).map((o) => toPlain(o) as Plain);
  return Object.fromEntries(
    ids.map((id) => {
      const d = objects.find((o) => o.kind === 'Deployment' && o.metadata.name === id)!;
      return [id, d.spec.template.spec.containers[0].env.find((e: Plain) => e.name === axwayLogEnv.traceLevel)?.value];
    }),
  );
}

describe('EMT_TRACE_LEVEL', () => {
  const axway = baseEnvironmentSpec.axway!;

  it("is the stack's level on the ANM, API Manager and traffic pods, a level the image takes", () => {
    const levels = traceLevels({ ...baseEnvironmentSpec, axway: { ...axway, traceLevel: 'DEBUG' } });
    expect(levels).toEqual({ 'axway-anm': 'DEBUG', 'axway-api-manager': 'DEBUG', 'axway-traffic': 'DEBUG' });
    for (const level of Object.values(levels)) expect(axwayTraceLevels).toContain(level);
  });

  it("is a workload's own level where it sets one", () => {
    const levels = traceLevels({ ...baseEnvironmentSpec, axway: { ...axway, traffic: { ...axway.traffic, traceLevel: 'DATA' } } });
    expect(levels).toEqual({ 'axway-anm': 'INFO', 'axway-api-manager': 'INFO', 'axway-traffic': 'DATA' });
  });
});
