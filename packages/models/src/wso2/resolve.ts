import type { ResolvedComponent } from '../component';
import type { StackContext } from '../stack-context';

/** WSO2 after defaults. Filled in by the WSO2 stack. */
export interface ResolvedWso2 {
  readonly components: readonly ResolvedComponent[];
}

export function resolveWso2(_spec: unknown, _context: StackContext): ResolvedWso2 | undefined {
  return { components: [] };
}
