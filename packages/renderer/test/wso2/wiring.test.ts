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

  it('the gateway labels of the gateways equal the control plane\'s gateway environments', () => {
    const cp = tomls.get('wso2-control-plane-config') as Obj;
    const gw = tomls.get('wso2-gateway-config') as Obj;
    expect(gw.apim.sync_runtime_artifacts.gateway.gateway_labels).toEqual(cp.apim.gateway.environment.map((e: Obj) => e.name));
    expect(cp.apim.sync_runtime_artifacts.gateway.gateway_labels).toEqual(gw.apim.sync_runtime_artifacts.gateway.gateway_labels);
  });

  it('the server hostname of each component is the host its Ingress serves', () => {
    const hosts = new Map<string, string[]>();
    for (const ingress of byKind(objects, 'Ingress'))
      for (const rule of ingress.spec.rules) {
        const service = rule.http.paths[0].backend.service.name;
        hosts.set(service, [...(hosts.get(service) ?? []), rule.host]);
      }
    for (const [configMap, toml] of tomls) {
      const service = configMap.replace(/-config$/, '');
      const served = hosts.get(service);
      if (served) expect(served, configMap).toContain((toml as Obj).server.hostname);
    }
  });
});

describe('renaming a Service in models', () => {
  const renamed = renderWso2Plain(baseWith({ controlPlane: { serviceName: 'apim-cp' }, keyManager: { serviceName: 'apim-km', ingress: true }, gateway: { serviceName: 'apim-gw' } }));

  it('renames the Services', () => {
    expect(byKind(renamed, 'Service').map((s) => s.metadata.name).sort()).toEqual(['apim-cp', 'apim-gw', 'apim-km']);
  });

  it('leaves every URL, precheck and Ingress pointing at a real Service', () => {
    expect(unresolved(renamed)).toEqual([]);
    const text = JSON.stringify([...parsedTomls(renamed).values()]);
    expect(text).not.toMatch(/\/\/wso2-(control-plane|key-manager|gateway):/);
    const services = new Set(byKind(renamed, 'Service').map((s) => s.metadata.name));
    for (const ingress of byKind(renamed, 'Ingress'))
      for (const rule of ingress.spec.rules) expect(services.has(rule.http.paths[0].backend.service.name), ingress.metadata.name).toBe(true);
    for (const deployment of byKind(renamed, 'Deployment'))
      for (const init of deployment.spec.template.spec.initContainers ?? [])
        expect(init.command[2], init.name).not.toMatch(/wso2-(control-plane|key-manager|gateway) /);
  });
});
