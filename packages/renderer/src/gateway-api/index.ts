import type { ResolvedEnvironment, ResolvedGatewayApiEntry, ResolvedPublicRoute } from '@apim-gitops/models';
import type { KubeObject } from '../kube-object';
import { envoyGateway } from './envoy-gateway';
import { renderedGateway } from './gateway';
import type { GatewayImplementation } from './implementation';
import { backendTlsPolicy, httpRoute } from './routes';

/** The implementations, by the name `entry.gatewayApi.implementation` takes. */
const implementations: Readonly<Record<ResolvedGatewayApiEntry['implementation'], GatewayImplementation>> = {
  'envoy-gateway': envoyGateway,
};

/** Every public route of the environment, in stack order. */
export function publicRoutes(env: ResolvedEnvironment): ResolvedPublicRoute[] {
  return [...(env.wso2?.routes ?? []), ...(env.axway?.routes ?? [])];
}

/**
 * The Gateway API entry: an HTTPRoute per public host, a BackendTLSPolicy per Service they reach, the
 * implementation's policies, and the environment's own Gateway with a listener per host when it asks
 * for one. Nothing when the entry renders no Gateway API.
 */
export function renderGatewayApi(env: ResolvedEnvironment): KubeObject[] {
  const entry = env.entry.gatewayApi;
  if (!entry) return [];
  const implementation = implementations[entry.implementation];
  const routes = publicRoutes(env);
  const componentOf = (route: ResolvedPublicRoute) => {
    const component = env.components.find((c) => c.id === route.componentId);
    if (!component) throw new Error(`${env.name}: route ${route.name} is served by unknown component "${route.componentId}"`);
    return component;
  };
  const objects: KubeObject[] = [];
  const tlsPolicies = new Map<string, KubeObject>();
  for (const route of routes) {
    const component = componentOf(route);
    objects.push(httpRoute(entry, component, route), ...implementation.routePolicies(entry, component, route));
    const policy = tlsPolicies.has(route.serviceName) ? undefined : backendTlsPolicy(component, route);
    if (policy) tlsPolicies.set(route.serviceName, policy);
  }
  objects.push(...tlsPolicies.values());
  const gateway = entry.gateway;
  if (gateway.mode === 'render') {
    objects.push(renderedGateway(gateway.name, gateway.className, env.entry.tlsSecret ?? '', routes));
    for (const route of routes.filter((r) => !r.listenerOf)) objects.push(...implementation.listenerPolicies(gateway.name, componentOf(route), route));
  }
  return objects;
}
