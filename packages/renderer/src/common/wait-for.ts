import type { IContainer } from 'kubernetes-models/v1';
import { containerSecurityContext } from './pod-security';

/** A TCP endpoint a pod waits for before its main container starts. */
export interface WaitTarget {
  /** Short name for the init container, e.g. `cassandra-1`. */
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

/** Requests and limits of a precheck: it only loops on a connection attempt. */
export const precheckResources = { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '50m', memory: '32Mi' } };

/**
 * An init container that loops until `host:port` accepts TCP connections. The product images do
 * no waiting of their own, so without these a pod would crash-loop until its dependencies are up.
 * `image` is the environment's precheck image (`images.precheck`, from its registry).
 */
export function waitForContainer(target: WaitTarget, image: string): IContainer {
  return {
    name: `wait-for-${target.name}`,
    image,
    imagePullPolicy: 'IfNotPresent',
    command: ['sh', '-c', `until nc -z -w 2 ${target.host} ${target.port}; do echo "waiting for ${target.host}:${target.port}"; sleep 5; done`],
    resources: precheckResources,
    securityContext: { ...containerSecurityContext(), runAsUser: 65534, runAsGroup: 65534, readOnlyRootFilesystem: true },
  };
}
