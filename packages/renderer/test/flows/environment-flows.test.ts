import type { EnvironmentSpec } from '@apim-gitops/models';
import { axwayBaseSpec, baseEnvironmentSpec, resolveEnvironment } from '@apim-gitops/models';
import { describe, expect, it } from 'vitest';
import dev from '../../../../environments/dev/environment';
import prod from '../../../../environments/prod/environment';
import type { Manifest } from '../../src/integrity/integrity-rule';
import { proveFlows, renderEnvironment, toPlain } from '../../src/index';

const environments: Record<string, EnvironmentSpec> = { base: { ...baseEnvironmentSpec, axway: axwayBaseSpec }, dev, prod };

describe.each(Object.keys(environments))('%s: the flow proof', (name) => {
  const env = resolveEnvironment(environments[name]!, name);
  const objects = renderEnvironment(env).map((o) => toPlain(o) as Manifest);
  const proof = proveFlows(env, objects);
  const row = (r: (typeof proof.results)[number]) => `${r.why}: ${r.from} -> ${r.to}:${r.port}/${r.protocol}`;

  it('allows every flow the wiring and the egress model need', () => {
    const needed = proof.results.filter((r) => r.kind === 'needed');
    expect(needed.length).toBeGreaterThan(40);
    expect(needed.filter((r) => !r.allowed).map(row)).toEqual([]);
  });

  it("denies every probe: other namespaces, the Internet, non-DNS pods, the controller's neighbours, the other stack's databases", () => {
    const probes = proof.results.filter((r) => r.kind === 'probe');
    expect(probes.length).toBeGreaterThan(40);
    expect(probes.filter((r) => r.allowed).map(row)).toEqual([]);
  });

  it('includes what the last review found blocked: back ends, SMTP and the IdP (prod), the control plane calling itself', () => {
    const whys = new Set(proof.results.filter((r) => r.kind === 'needed').map((r) => r.why));
    expect(whys).toContain('wiring (itself)');
    expect([...whys].some((w) => /api|backends/.test(w))).toBe(true);
    if (name === 'prod') for (const w of ['smtp-relay', 'idp', 'internal-apis']) expect(whys).toContain(w);
  });

  it("proves the other stack's data stores unreachable wherever their addresses differ", () => {
    if (name === 'base') return; // the base puts every store in one subnet on purpose: nothing to tell apart
    expect(proof.skipped).toEqual([]);
    expect(proof.results.filter((r) => r.why === "the other stack's data store").length).toBeGreaterThan(0);
  });
});
