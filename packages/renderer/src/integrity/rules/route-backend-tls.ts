import type { IntegrityRule, Manifest } from '../integrity-rule';
import { kindName } from '../integrity-rule';
import { httpRoutes, routeBackends } from '../http-routes';
import { availableObjects, externalRefsAnnotation } from './pod-references';
import { byName, q } from '../workloads';

type Plain = Record<string, any>;

/** A Service port the pods serve TLS on: `appProtocol: https` (Kubernetes; Gateway API GEP-1911). */
function servesHttps(port: Plain): boolean {
  return port.appProtocol === 'https';
}

/** The BackendTLSPolicies that cover one Service port: those targeting the Service, or the port by its name. */
function policiesFor(policies: readonly Manifest[], service: string, portName: string | undefined): Manifest[] {
  return policies.filter((p) =>
    ((p.spec?.targetRefs ?? []) as Plain[]).some(
      (t) => (t.group ?? '') === '' && t.kind === 'Service' && t.name === service && (t.sectionName === undefined || t.sectionName === portName),
    ),
  );
}

/**
 * Every HTTPS back end an HTTPRoute reaches needs a BackendTLSPolicy: without one the Gateway speaks plain
 * HTTP to a TLS port, and every request fails. Each policy must target a rendered Service, name its
 * CA by a Secret or ConfigMap that exists (or is declared external) and give the host name to check.
 */
export const routeBackendTlsRule: IntegrityRule = {
  id: 'route-backend-tls',
  description: `every HTTPS back end (Service port with appProtocol https) an HTTPRoute reaches has a BackendTLSPolicy, whose target is rendered and whose CA is rendered or declared in the ${externalRefsAnnotation} annotation`,
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    const services = byName(objects, 'Service');
    const policies = objects.filter((o) => o.kind === 'BackendTLSPolicy');
    for (const route of httpRoutes(objects))
      for (const { service: name, port, at } of routeBackends(route)) {
        const servicePort = ((services.get(name)?.spec?.ports ?? []) as Plain[]).find((p) => p.port === port);
        if (!servicePort || !servesHttps(servicePort) || policiesFor(policies, name, servicePort.name).length > 0) continue;
        findings.push({
          object: kindName(route),
          message: `${at}: Service/${name} port ${port} serves HTTPS (appProtocol "https") but no BackendTLSPolicy targets it, so the Gateway would send plain HTTP: render one with targetRefs [{ group: "", kind: "Service", name: ${q(name)} }], the CA and the host name of the pods' certificate`,
        });
      }
    const exists = availableObjects(objects);
    for (const policy of policies.sort((a, b) => (kindName(a) < kindName(b) ? -1 : 1))) {
      for (const [i, target] of ((policy.spec?.targetRefs ?? []) as Plain[]).entries())
        if ((target.group ?? '') === '' && target.kind === 'Service' && !services.has(target.name))
          findings.push({
            object: kindName(policy),
            message: `spec.targetRefs[${i}] Service/${target.name} is not rendered: target a Service the routes reach`,
          });
      const external = new Set(
        ((policy.metadata?.annotations?.[externalRefsAnnotation] ?? '') as string)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      );
      const refs = (policy.spec?.validation?.caCertificateRefs ?? []) as Plain[];
      if (refs.length === 0 && !policy.spec?.validation?.wellKnownCACertificates)
        findings.push({
          object: kindName(policy),
          message: "spec.validation names no CA: set caCertificateRefs to the ConfigMap or Secret (key ca.crt) of the CA that signed the pods' certificates",
        });
      for (const [i, ref] of refs.entries()) {
        const id = `${ref.kind}/${ref.name}`;
        const made = ref.kind === 'Secret' || ref.kind === 'ConfigMap' ? exists[ref.kind as 'Secret' | 'ConfigMap'].has(ref.name) : false;
        if (!made && !external.has(id))
          findings.push({
            object: kindName(policy),
            message: `spec.validation.caCertificateRefs[${i}] ${id} is not rendered: render it (a Secret from the secret backend), or declare "${id}" in the ${externalRefsAnnotation} annotation`,
          });
      }
    }
    return findings;
  },
};
