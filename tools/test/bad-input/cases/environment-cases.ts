import type { BadInputCase } from '../bad-input-case';
import { edits, replaceOnce } from '../bad-input-case';

const envFile = (edit: (source: string) => string) => ({ 'environment.ts': edit });
const secretsBlock = `  secrets: {
    provider: 'external-secrets',
    store: { kind: 'ClusterSecretStore', name: 'vault-dev' },
  },
`;

/** Malformed environment-wide fields of `environments/dev/environment.ts`. */
export const environmentCases: readonly BadInputCase[] = [
  {
    // The models are a module of their own at run time: Node, not esbuild, finds the missing export.
    name: 'an import of a name the models do not export',
    edits: envFile(replaceOnce('import { defineEnvironment } from', 'import { defineEnvironmnt as defineEnvironment } from')),
    expectPath: 'line 1:10',
    expectMessage: 'imports "defineEnvironmnt" from @apim-gitops/models, which does not export it (did you mean "defineEnvironment"?)',
  },
  { name: 'a name that is a number', edits: envFile(replaceOnce("name: 'dev'", 'name: 42')), expectPath: 'name', expectMessage: 'must be a string (got 42)' },
  {
    name: 'a name with upper case letters',
    edits: envFile(replaceOnce("name: 'dev'", "name: 'Dev'")),
    expectPath: 'name',
    expectMessage: '"Dev" is not a valid DNS name (use lower case: "dev")',
  },
  {
    name: 'a name different from the folder',
    edits: envFile(replaceOnce("name: 'dev'", "name: 'qa'")),
    expectPath: 'name',
    expectMessage: '"qa" must equal the folder name "dev"',
  },
  {
    name: 'a namespace with an underscore',
    edits: envFile(replaceOnce("name: 'dev',", "name: 'dev',\n  namespace: 'apim_dev',")),
    expectPath: 'namespace',
    expectMessage: `"apim_dev" is not a valid DNS name (use '-' instead of '_')`,
  },
  {
    name: 'a domain with a space',
    edits: envFile(replaceOnce("domain: 'dev.apim.example.org'", "domain: 'dev apim.example.org'")),
    expectPath: 'domain',
    expectMessage: 'is not a valid DNS name (no spaces allowed)',
  },
  {
    name: 'production as a string',
    edits: envFile(replaceOnce("name: 'dev',", "name: 'dev',\n  production: 'yes',")),
    expectPath: 'production',
    expectMessage: 'must be true or false (got "yes")',
  },
  {
    name: 'a misspelt field',
    edits: envFile(replaceOnce('domain:', 'Domain:')),
    expectPath: 'Domain',
    expectMessage: 'is not a known field (did you mean "domain"?)',
  },
  {
    name: 'an unknown stack key',
    edits: envFile(replaceOnce('  wso2,\n', '  wso2,\n  kong: {},\n')),
    expectPath: 'kong',
    expectMessage: 'is not a known field',
  },
  {
    name: 'an empty environment',
    edits: envFile((s) => s.replace(/defineEnvironment\(\{[\s\S]*\}\);/, 'defineEnvironment({} as never);')),
    expectPath: '(environment)',
    expectMessage: 'is empty',
  },
  {
    name: 'a log destination without addresses',
    edits: envFile(
      replaceOnce('  wso2,\n  axway,\n', "  logging: { shipping: { destination: { kind: 'loki', host: 'loki.example.org' } } },\n  wso2,\n  axway,\n"),
    ),
    expectPath: 'logging.shipping.destination.cidrs',
    expectMessage: 'must list the address blocks of "logs-loki" (a NetworkPolicy cannot match a DNS name)',
  },
  { name: 'no stack at all', edits: envFile(replaceOnce('  wso2,\n  axway,\n', '')), expectPath: '(environment)', expectMessage: 'runs no stack' },
  { name: 'no images', edits: envFile((s) => s.replace(/ {2}images: \{[\s\S]*?\n {2}\},\n/, '')), expectPath: 'images', expectMessage: 'is required' },
  {
    name: 'a registry with a scheme',
    edits: envFile(replaceOnce("registry: 'registry.example.org/apim'", "registry: 'https://registry.example.org/apim'")),
    expectPath: 'images.registry',
    expectMessage: 'without a scheme',
  },
  {
    name: 'a literal password as the pull secret',
    edits: envFile(replaceOnce("pullSecret: { secretRef: 'registry-pull' }", "pullSecret: 'hunter2'")),
    expectPath: 'images.pullSecret',
    expectMessage: 'must be a secret reference like { secretRef: "<secret name>" }, not a literal value',
  },
  {
    name: 'a literal certificate as the entry TLS',
    edits: envFile(replaceOnce("tls: { secretRef: 'apim-tls' }", "tls: '-----BEGIN CERTIFICATE-----'")),
    expectPath: 'entry.tls',
    expectMessage: 'not a literal value',
  },
  {
    name: 'a SecretRef with a value beside it',
    edits: envFile(replaceOnce("tls: { secretRef: 'apim-tls' }", "tls: { secretRef: 'apim-tls', value: 'x' }")),
    expectPath: 'entry.tls.value',
    expectMessage: 'is not a known field',
  },
  {
    name: 'an ingress class with a space',
    edits: envFile(replaceOnce("kind: 'ingress-nginx',", "kind: 'ingress-nginx', ingressNginx: { className: 'nginx public' },")),
    expectPath: 'entry.ingressNginx.className',
    expectMessage: 'no spaces allowed',
  },
  {
    name: 'an invalid controller namespace',
    edits: envFile(replaceOnce("kind: 'ingress-nginx',", "kind: 'ingress-nginx', ingressNginx: { controllerNamespace: 'Ingress' },")),
    expectPath: 'entry.ingressNginx.controllerNamespace',
    expectMessage: 'use lower case',
  },
  {
    name: 'an unknown entry kind',
    edits: envFile(replaceOnce("kind: 'ingress-nginx'", "kind: 'traefik'")),
    expectPath: 'entry.kind',
    expectMessage: 'must be one of "gateway-api", "ingress-nginx", "both" (got "traefik")',
  },
  {
    name: 'ingress-nginx without a certificate',
    edits: envFile(replaceOnce(", tls: { secretRef: 'apim-tls' }", '')),
    expectPath: 'entry.tls',
    expectMessage: 'is required: the Ingresses terminate TLS for every public host with it',
  },
  {
    name: 'a Gateway mode that does not exist',
    edits: envFile(replaceOnce("kind: 'ingress-nginx',", "kind: 'gateway-api', gatewayApi: { gateway: { mode: 'own' } },")),
    expectPath: 'entry.gatewayApi.gateway.mode',
    expectMessage: 'must be one of "attach", "render" (got "own")',
  },
  {
    name: 'a proxy pod label value with a space',
    edits: envFile(replaceOnce("kind: 'ingress-nginx',", "kind: 'both', gatewayApi: { dataPlane: { podLabels: { app: 'envoy proxy' } } },")),
    expectPath: 'entry.gatewayApi.dataPlane.podLabels.app',
    expectMessage: 'is not a label value',
  },
  {
    name: "Gateway API without the back ends' certificate host and CA",
    edits: envFile(replaceOnce("kind: 'ingress-nginx',", "kind: 'both',")),
    expectPath: 'wso2.backendTls',
    expectMessage: 'is required with Gateway API: every back end serves HTTPS with its own certificate',
  },
  {
    name: 'a rendered Gateway without a certificate',
    env: 'prod',
    edits: envFile(replaceOnce("    tls: { secretRef: 'apim-tls' },\n", '')),
    expectPath: 'entry.tls',
    expectMessage: "is required: the environment's Gateway terminates TLS for every public host with it",
  },
  {
    name: 'a monitoring namespace that is a number',
    edits: envFile(replaceOnce('  wso2,\n', '  monitoring: { namespace: 7 },\n  wso2,\n')),
    expectPath: 'monitoring.namespace',
    expectMessage: 'must be a string (got 7)',
  },
  {
    name: 'an unknown zoneSpread',
    edits: envFile(replaceOnce("zoneSpread: 'none'", "zoneSpread: 'zones'")),
    expectPath: 'scheduling.zoneSpread',
    expectMessage: 'must be one of "preferred", "required", "none" (got "zones")',
  },
  { name: 'no secrets backend', edits: envFile(replaceOnce(secretsBlock, '')), expectPath: 'secrets', expectMessage: 'is required' },
  {
    name: 'an unknown secrets provider',
    edits: envFile(replaceOnce("provider: 'external-secrets'", "provider: 'vault'")),
    expectPath: 'secrets.provider',
    expectMessage: 'must be one of "external-secrets", "sealed-secrets" (got "vault")',
  },
  { name: 'an unknown secret store kind', edits: envFile(replaceOnce("kind: 'ClusterSecretStore'", "kind: 'VaultStore'")), expectPath: 'secrets.store.kind' },
  {
    name: 'a remote key for a Secret the environment does not use',
    edits: envFile(replaceOnce("name: 'vault-dev' },", "name: 'vault-dev' },\n    remoteKeys: { 'wso2-apim-dbx': 'dev/apim-db' },")),
    expectPath: 'secrets.remoteKeys.wso2-apim-dbx',
    expectMessage: 'names no Secret this environment uses (its Secrets: apim-tls, axway-admin-users,',
  },
  {
    name: 'an invalid refreshInterval',
    edits: envFile(replaceOnce("name: 'vault-dev' },", "name: 'vault-dev' },\n    refreshInterval: 'hourly',")),
    expectPath: 'secrets.refreshInterval',
    expectMessage: 'must be a duration such as "1h" or "30m" (got "hourly")',
  },
  {
    name: 'a sealed-secrets backend with a plain value',
    edits: envFile(
      replaceOnce(
        secretsBlock,
        `  secrets: {
    provider: 'sealed-secrets',
    encryptedData: { 'apim-tls': { 'tls.crt': 'plain-cert', 'tls.key': 'plain-key' }, 'registry-pull': { '.dockerconfigjson': '{}' } },
  },
`,
      ),
    ),
    expectPath: 'secrets.encryptedData.apim-tls.tls.crt',
    expectMessage: 'does not look like Sealed Secrets ciphertext',
  },
  {
    name: 'a DNS target with a trailing dot',
    edits: envFile(replaceOnce("target: '192.0.2.10'", "target: '192.0.2.10.'")),
    expectPath: 'dns.target',
    expectMessage: '"192.0.2.10." ends with a dot; external-dns ignores A and AAAA targets written so: write "192.0.2.10"',
  },
  {
    name: 'backups of a database whose TLS does not verify the server',
    edits: envFile(
      replaceOnce(
        '  wso2,\n',
        "  backups: { enabled: true, objectStorage: { endpoint: 'https://s3.example.org', bucket: 'apim-backups-dev', region: 'eu-west-1', cidrs: ['10.60.0.0/24'], credentials: { secretRef: 'backup-object-storage' } }, image: { tag: '1' } },\n  wso2,\n",
      ),
    ),
    expectPath: 'wso2.databases.apim.tls.mode',
    expectMessage: 'is "REQUIRED", but backups.enabled dumps databases over verified TLS only; set "VERIFY_IDENTITY" with tls.ca, or turn backups off',
  },
  {
    name: 'a syntax error, reported at the line and column an editor shows',
    edits: envFile(replaceOnce("domain: 'dev.apim.example.org',", "domain: 'dev.apim.example.org' +,")),
    expectPath: 'line 7:35',
    expectMessage: 'Unexpected ","',
  },
  {
    name: 'an exception thrown while loading',
    edits: envFile(replaceOnce('export default', "throw new Error('vault is down');\nexport default")),
    expectPath: '(file)',
    expectMessage: 'threw while loading: vault is down',
  },
  {
    name: 'no default export',
    edits: envFile(replaceOnce('export default defineEnvironment(', 'export const dev = defineEnvironment(')),
    expectPath: '(file)',
    expectMessage: 'has no default export',
  },
  {
    name: 'an exception in a stack file',
    edits: { 'wso2.ts': edits(replaceOnce('export const wso2', "throw new Error('no wso2');\nexport const wso2")) },
    expectPath: '(file)',
    expectMessage: 'threw while loading: no wso2',
  },
];
