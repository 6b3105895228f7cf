import { describe, expect, it } from 'vitest';
import type { Obj } from './rendered';
import { baseWith, byKind, environments, mainContainer, parsedTomls, renderWso2Plain, selects, stringsIn } from './rendered';

// A URL without a dot in its host points inside the namespace: it must name a Service of ours.
const inCluster = /^(https?|tcp|ssl):\/\/([a-z0-9-]+):(\d+)(\/|$)/;

function unresolved(objects: Obj[]): string[] {
  const services = new Map(byKind(objects, 'Service').map((s) => [s.metadata.name, s.spec.ports.map((p: Obj) => p.port)]));
  const problems: string[] = [];
  let seen = 0;
  for (const [configMap, toml] of parsedTomls(objects)) {
    for (const { path, value } of stringsIn(toml)) {
      const match = inCluster.exec(value);
      if (!match) continue;
      seen++;
      const ports = services.get(match[2]!);
      if (!ports) problems.push(`${configMap}: ${path} = ${value}: no Service ${match[2]}`);
      else if (!ports.includes(Number(match[3]))) problems.push(`${configMap}: ${path} = ${value}: Service ${match[2]} has no port ${match[3]}`);
    }
  }
  if (seen === 0) problems.push('no in-cluster URL found at all');
  return problems;
}

describe.each(Object.keys(environments))('%s: deployment.toml wiring', (name) => {
  const objects = renderWso2Plain(environments[name]!);
  const tomls = parsedTomls(objects);

  it('every in-cluster URL names a rendered Service and one of its ports', () => {
    expect(unresolved(objects)).toEqual([]);
  });

  it('every Service selects the pods of exactly one Deployment', () => {
    for (const service of byKind(objects, 'Service')) {
      const matching = byKind(objects, 'Deployment').filter((d) => selects(service.spec.selector, d.spec.template.metadata.labels));
      expect(matching, service.metadata.name).toHaveLength(1);
    }
  });

  it('every $env{NAME} in a deployment.toml is set on the container that reads it', () => {
    for (const deployment of byKind(objects, 'Deployment')) {
      const configMap = deployment.spec.template.spec.volumes.find((v: Obj) => v.configMap).configMap.name;
      const names = new Set(mainContainer(deployment).env.map((e: Obj) => e.name));
      for (const { path, value } of stringsIn(tomls.get(configMap)))
        for (const [, env] of value.matchAll(/\$env\{([A-Z_]+)\}/g)) expect(names.has(env), `${configMap}: ${path} reads ${env}`).toBe(true);
    }
  });

  it('no password or username in a deployment.toml is a literal', () => {
    for (const [configMap, toml] of tomls)
      for (const { path, value } of stringsIn(toml).filter((s) => /(^|\.)(password|username|key_password)$/.test(s.path)))
        expect(value, `${configMap}: ${path}`).toMatch(/^(\$env\{[A-Z_]+\}|\$ref\{super_admin\.(username|password)\}|\$\{admin\.(username|password)\})$/);
  });

  it("the gateway labels of the gateways equal the control plane's gateway environments", () => {
    const cp = tomls.get('wso2-control-plane-config') as Obj;
    const gw = tomls.get('wso2-gateway-config') as Obj;
    expect(gw.apim.sync_runtime_artifacts.gateway.gateway_labels).toEqual(cp.apim.gateway.environment.map((e: Obj) => e.name));
    expect(cp.apim.sync_runtime_artifacts.gateway.gateway_labels).toEqual(gw.apim.sync_runtime_artifacts.gateway.gateway_labels);
  });

  // Whichever entry serves them (an Ingress, an HTTPRoute, or both during a move), the hosts the
  // product writes into generated URLs and advertises to API consumers are the hosts routed to it.
  const served = new Map<string, { host: string; port: number }[]>();
  const serve = (service: string, host: string, port: number) => served.set(service, [...(served.get(service) ?? []), { host, port }]);
  for (const ingress of byKind(objects, 'Ingress'))
    for (const rule of ingress.spec.rules) serve(rule.http.paths[0].backend.service.name, rule.host, rule.http.paths[0].backend.service.port.number);
  for (const route of byKind(objects, 'HTTPRoute'))
    for (const host of route.spec.hostnames) serve(route.spec.rules[0].backendRefs[0].name, host, route.spec.rules[0].backendRefs[0].port);

  it('routes some host to the control plane and the gateways', () => {
    expect(served.get('wso2-control-plane')?.length).toBeGreaterThan(0);
    expect(served.get('wso2-gateway')?.length).toBeGreaterThan(0);
  });

  it('the server hostname of each component is a host routed to it', () => {
    for (const [configMap, toml] of tomls) {
      const service = configMap.replace(/-config$/, '');
      const hosts = (served.get(service) ?? []).map((r) => r.host);
      if (hosts.length > 0) expect(hosts, configMap).toContain((toml as Obj).server.hostname);
    }
  });

  it('the advertised gateway endpoints are the hosts routed to the gateways, each to the port of its protocol', () => {
    const cp = tomls.get('wso2-control-plane-config') as Obj;
    const toGateways = served.get('wso2-gateway') ?? [];
    for (const environment of cp.apim.gateway.environment as Obj[]) {
      const endpoints: [string, number][] = [
        [environment.https_endpoint, 8243],
        [environment.wss_endpoint, 8099],
        [environment.websub_event_receiver_https_endpoint, 8021],
      ];
      for (const [url, port] of endpoints) {
        const { protocol, host } = new URL(url);
        expect(['https:', 'wss:'], url).toContain(protocol);
        expect(toGateways, url).toContainEqual({ host, port });
      }
    }
  });
});

describe('renaming a Service in models', () => {
  const renamed = renderWso2Plain(
    baseWith({ controlPlane: { serviceName: 'apim-cp' }, keyManager: { serviceName: 'apim-km', ingress: true }, gateway: { serviceName: 'apim-gw' } }),
  );

  it('renames the Services', () => {
    expect(
      byKind(renamed, 'Service')
        .map((s) => s.metadata.name)
        .sort(),
    ).toEqual(['apim-cp', 'apim-gw', 'apim-km']);
  });

  it('leaves every URL, precheck, Ingress and HTTPRoute pointing at a real Service', () => {
    expect(unresolved(renamed)).toEqual([]);
    const text = JSON.stringify([...parsedTomls(renamed).values()]);
    expect(text).not.toMatch(/\/\/wso2-(control-plane|key-manager|gateway):/);
    const services = new Set(byKind(renamed, 'Service').map((s) => s.metadata.name));
    for (const ingress of byKind(renamed, 'Ingress'))
      for (const rule of ingress.spec.rules) expect(services.has(rule.http.paths[0].backend.service.name), ingress.metadata.name).toBe(true);
    const routes = byKind(renamed, 'HTTPRoute');
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) expect(services.has(route.spec.rules[0].backendRefs[0].name), route.metadata.name).toBe(true);
    for (const policy of byKind(renamed, 'BackendTLSPolicy')) expect(services.has(policy.spec.targetRefs[0].name), policy.metadata.name).toBe(true);
    for (const deployment of byKind(renamed, 'Deployment'))
      for (const init of deployment.spec.template.spec.initContainers ?? [])
        expect(init.command[2], init.name).not.toMatch(/wso2-(control-plane|key-manager|gateway) /);
  });
});
