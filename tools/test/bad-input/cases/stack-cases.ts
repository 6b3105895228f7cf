import type { BadInputCase } from '../bad-input-case';
import { replaceOnce } from '../bad-input-case';

const wso2 = (edit: (source: string) => string) => ({ 'wso2.ts': edit });
const axway = (edit: (source: string) => string) => ({ 'axway.ts': edit });
const dev = (file: string) => `environments/dev/${file}`;

/**
 * Malformed WSO2 and Axway parts (`environments/<env>/wso2.ts`, `axway.ts`). The error still names
 * environment.ts, the environment being rendered, with the stack's field path.
 */
export const stackCases: readonly BadInputCase[] = [
  {
    name: 'a WSO2 heap larger than its memory limit',
    edits: wso2(replaceOnce('heapMiB: 1024', 'heapMiB: 4096')),
    expectPath: 'wso2.controlPlane.heapMiB',
    expectMessage: 'does not fit the memory limit',
  },
  { name: 'a missing WSO2 database', edits: wso2((s) => s.replace(/ {4}apim: \{[\s\S]*?\n {4}\},\n/, '')), expectPath: 'wso2.databases.apim' },
  {
    name: 'a literal database password',
    edits: wso2(replaceOnce("credentials: { secretRef: 'wso2-apim-db' }", "credentials: 'hunter2'")),
    expectPath: 'wso2.databases.apim.credentials',
    expectMessage: 'not a literal value',
  },
  {
    name: 'a database host with a space',
    edits: wso2(
      replaceOnce(
        "host: 'mysql.dev.example.org',\n      cidrs: ['10.130.1.0/24'],\n      credentials: { secretRef: 'wso2-apim-db' }",
        "host: 'mysql dev',\n      cidrs: ['10.130.1.0/24'],\n      credentials: { secretRef: 'wso2-apim-db' }",
      ),
    ),
    expectPath: 'wso2.databases.apim.host',
    expectMessage: 'no spaces allowed',
  },
  {
    name: 'a database port out of range',
    edits: wso2(
      replaceOnce(
        "host: 'mysql.dev.example.org',\n      cidrs: ['10.130.1.0/24'],\n      credentials: { secretRef: 'wso2-shared-db' }",
        "host: 'mysql.dev.example.org',\n      port: 70000,\n      cidrs: ['10.130.1.0/24'],\n      credentials: { secretRef: 'wso2-shared-db' }",
      ),
    ),
    expectPath: 'wso2.databases.shared.port',
    expectMessage: 'must be at most 65535 (got 70000)',
  },
  {
    name: 'gateway replicas as a string',
    edits: wso2(replaceOnce('gateway: { ...small, replicas: 1,', "gateway: { ...small, replicas: 'two' as never,")),
    expectPath: 'wso2.gateway.replicas',
    expectMessage: 'must be a whole number (got "two")',
  },
  {
    name: 'two control planes',
    edits: wso2(replaceOnce('controlPlane: small,', 'controlPlane: { ...small, replicas: 2 },')),
    expectPath: 'wso2.controlPlane.replicas',
  },
  {
    name: 'one gateway in production',
    env: 'prod',
    edits: wso2(replaceOnce('autoscaling: { maxReplicas: 6 },', 'replicas: 1, autoscaling: { enabled: false },')),
    expectPath: 'wso2.gateway.replicas',
  },
  {
    name: 'a gateway host that is already the management host',
    edits: wso2(replaceOnce('  schemaJob:', "  hostnames: { gateway: 'am.dev.apim.example.org' },\n  schemaJob:")),
    expectPath: 'wso2.hostnames.gateway',
  },
  {
    name: 'an exception thrown in a stack file',
    edits: wso2((s) => `${s}\nthrow new Error('wso2.ts is unfinished');\n`),
    expectPath: '(file)',
    expectMessage: 'threw while loading: wso2.ts is unfinished',
  },
  {
    name: 'an Admin Node Manager with two replicas',
    edits: axway(replaceOnce('  traffic: {', '  adminNodeManager: { replicas: 2 },\n  traffic: {')),
    expectPath: 'axway.adminNodeManager.replicas',
  },
  {
    name: 'EMT_DEPLOYMENT_ENABLED in production',
    env: 'prod',
    edits: axway(replaceOnce("  events: { storageClass: 'efs-sc' },", "  events: { storageClass: 'efs-sc' },\n  deploymentEnabled: true,")),
    expectPath: 'axway.deploymentEnabled',
  },
  {
    name: 'two Cassandra hosts in production',
    env: 'prod',
    edits: axway(replaceOnce(", 'cassandra-3.data.example.org'", '')),
    expectPath: 'axway.cassandra.hosts',
  },
  {
    name: 'a Cassandra keyspace with a dash',
    edits: axway(replaceOnce("hosts: ['cassandra-1.dev.example.org'],", "hosts: ['cassandra-1.dev.example.org'],\n    keyspace: 'axway-apim',")),
    expectPath: 'axway.cassandra.keyspace',
  },
  {
    name: 'an Axway traffic heap larger than its memory limit',
    edits: axway(replaceOnce('traffic: { replicas: 1,', 'traffic: { heapMb: 4096, replicas: 1,')),
    expectPath: 'axway.traffic.heapMb',
  },
  {
    name: 'an allow-list entry that is not a CIDR',
    env: 'prod',
    edits: axway(replaceOnce("adminNodeManager: { allowedSourceRanges: ['10.20.0.0/16'] }", "adminNodeManager: { allowedSourceRanges: ['10.20.0.0/33'] }")),
    expectPath: 'axway.adminNodeManager.allowedSourceRanges[0]',
  },
  {
    name: 'a ReadWriteOnce events volume under an autoscaler',
    env: 'prod',
    edits: axway(replaceOnce("events: { storageClass: 'efs-sc' },", "events: { storageClass: 'efs-sc', accessMode: 'ReadWriteOnce' },")),
    expectPath: 'axway.events.accessMode',
  },
  // The egress model: addresses, never names, and at least one back end (issue: network flows).
  {
    name: 'a DNS name where a back-end CIDR belongs',
    edits: axway(replaceOnce("cidrs: ['10.140.0.0/16']", "cidrs: ['apis.dev.example.org']")),
    expectPath: 'axway.traffic.backends[0].cidrs[0]',
    expectMessage: 'is not a CIDR block',
  },
  {
    name: 'an invalid data-store CIDR',
    edits: axway(replaceOnce("cidrs: ['10.130.2.0/24']", "cidrs: ['10.130.2.0/40']")),
    expectPath: 'axway.cassandra.cidrs[0]',
    expectMessage: '"10.130.2.0/40" is not a CIDR block',
  },
  {
    name: 'a back-end port out of range',
    edits: wso2(replaceOnce('ports: [443, 8443]', 'ports: [443, 84430]')),
    expectPath: 'wso2.gateway.backends[0].ports[1]',
    expectMessage: 'must be at most 65535 (got 84430)',
  },
  {
    name: 'gateways without a back end',
    edits: wso2(replaceOnce("backends: [{ name: 'any-api', anyAddressOutsideCluster: true, ports: [443, 8443] }]", 'backends: []')),
    expectPath: 'wso2.gateway.backends',
    expectMessage: 'must name at least one API back end',
  },
  {
    name: 'a production database without an address',
    env: 'prod',
    edits: axway(replaceOnce("    cidrs: ['10.30.3.0/24'],\n", '')),
    expectPath: 'axway.metricsDb.cidrs',
    expectMessage: 'a NetworkPolicy cannot match a DNS name',
  },
  {
    name: 'a syntax error in a stack file',
    edits: axway(replaceOnce("traceLevel: 'DEBUG',", "traceLevel: 'DEBUG',,")),
    expectPath: 'line 17:23',
    expectMessage: 'Expected identifier',
    file: dev('axway.ts'),
  },
  {
    name: 'a back-end CA given both as a Secret and a ConfigMap',
    env: 'prod',
    edits: wso2(replaceOnce("caCertificate: { secretRef: 'wso2-backend-ca' }", "caCertificate: { secretRef: 'wso2-backend-ca', configMapRef: 'corp-ca' }")),
    expectPath: 'wso2.backendTls.caCertificate',
    expectMessage: 'must name exactly one of secretRef and configMapRef (got both)',
  },
  {
    name: 'a wildcard as the back-end certificate host',
    env: 'prod',
    edits: axway(replaceOnce("hostname: 'axway-apim.apim-prod.svc'", "hostname: '*.apim-prod.svc'")),
    expectPath: 'axway.backendTls.hostname',
  },
  {
    name: 'a literal password as a JDBC URL option (caught by the render-time secret screen)',
    edits: wso2(
      replaceOnce(
        "credentials: { secretRef: 'wso2-apim-db' },",
        "credentials: { secretRef: 'wso2-apim-db' },\n      urlOptions: { serverTimezone: 'UTC', password: 'hunter2' },",
      ),
    ),
    file: 'dev',
    expectPath: 'ConfigMap/wso2-control-plane-config: data.deployment.toml',
    expectMessage: 'holds a literal "password=" URL parameter',
  },
];
