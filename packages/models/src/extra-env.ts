import type { FieldChecks } from './field-checks';
import { checkNoLiteralSecrets } from './secrets';

/**
 * A component's `extraEnv` after its checks: no literal secret values, and none of the variables the
 * renderer sets from another field (which would silently override or be overridden by it).
 */
export function checkExtraEnv(
  checks: FieldChecks,
  path: string,
  env: Readonly<Record<string, string>>,
  isReserved: (name: string) => boolean,
): Record<string, string> {
  checkNoLiteralSecrets(checks, path, env);
  for (const name of Object.keys(env))
    if (isReserved(name)) checks.issues.add(`${path}.${name}`, 'is set by the renderer (from the spec or a Secret); set the field it comes from instead');
  return { ...env };
}
