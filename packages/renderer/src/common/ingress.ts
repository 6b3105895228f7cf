import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { EnvironmentBasics, ResolvedComponent, ResolvedPublicRoute } from '@apim-gitops/models';
import { componentLabels } from '../labels';

/** Prefix of every ingress-nginx annotation. */
export const nginx = 'nginx.ingress.kubernetes.io';

/**
 * The Ingress of one public route: its host at `/` on its Service port, with TLS from the
 * environment's certificate Secret. Annotations are ingress-nginx's. None when the environment's
 * entry renders no ingress-nginx.
 */
export function routeIngress(env: EnvironmentBasics, component: ResolvedComponent, route: ResolvedPublicRoute, annotations: Record<string, string>): Ingress[] {
  const entry = env.entry.ingressNginx;
  if (!entry) return [];
  return [
    new Ingress({
      metadata: { name: route.name, labels: componentLabels(component), annotations },
      spec: {
        ingressClassName: entry.className,
        tls: [{ hosts: [route.host], secretName: env.entry.tlsSecret ?? '' }],
        rules: [
          {
            host: route.host,
            http: {
              paths: (route.paths ?? ['/']).map((path) => ({
                path,
                pathType: 'Prefix',
                backend: { service: { name: route.serviceName, port: { number: route.servicePort } } },
              })),
            },
          },
        ],
      },
    }),
  ];
}

/** The routes a component serves. */
export function routesOf(routes: readonly ResolvedPublicRoute[], component: ResolvedComponent): ResolvedPublicRoute[] {
  return routes.filter((r) => r.componentId === component.id);
}
