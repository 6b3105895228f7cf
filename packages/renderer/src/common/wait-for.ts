import type { IContainer } from 'kubernetes-models/v1';
import { containerSecurityContext } from './pod-security';

/** Image of the start-up prechecks: only `nc` and `sh` are needed. */
export const precheckImage = 'busybox:1.37';

/** A TCP endpoint a pod waits for before its main container starts. */
export interface WaitTarget {
  /** Short name for the init container, e.g. `cassandra-1`. */
  readonly name: string;
  readonly host: string;
  readonly port: number;
}

/**
 * An init container that loops until `host:port` accepts TCP connections. The product images do
 * no waiting of their own, so without these a pod would crash-loop until its dependencies are up.
 */
export function waitForContainer(target: WaitTarget, image: string = precheckImage): IContainer {
  return {
    name: `wait-for-${target.name}`,
    image,
    imagePullPolicy: 'IfNotPresent',
    command: ['sh', '-c', `until nc -z -w 2 ${target.host} ${target.port}; do echo "waiting for ${target.host}:${target.port}"; sleep 5; done`],
    resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '50m', memory: '32Mi' } },
    securityContext: { ...containerSecurityContext(), runAsUser: 65534, runAsGroup: 65534, readOnlyRootFilesystem: true },
  };
}
