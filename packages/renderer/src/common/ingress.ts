import { Ingress } from 'kubernetes-models/networking.k8s.io/v1/Ingress';
import type { EnvironmentBasics, ResolvedComponent } from '@apim-gitops/models';
import { componentLabels } from '../labels';

/** One public host served by one Service port, at path `/` unless `paths` says otherwise. */
export interface IngressRoute {
  readonly host: string;
  readonly serviceName: string;
  readonly servicePort: number;
  /** Path prefixes; `/` by default. */
  readonly paths?: readonly string[];
}

/** Prefix of every ingress-nginx annotation. */
export const nginx = 'nginx.ingress.kubernetes.io';

/**
 * An Ingress for one or more hosts of one component, with TLS for every host from the
 * environment's certificate Secret. Annotations are ingress-nginx's.
 */
export function hostIngress(
  env: EnvironmentBasics,
  component: ResolvedComponent,
  name: string,
  routes: readonly IngressRoute[],
  annotations: Record<string, string>,
  tlsSecret: string = env.ingress.tlsSecret,
): Ingress {
  return new Ingress({
    metadata: { name, labels: componentLabels(component), annotations },
    spec: {
      ingressClassName: env.ingress.className,
      tls: [{ hosts: routes.map((r) => r.host), secretName: tlsSecret }],
      rules: routes.map((r) => ({
        host: r.host,
        http: {
          paths: (r.paths ?? ['/']).map((path) => ({ path, pathType: 'Prefix', backend: { service: { name: r.serviceName, port: { number: r.servicePort } } } })),
        },
      })),
    },
  });
}
