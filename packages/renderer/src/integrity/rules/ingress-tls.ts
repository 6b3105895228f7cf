import type { IntegrityRule } from '../integrity-rule';
import { kindName } from '../integrity-rule';

/** True when `host` is listed, or covered by a one-level wildcard such as `*.example.org`. */
function covers(tlsHost: string, host: string): boolean {
  if (tlsHost === host) return true;
  if (!tlsHost.startsWith('*.')) return false;
  const dot = host.indexOf('.');
  return dot > 0 && host.slice(dot) === tlsHost.slice(1);
}

/** Every host an Ingress serves must be in a `tls` entry that names a certificate Secret: no plain-HTTP API or UI. */
export const ingressTlsRule: IntegrityRule = {
  id: 'ingress-tls',
  description: 'every Ingress host is covered by a tls entry with a secretName',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    for (const ingress of objects.filter((o) => o.kind === 'Ingress')) {
      const tls = (ingress.spec?.tls ?? []) as Record<string, any>[];
      for (const [t, entry] of tls.entries()) if (!entry.secretName) findings.push({ object: kindName(ingress), message: `spec.tls[${t}] has no secretName` });
      for (const [r, rule] of ((ingress.spec?.rules ?? []) as Record<string, any>[]).entries()) {
        if (!rule.host) {
          findings.push({ object: kindName(ingress), message: `spec.rules[${r}] has no host, so it cannot be served over TLS: set a host` });
          continue;
        }
        if (!tls.some((entry) => ((entry.hosts ?? []) as string[]).some((h) => covers(h, rule.host))))
          findings.push({ object: kindName(ingress), message: `spec.rules[${r}].host ${JSON.stringify(rule.host)} is not covered by spec.tls` });
      }
    }
    return findings;
  },
};
