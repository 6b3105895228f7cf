import type { IntegrityRule } from '../integrity-rule';
import { kindName } from '../integrity-rule';

/**
 * No rendered Secret may carry values: everything under `deploy/` is committed to git, and
 * base64 is no encryption. Secrets come from ExternalSecrets or SealedSecrets instead.
 */
export const noSecretDataRule: IntegrityRule = {
  id: 'no-secret-data',
  description: 'no rendered Secret carries data or stringData (use an ExternalSecret or SealedSecret)',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    for (const secret of objects.filter((o) => o.kind === 'Secret')) {
      for (const field of ['data', 'stringData'])
        if (secret[field] && Object.keys(secret[field]).length > 0)
          findings.push({
            object: kindName(secret),
            message: `${field} holds ${Object.keys(secret[field])
              .sort()
              .map((k) => JSON.stringify(k))
              .join(', ')}: secret values must never be committed; render an ExternalSecret or SealedSecret instead`,
          });
    }
    return findings;
  },
};
