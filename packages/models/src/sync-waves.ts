import type { ResolvedComponent } from './component';
import { IssueList, quote } from './spec-error';

/**
 * Wave of the environment-wide groundwork (ExternalSecrets / SealedSecrets, shared policies):
 * below every component, so Secrets exist before any pod that mounts them starts.
 */
export const platformSyncWave = -1;

/**
 * The Argo CD sync wave of every component: its depth in the `dependsOn` graph. A component
 * that needs nothing is wave 0; any other is one more than the deepest component it needs, so
 * a dependency is always synced (and healthy) in an earlier wave than whoever needs it.
 * Throws a SpecError when a component names an unknown dependency or the graph has a cycle.
 */
export function componentSyncWaves(components: readonly ResolvedComponent[], source: string): ReadonlyMap<string, number> {
  const issues = new IssueList();
  const byId = new Map(components.map((c) => [c.id, c]));
  for (const component of components)
    component.dependsOn.forEach((dep, i) => {
      if (!byId.has(dep))
        issues.add(
          `components.${component.id}.dependsOn[${i}]`,
          `${quote(dep)} is not a component of this environment (components: ${[...byId.keys()].join(', ') || 'none'})`,
        );
    });
  issues.throwIfAny(source);

  const waves = new Map<string, number>();
  const reported = new Set<string>();
  // Depth-first walk; `path` holds the components being resolved, so meeting one again is a cycle.
  const depth = (id: string, path: readonly string[]): number => {
    const known = waves.get(id);
    if (known !== undefined) return known;
    const start = path.indexOf(id);
    if (start !== -1) {
      const cycle = [...path.slice(start), id];
      const key = [...new Set(cycle)].sort().join(',');
      if (!reported.has(key)) {
        reported.add(key);
        issues.add(
          `components.${cycle[0]}.dependsOn`,
          `forms a dependency cycle ${cycle.join(' → ')}; Argo CD cannot order these components, so remove one of these dependsOn entries`,
        );
      }
      return 0;
    }
    const deps = byId.get(id)!.dependsOn;
    const wave = deps.length === 0 ? 0 : 1 + Math.max(...deps.map((dep) => depth(dep, [...path, id])));
    // A wave computed across a cycle is wrong, but then the SpecError below is all the caller sees.
    waves.set(id, wave);
    return wave;
  };
  for (const component of components) depth(component.id, []);
  issues.throwIfAny(source);
  return waves;
}
