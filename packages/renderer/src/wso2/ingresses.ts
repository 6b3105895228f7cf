import type { ResolvedComponent, ResolvedEnvironment, ResolvedPublicRoute, ResolvedWso2 } from '@apim-gitops/models';
import { wso2Ports } from '@apim-gitops/models';
import type { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { nginx, routeIngress, routesOf } from '../common/ingress';

/**
 * ingress-nginx annotations of one WSO2 route (helm-apim 4.5.x ingress annotations): HTTPS to the pods
 * everywhere; the control plane's cookie affinity, which keeps portal sessions on one control plane
 * should there ever be two; API calls buffered; WebSocket connections kept open while they idle.
 */
function annotations(route: ResolvedPublicRoute, wso2: ResolvedWso2): Record<string, string> {
  const a: Record<string, string> = { [`${nginx}/backend-protocol`]: 'HTTPS' };
  if (route.sessionCookie) Object.assign(a, { [`${nginx}/affinity`]: 'cookie', [`${nginx}/session-cookie-name`]: route.sessionCookie });
  if (route.componentId === wso2.gateway.id && route.servicePort === wso2Ports.passThroughHttps)
    Object.assign(a, { [`${nginx}/proxy-buffering`]: 'on', [`${nginx}/proxy-buffer-size`]: '8k' });
  if (route.componentId === wso2.keyManager.id) a[`${nginx}/proxy-buffer-size`] = '8k';
  if (route.idleTimeoutSeconds !== undefined)
    Object.assign(a, { [`${nginx}/proxy-read-timeout`]: String(route.idleTimeoutSeconds), [`${nginx}/proxy-send-timeout`]: String(route.idleTimeoutSeconds) });
  return a;
}

/**
 * The Ingresses of the hosts one WSO2 component serves, each host its own Ingress because each needs
 * its own annotations. The key manager serves one only when `keyManager.ingress` is on.
 */
export function wso2Ingresses(env: ResolvedEnvironment, wso2: ResolvedWso2, component: ResolvedComponent): Ingress[] {
  return routesOf(wso2.routes, component).flatMap((route) => routeIngress(env, component, route, annotations(route, wso2)));
}
