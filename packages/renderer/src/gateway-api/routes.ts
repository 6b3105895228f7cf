import type { ResolvedComponent, ResolvedGatewayApiEntry, ResolvedPublicRoute } from '@apim-gitops/models';
import { BackendTLSPolicy } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/BackendTLSPolicy';
import { HTTPRoute } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/HTTPRoute';
import type { IParentReference } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/ParentReference';
import { componentLabels } from '../labels';

/** API group of Gateway API's kinds, as `parentRefs` and `targetRefs` name them. */
export const gatewayApiGroup = 'gateway.networking.k8s.io';

/** Name of the header HSTS is sent in (RFC 6797). */
export const hstsHeader = 'Strict-Transport-Security';

/**
 * The listener of a rendered Gateway that serves one route: named as the route, so a reviewer finds
 * the pair by one name, and a policy that targets it says which host it is about.
 */
export function listenerName(route: ResolvedPublicRoute): string {
  return route.listenerOf ?? route.name;
}

/** Where a route attaches: its own listener on the environment's Gateway, or the platform Gateway's listener. */
export function parentRef(entry: ResolvedGatewayApiEntry, route: ResolvedPublicRoute): IParentReference {
  const gateway = entry.gateway;
  if (gateway.mode === 'render') return { group: gatewayApiGroup, kind: 'Gateway', name: gateway.name, sectionName: listenerName(route) };
  return {
    group: gatewayApiGroup,
    kind: 'Gateway',
    namespace: gateway.namespace,
    name: gateway.name,
    ...(gateway.sectionName ? { sectionName: gateway.sectionName } : {}),
  };
}

/**
 * The HTTPRoute of one public host: everything under `/` to one Service port, with HSTS on every
 * response. Where sessions live in one pod, a session cookie keeps a browser on it (HTTPRoute
 * `sessionPersistence`, GEP-1619: Gateway API's experimental channel, which Envoy Gateway installs by
 * default and implements with Envoy's cookie-based stateful sessions). The request timeout replaces
 * ingress-nginx's `proxy-read-timeout` (Envoy's own default route timeout is 15 s); `0s` turns it off
 * for WebSocket connections, which Envoy Gateway upgrades on every route without further setting.
 */
export function httpRoute(entry: ResolvedGatewayApiEntry, component: ResolvedComponent, route: ResolvedPublicRoute): HTTPRoute {
  return new HTTPRoute({
    metadata: { name: route.name, labels: componentLabels(component) },
    spec: {
      parentRefs: [parentRef(entry, route)],
      hostnames: [route.host],
      rules: [
        {
          matches: (route.paths ?? ['/']).map((value) => ({ path: { type: 'PathPrefix' as const, value } })),
          filters: [{ type: 'ResponseHeaderModifier', responseHeaderModifier: { set: [{ name: hstsHeader, value: entry.hsts }] } }],
          backendRefs: [{ name: route.serviceName, port: route.servicePort }],
          timeouts: { request: `${route.requestTimeoutSeconds}s` },
          ...(route.sessionCookie
            ? { sessionPersistence: { sessionName: route.sessionCookie, type: 'Cookie', cookieConfig: { lifetimeType: 'Session' } } }
            : {}),
        },
      ],
    },
  });
}

/**
 * The BackendTLSPolicy of one Service the routes reach: the Gateway opens TLS to its pods, sends the
 * host name their certificate carries as SNI and checks the certificate against it and the stack's CA.
 * One target per policy: Gateway API 1.4.1 lets a BackendTLSPolicy name a single targetRef.
 */
export function backendTlsPolicy(component: ResolvedComponent, route: ResolvedPublicRoute): BackendTLSPolicy | undefined {
  const tls = route.backendTls;
  if (!tls) return undefined;
  return new BackendTLSPolicy({
    metadata: { name: component.id, labels: componentLabels(component) },
    spec: {
      targetRefs: [{ group: '', kind: 'Service', name: route.serviceName }],
      validation: {
        caCertificateRefs: [{ group: '', kind: tls.caCertificate.kind, name: tls.caCertificate.name }],
        hostname: tls.hostname,
      },
    },
  });
}
