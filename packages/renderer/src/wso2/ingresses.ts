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
