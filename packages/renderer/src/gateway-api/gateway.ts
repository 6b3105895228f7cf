import type { ResolvedPublicRoute } from '@apim-gitops/models';
import { Gateway } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1/Gateway';
import { platformLabels } from '../labels';
import { listenerName } from './routes';

/** The port every HTTPS listener of a rendered Gateway listens on. */
export const httpsPort = 443;

/**
 * The environment's own Gateway: one HTTPS listener on 443 per public host, each terminating TLS with
 * the environment's certificate and admitting routes of its own namespace only. There is no plain-HTTP
 * listener, so nothing is served without TLS and no redirect is needed.
 */
export function renderedGateway(name: string, className: string, tlsSecret: string, routes: readonly ResolvedPublicRoute[]): Gateway {
  return new Gateway({
    metadata: { name, labels: platformLabels(name, 'gateway') },
    spec: {
      gatewayClassName: className,
      // A route for some paths of a host (listenerOf) rides on that host's listener.
      listeners: routes
        .filter((route) => !route.listenerOf)
        .map((route) => ({
          name: listenerName(route),
          hostname: route.host,
          port: httpsPort,
          protocol: 'HTTPS',
          tls: { mode: 'Terminate', certificateRefs: [{ group: '', kind: 'Secret', name: tlsSecret }] },
          allowedRoutes: { namespaces: { from: 'Same' } },
        })),
    },
  });
}
