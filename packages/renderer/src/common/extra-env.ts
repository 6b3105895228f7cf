import type { IEnvVar } from 'kubernetes-models/v1';

/** A component's `extraEnv` as container env vars, after the renderer's own, sorted by name for stable output. */
export function extraEnvVars(extraEnv: Readonly<Record<string, string>>): IEnvVar[] {
  return Object.entries(extraEnv)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([name, value]) => ({ name, value }));
}
