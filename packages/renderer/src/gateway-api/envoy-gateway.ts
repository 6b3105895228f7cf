import type { ResolvedComponent, ResolvedGatewayApiEntry, ResolvedPublicRoute } from '@apim-gitops/models';
import { ClientTrafficPolicy } from '@kubernetes-models/envoy-gateway/gateway.envoyproxy.io/v1alpha1/ClientTrafficPolicy';
import { SecurityPolicy } from '@kubernetes-models/envoy-gateway/gateway.envoyproxy.io/v1alpha1/SecurityPolicy';
import type { KubeObject } from '../kube-object';
import { componentLabels } from '../labels';
import type { GatewayImplementation } from './implementation';
import { gatewayApiGroup, listenerName } from './routes';

/**
 * The lowest TLS version any listener accepts: the Axway reference architecture forces TLS 1.2, and it is
 * Envoy Gateway's own default (ClientTrafficPolicy `tls.minVersion`, "The default is TLS 1.2"); written
 * out so that an audit reads it, and a change of that default cannot lower it.
 */
export const minimumTlsVersion = '1.2';

/** The only ALPN protocol a listener offers when HTTP/2 is off towards clients. */
const http1Only = ['http/1.1'];

/**
 * Envoy Gateway, gateway.envoyproxy.io/v1alpha1 (its API reference, gateway.envoyproxy.io/v1.8/api/extension_types/:
 * ClientTrafficPolicySpec, ClientTLSSettings, HTTPClientTimeout, SecurityPolicySpec, Authorization, Principal; the
 * same field names as @kubernetes-models/envoy-gateway 2.0.0, whose `validate()` checks every object):
 * - ClientTrafficPolicy per listener: `tls.minVersion`, `tls.alpnProtocols` (`[http/1.1]` turns HTTP/2
 *   off; its default is `[h2, http/1.1]`) and `timeout.http.streamIdleTimeout` (default 5 minutes), set
 *   on one listener through `targetRefs[].sectionName`; a listener's policy takes precedence over one on
 *   the whole Gateway, so each listener's policy holds all of its settings;
 * - SecurityPolicy per route with an allow-list: `authorization.rules[].principal.clientCIDRs`, and
 *   `defaultAction: Deny` for every other client. The client address is the connection's peer unless a
 *   ClientTrafficPolicy's `clientIPDetection` says to trust X-Forwarded-For.
 */
export const envoyGateway: GatewayImplementation = {
  routePolicies(_entry: ResolvedGatewayApiEntry, component: ResolvedComponent, route: ResolvedPublicRoute): KubeObject[] {
    if (!route.allowedSourceRanges) return [];
    return [
      new SecurityPolicy({
        metadata: { name: route.name, labels: componentLabels(component) },
        spec: {
          targetRefs: [{ group: gatewayApiGroup, kind: 'HTTPRoute', name: route.name }],
          authorization: {
            defaultAction: 'Deny',
            rules: [{ name: 'allowed-source-ranges', action: 'Allow', principal: { clientCIDRs: [...route.allowedSourceRanges] } }],
          },
        },
      }),
    ];
  },

  listenerPolicies(gatewayName: string, component: ResolvedComponent, route: ResolvedPublicRoute): KubeObject[] {
    return [
      new ClientTrafficPolicy({
        metadata: { name: route.name, labels: componentLabels(component) },
        spec: {
          targetRefs: [{ group: gatewayApiGroup, kind: 'Gateway', name: gatewayName, sectionName: listenerName(route) }],
          tls: { minVersion: minimumTlsVersion, ...(route.http1Only ? { alpnProtocols: http1Only } : {}) },
          ...(route.idleTimeoutSeconds === undefined ? {} : { timeout: { http: { streamIdleTimeout: `${route.idleTimeoutSeconds}s` } } }),
        },
      }),
    ];
  },
};
