import type { ResolvedComponent, ResolvedEnvironment } from '@apim-gitops/models';

/** The resolved component with this id; models always resolve all three WSO2 components. */
export function componentOf(env: ResolvedEnvironment, id: string): ResolvedComponent {
  const component = env.components.find((c) => c.id === id);
  if (!component) throw new Error(`${env.name}: no resolved component ${id}`);
  return component;
}
