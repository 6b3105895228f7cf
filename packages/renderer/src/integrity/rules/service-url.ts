import type { IntegrityRule, Manifest } from '../integrity-rule';
import { configTexts, lineAt } from '../config-text';
import { byName } from '../workloads';

/** Port a URL scheme implies when the URL names none. */
const schemePorts: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443 };

// scheme://[user[:password]@]host[:port]; the scheme is the last one before "://" (jdbc:mysql:// → mysql).
const urlPattern = /([a-z][a-z0-9+.-]*):\/\/(?:[^@/\s"']*@)?([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?)(?::(\d{1,5}))?/gi;
// host:port without a scheme, e.g. EMT_ANM_HOSTS=anm:8090; not part of a longer word or URL.
const hostPortPattern = /(?<![\w.@/:-])([a-z0-9](?:[a-z0-9.-]*[a-z0-9])?):(\d{1,5})(?![\w.:])/gi;

/** The Service an in-cluster host names (`svc`, `svc.ns`, `svc.ns.svc`, `svc.ns.svc.cluster.local`), if any. */
function serviceNamed(host: string, services: ReadonlyMap<string, Manifest>): { name: string; service?: Manifest } | undefined {
  const parts = host.toLowerCase().split('.');
  const inCluster = parts.length === 1 || (parts.length >= 3 && parts[2] === 'svc' && (parts.length === 3 || parts.slice(3).join('.') === 'cluster.local'));
  const service = services.get(parts[0]!);
  if (parts.length === 1) return service ? { name: parts[0]!, service } : undefined;
  if (parts.length === 2 && service && (service.metadata?.namespace === undefined || service.metadata.namespace === parts[1]))
    return { name: parts[0]!, service };
  if (!inCluster) return undefined;
  // A `.svc` name in the environment's own namespace must name one of its Services.
  const namespaces = new Set([...services.values()].map((s) => s.metadata?.namespace).filter(Boolean));
  if (namespaces.size > 0 && !namespaces.has(parts[1])) return undefined;
  return service && (service.metadata?.namespace === undefined || service.metadata.namespace === parts[1]) ? { name: parts[0]!, service } : { name: parts[0]! };
}

/**
 * Every in-cluster address in env values and ConfigMap data (a URL, or `host:port`) whose host
 * is a Service name (short or `.svc` form) must name one of that Service's ports; a `.svc` host
 * of this namespace must name a rendered Service. A typo here passes every schema check and
 * fails only at run time, when the product tries to connect.
 */
export const serviceUrlRule: IntegrityRule = {
  id: 'service-url',
  description: 'every in-cluster URL or host:port in env values and ConfigMap data names a rendered Service and one of its ports',
  check(objects) {
    const findings: { object: string; message: string }[] = [];
    const services = byName(objects, 'Service');
    for (const text of configTexts(objects)) {
      const addresses: { host: string; port: number | undefined; index: number; shown: string }[] = [];
      let rest = text.text;
      for (const m of text.text.matchAll(urlPattern)) {
        const port = m[3] !== undefined ? Number(m[3]) : schemePorts[m[1]!.toLowerCase()];
        addresses.push({ host: m[2]!, port, index: m.index!, shown: m[0] });
        rest = rest.slice(0, m.index!) + ' '.repeat(m[0].length) + rest.slice(m.index! + m[0].length);
      }
      for (const m of rest.matchAll(hostPortPattern)) addresses.push({ host: m[1]!, port: Number(m[2]), index: m.index!, shown: m[0] });
      for (const address of addresses.sort((a, b) => a.index - b.index)) {
        const named = serviceNamed(address.host, services);
        if (!named) continue;
        const where = lineAt(text, address.index);
        if (!named.service) {
          findings.push({
            object: text.object,
            message: `${where}: ${JSON.stringify(address.shown)} names Service ${JSON.stringify(named.name)}, which is not rendered`,
          });
          continue;
        }
        const ports = ((named.service.spec?.ports ?? []) as Record<string, any>[]).map((p) => p.port as number);
        if (address.port !== undefined && !ports.includes(address.port))
          findings.push({
            object: text.object,
            message: `${where}: ${JSON.stringify(address.shown)} uses port ${address.port}, which Service/${named.name} does not expose (ports: ${ports.join(', ')})`,
          });
      }
    }
    return findings;
  },
};
