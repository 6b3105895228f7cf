import type { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { ResolvedAxway, ResolvedEnvironment, ResolvedPublicRoute } from '@apim-gitops/models';
import { nginx, routeIngress } from '../common/ingress';

/**
 * ingress-nginx annotations of one Axway route. Every pod serves HTTPS itself with the domain
 * certificate; the ingress terminates the public TLS and opens a second TLS connection to the pod,
 * and redirects plain HTTP instead of serving it. The ANM admits only its allowed source ranges; the
 * API Manager's sessions (`APIMANAGERSESSION`, `APIMANAGERSTATIC`) live in one pod, so a browser sticks
 * to it with a persistent cookie (ClientIP affinity is not enough behind an ingress; with one pod the
 * cookie is harmless, and scaling up needs no Ingress change); API traffic gets room for request
 * bodies larger than ingress-nginx's 1m default. HTTP/2 and TLS versions are controller-wide
 * (`requiredControllerSettings`), not annotations.
 */
function annotations(route: ResolvedPublicRoute, ax: ResolvedAxway): Record<string, string> {
  const a: Record<string, string> = { [`${nginx}/backend-protocol`]: 'HTTPS', [`${nginx}/ssl-redirect`]: 'true' };
  if (route.allowedSourceRanges) a[`${nginx}/whitelist-source-range`] = route.allowedSourceRanges.join(',');
  if (route.sessionCookie)
    Object.assign(a, { [`${nginx}/affinity`]: 'cookie', [`${nginx}/affinity-mode`]: 'persistent', [`${nginx}/session-cookie-name`]: route.sessionCookie });
  if (route.componentId === ax.traffic.component.id)
    Object.assign(a, { [`${nginx}/proxy-body-size`]: ax.traffic.settings.proxyBodySize, [`${nginx}/proxy-read-timeout`]: String(route.requestTimeoutSeconds) });
  return a;
}

/** One Ingress per interface, each on its own host at `/` (the products break under path rewrites). */
export function renderIngresses(env: ResolvedEnvironment, ax: ResolvedAxway): Ingress[] {
  const byId = new Map([ax.adminNodeManager, ax.apiManager, ax.traffic].map((w) => [w.component.id, w.component]));
  return ax.routes.flatMap((route) => routeIngress(env, byId.get(route.componentId)!, route, annotations(route, ax)));
}
