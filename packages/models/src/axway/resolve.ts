import type { ResolvedComponent } from '../component';
import type { StackContext } from '../stack-context';

/** Axway after defaults. Filled in by the Axway stack. */
export interface ResolvedAxway {
  readonly components: readonly ResolvedComponent[];
}

export function resolveAxway(_spec: unknown, _context: StackContext): ResolvedAxway | undefined {
  return { components: [] };
}
