import { Service } from 'kubernetes-models/v1/Service';
import { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import type { ResolvedComponent } from '@apim-gitops/models';
import { componentLabels, selectorLabels } from '../labels';

/** A named port of a component. */
export interface NamedPort {
  /** At most 15 characters (container port names are IANA service names). */
  readonly name: string;
  readonly port: number;
  /**
   * `https` where the pods serve TLS on it: how a Service port states its protocol (Kubernetes
   * `appProtocol`; Gateway API GEP-1911), and what the check that every HTTPS back end has a
   * BackendTLSPolicy reads. Envoy Gateway's route translation acts only on `kubernetes.io/h2c` and
   * `grpc` there, so `https` leaves its routing as it was; the BackendTLSPolicy does the TLS.
   */
  readonly appProtocol?: 'https';
}

/** A ClusterIP Service for a component, `targetPort` equal to `port` (the container's own numbers). */
export function clusterService(component: ResolvedComponent, ports: readonly NamedPort[], extra: { sessionAffinity?: 'ClientIP' } = {}): Service {
  return new Service({
    metadata: { name: component.serviceName, labels: componentLabels(component) },
    spec: {
      type: 'ClusterIP',
      selector: selectorLabels(component),
      ports: ports.map((p) => ({ name: p.name, port: p.port, targetPort: p.port, protocol: 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) })),
      ...extra,
    },
  });
}

/** A dedicated ServiceAccount; the products never call the Kubernetes API, so no token is mounted. */
export function serviceAccount(component: ResolvedComponent): ServiceAccount {
  return new ServiceAccount({
    metadata: { name: component.id, labels: componentLabels(component) },
    automountServiceAccountToken: false,
  });
}
