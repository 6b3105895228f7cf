import type { ResolvedComponent, ResolvedGatewayApiEntry, ResolvedPublicRoute } from '@apim-gitops/models';
import type { KubeObject } from '../kube-object';

/**
 * What a Gateway API implementation renders with its own CRDs for what Gateway API has no portable
 * field for. One module per implementation (`envoy-gateway.ts`), registered in `index.ts` under the
 * name `entry.gatewayApi.implementation` takes.
 */
export interface GatewayImplementation {
  /** Objects that apply to one route wherever it attaches, e.g. a client-address allow-list. */
  routePolicies(entry: ResolvedGatewayApiEntry, component: ResolvedComponent, route: ResolvedPublicRoute): KubeObject[];
  /**
   * Settings of the listener that serves one route on the environment's own Gateway: minimum TLS
   * version, ALPN (HTTP/2 off), idle timeouts. Only for a rendered Gateway: policies live beside it.
   */
  listenerPolicies(gatewayName: string, component: ResolvedComponent, route: ResolvedPublicRoute): KubeObject[];
}
