import type { ResolvedComponent, ResolvedEnvironment, ResolvedWso2 } from '@apim-gitops/models';
import { wso2Ports } from '@apim-gitops/models';
import type { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import { hostIngress, nginx } from '../common/ingress';

const httpsBackend = { [`${nginx}/backend-protocol`]: 'HTTPS' };

/** Management host (Publisher, Developer Portal, Admin) on the control plane, with cookie affinity. */
export function managementIngress(env: ResolvedEnvironment, wso2: ResolvedWso2, component: ResolvedComponent): Ingress {
  return hostIngress(env, component, component.id, [{ host: wso2.hostnames.management, serviceName: component.serviceName, servicePort: wso2Ports.servletHttps }], {
    ...httpsBackend,
    // Keeps portal sessions on one control plane should there ever be two.
    [`${nginx}/affinity`]: 'cookie',
    [`${nginx}/session-cookie-name`]: 'route',
  });
}

/**
 * Paths of the management host that only operators use: the Carbon console, the Admin portal, the
 * Publisher, the SOAP admin services and the Publisher and Admin REST APIs (apim.docs.wso2.com 4.5.0,
 * "REST APIs": /api/am/publisher/v4, /api/am/admin/v4). The Developer Portal and its API stay public.
 */
export const wso2AdminPaths = ['/carbon', '/admin', '/publisher', '/services', '/api/am/publisher', '/api/am/admin'] as const;

/**
 * The management paths on their own Ingress, when the control plane has an allow-list: ingress-nginx
 * picks the longest matching prefix, so these paths take the allow-list and `/` stays public.
 */
export function managementAdminIngresses(env: ResolvedEnvironment, wso2: ResolvedWso2, component: ResolvedComponent): Ingress[] {
  const ranges = wso2.controlPlane.adminSourceRanges;
  if (!ranges) return [];
  const route = { host: wso2.hostnames.management, serviceName: component.serviceName, servicePort: wso2Ports.servletHttps, paths: wso2AdminPaths };
  return [
    hostIngress(env, component, `${component.id}-admin`, [route], {
      ...httpsBackend,
      [`${nginx}/affinity`]: 'cookie',
      [`${nginx}/session-cookie-name`]: 'route',
      [`${nginx}/whitelist-source-range`]: ranges.join(','),
    }),
  ];
}

/**
 * The three gateway hosts, each its own Ingress because each needs its own annotations:
 * API calls buffered, WebSocket connections kept open for an hour, WebSub plain.
 */
export function gatewayIngresses(env: ResolvedEnvironment, wso2: ResolvedWso2, component: ResolvedComponent): Ingress[] {
  const route = (host: string, servicePort: number) => [{ host, serviceName: component.serviceName, servicePort }];
  return [
    hostIngress(env, component, component.id, route(wso2.hostnames.gateway, wso2Ports.passThroughHttps), {
      ...httpsBackend,
      [`${nginx}/proxy-buffering`]: 'on',
      [`${nginx}/proxy-buffer-size`]: '8k',
    }),
    hostIngress(env, component, `${component.id}-websocket`, route(wso2.hostnames.websocket, wso2Ports.webSocketSecure), {
      ...httpsBackend,
      [`${nginx}/proxy-read-timeout`]: '3600',
      [`${nginx}/proxy-send-timeout`]: '3600',
    }),
    hostIngress(env, component, `${component.id}-websub`, route(wso2.hostnames.websub, wso2Ports.webSubHttps), httpsBackend),
  ];
}

/** Key manager host, only when `keyManager.ingress` is on. */
export function keyManagerIngresses(env: ResolvedEnvironment, wso2: ResolvedWso2, component: ResolvedComponent): Ingress[] {
  if (!wso2.keyManager.ingress) return [];
  return [
    hostIngress(env, component, component.id, [{ host: wso2.hostnames.keyManager, serviceName: component.serviceName, servicePort: wso2Ports.servletHttps }], {
      ...httpsBackend,
      [`${nginx}/proxy-buffer-size`]: '8k',
    }),
  ];
}
