import type { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { ResolvedAxway, ResolvedEnvironment } from '@apim-gitops/models';
import { axwayPorts } from '@apim-gitops/models';
import { hostIngress, nginx } from '../common/ingress';

// Every pod serves HTTPS itself with the domain certificate; the ingress terminates the public TLS
// and opens a second TLS connection to the pod. Redirect plain HTTP instead of serving it.
function httpsBackend(): Record<string, string> {
  return { [`${nginx}/backend-protocol`]: 'HTTPS', [`${nginx}/ssl-redirect`]: 'true' };
}

/** The ANM UI, reachable only from the allowed source ranges. */
export function adminNodeManagerIngress(env: ResolvedEnvironment, ax: ResolvedAxway): Ingress {
  const { component, settings, host } = ax.adminNodeManager;
  return hostIngress(env, component, component.id, [{ host, serviceName: component.serviceName, servicePort: axwayPorts.adminNodeManager }], {
    ...httpsBackend(),
    [`${nginx}/whitelist-source-range`]: settings.allowedSourceRanges.join(','),
  });
}

/**
 * The API Manager UI. Sessions (`APIMANAGERSESSION`, `APIMANAGERSTATIC`) live in one pod, so a browser
 * must stick to it with a persistent cookie; ClientIP affinity is not enough behind an ingress. With
 * one pod the cookie is harmless, and scaling up needs no Ingress change.
 */
export function apiManagerIngress(env: ResolvedEnvironment, ax: ResolvedAxway): Ingress {
  const { component, settings, host } = ax.apiManager;
  return hostIngress(env, component, component.id, [{ host, serviceName: component.serviceName, servicePort: axwayPorts.apiManager }], {
    ...httpsBackend(),
    [`${nginx}/affinity`]: 'cookie',
    [`${nginx}/affinity-mode`]: 'persistent',
    [`${nginx}/session-cookie-name`]: settings.sessionCookieName,
    ...(settings.allowedSourceRanges ? { [`${nginx}/whitelist-source-range`]: settings.allowedSourceRanges.join(',') } : {}),
  });
}

/** API traffic, with room for request bodies larger than ingress-nginx's 1m default. */
export function trafficIngress(env: ResolvedEnvironment, ax: ResolvedAxway): Ingress {
  const { component, settings, host } = ax.traffic;
  return hostIngress(env, component, component.id, [{ host, serviceName: component.serviceName, servicePort: axwayPorts.traffic }], {
    ...httpsBackend(),
    [`${nginx}/proxy-body-size`]: settings.proxyBodySize,
    [`${nginx}/proxy-read-timeout`]: String(settings.proxyReadTimeoutSeconds),
  });
}

/** One Ingress per interface, each on its own host at `/` (the products break under path rewrites). */
export function renderIngresses(env: ResolvedEnvironment, ax: ResolvedAxway): Ingress[] {
  return [adminNodeManagerIngress(env, ax), apiManagerIngress(env, ax), trafficIngress(env, ax)];
}
