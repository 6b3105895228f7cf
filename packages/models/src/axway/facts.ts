/**
 * What Axway API Management 7.7 in EMT mode itself decides: the images' user, ports, probe endpoints,
 * where mounted files must land, and which environment variables the images and the FED read. The
 * renderer takes these facts from here only; `packages/renderer/test/axway/product-facts.test.ts` holds
 * every rendered container to them.
 *
 * Sources (read for this module):
 * - Axway/Cloud-Automation (commit 425b31ff, the reference architecture's Helm chart):
 *   `APIM/Helmchart/values.yaml`, `templates/{anm,apimgr,apitraffic}/*-deployment.yaml`;
 * - Axway docs: container runtime parameters (`container_runtime.md`), gateway image script
 *   (`docker_script_gwimage.md`), and the EMT setup script's `_setupApiManager`, as summarised with
 *   sources in shared/reference/axway-apim-emt.md.
 */

/**
 * UID/GID the images run as (Cloud-Automation values.yaml: `securityContext: runAsUser: 1000,
 * fsGroup: 1000` for anm, apimgr and apitraffic). The events export must be writable by it.
 */
export const axwayImageUser = { uid: 1000, gid: 1000 } as const;

/** Install root inside both images (every mountPath of the Cloud-Automation deployments starts here). */
export const axwayInstallRoot = '/opt/Axway/apigateway';

/** Where an EMT gateway keeps its instance files; fixed by the EMT images (Cloud-Automation apitraffic/apimgr deployments). */
export const axwayGatewayInstanceDir = `${axwayInstallRoot}/groups/emt-group/emt-service`;

/** Mount paths the start scripts read (Cloud-Automation `templates/{anm,apimgr,apitraffic}/*-deployment.yaml`). */
export const axwayPaths = {
  /** The shared events folder, read by the ANM and written by every gateway. */
  events: `${axwayInstallRoot}/events`,
  /** Copied over the install root before the server starts (`/merge`, mounted in every pod). */
  mergeDir: '/merge',
  /** Files under here land at the same path below the install root. */
  mergeApigateway: '/merge/apigateway',
  /** Licence files of the gateways. */
  licenses: `${axwayInstallRoot}/conf/licenses`,
  /** The ANM's admin users file. */
  adminUsers: `${axwayInstallRoot}/conf/adminUsers.json`,
  /** jvm.xml of the ANM; the gateways read theirs under the instance directory. */
  anmJvmXml: `${axwayInstallRoot}/conf/jvm.xml`,
  gatewayJvmXml: `${axwayGatewayInstanceDir}/conf/jvm.xml`,
  /** Open-traffic event log of the gateways. */
  openTraffic: `${axwayInstallRoot}/logs/opentraffic`,
} as const;

/** Container ports (Cloud-Automation values.yaml `containerPorts`: anm 8090, manager 8075, traffic 8065, plain 8080). */
export const axwayPorts = {
  /** ANM: API Gateway Manager UI/REST and the gateways' registration target. */
  adminNodeManager: 8090,
  /** API Manager UI and REST API. */
  apiManager: 8075,
  /** API traffic. */
  traffic: 8065,
  /** Plain-HTTP health-check listener of every gateway pod (`EMT_HEALTHCHECK_PORT`; the chart's `plain`). */
  health: 8080,
  /** Instance management interface of every gateway pod, called by the ANM over mutual TLS. */
  management: 8085,
} as const;

/**
 * Ports that serve HTTPS (the ANM, the API Manager, the traffic listener and the mutual-TLS management
 * interface; Cloud-Automation values.yaml and the reference architecture's port table). Their Service ports
 * say `appProtocol: https`, as Gateway API reads a back end's protocol (GEP-1911).
 */
export const axwayHttpsPorts: readonly (keyof typeof axwayPorts)[] = ['adminNodeManager', 'apiManager', 'traffic', 'management'];

/**
 * What the reference architecture asks of the entry for every Axway host: "Disable HTTP/2 if your ingress
 * chooses it by default" (seed 003, External traffic). Its "Force usage of TLS protocol v1.2" holds for
 * every listener of the environment.
 */
export const axwayEntryFacts = {
  http2: false,
} as const;

/**
 * Where each web interface starts: API Gateway Manager (ANM) at `https://HOST:8090/` and the API Manager web
 * console at `https://HOST:8075/` (Axway/axway-open-docs c677b65, content/en/docs/apim_installation/apigtw_install/
 * system_requirements.md, "Default ports"); API traffic is served from `/` on the traffic port, each API under its
 * own path. On Kubernetes each interface has its own host at `/`.
 */
export const axwayConsolePaths = {
  adminNodeManager: '/',
  apiManager: '/',
  traffic: '/',
} as const;

/** Probe paths (Cloud-Automation values.yaml): ANM `/login` on 8090, API Manager `/` on 8075, traffic `/healthcheck` on 8080. */
export const axwayProbePaths = {
  adminNodeManager: '/login',
  apiManager: '/',
  health: '/healthcheck',
} as const;

/** Path of the gateways' health-check listener (`EMT_HEALTHCHECK_PATH`). */
export const axwayHealthPath = axwayProbePaths.health;

/**
 * Variables the images' EMT start scripts read (Axway container runtime parameters; Cloud-Automation
 * deployments set the same names). A rendered variable outside these lists fails a test.
 */
export const axwayImageEnv = {
  anm: [
    'ACCEPT_GENERAL_CONDITIONS',
    'EMT_HEAP_SIZE_MB',
    'EMT_TRACE_LEVEL',
    'EMT_TOPOLOGY_TTL',
    'EMT_TOPOLOGY_LOG_ENABLED',
    'EMT_TOPOLOGY_LOG_INTERVAL',
    'EMT_TOPOLOGY_LOG_DEST',
    'EMT_TOPOLOGY_LOG_DIR',
    'METRICS_DB_URL',
    'METRICS_DB_USERNAME',
    'METRICS_DB_PASS',
    'APIGW_LOG_TRACE_TO_FILE',
    'APIGW_LOG_TRACE_JSON_TO_STDOUT',
  ],
  gateway: [
    'ACCEPT_GENERAL_CONDITIONS',
    'EMT_HEAP_SIZE_MB',
    'EMT_TRACE_LEVEL',
    'EMT_ANM_HOSTS',
    'EMT_POLL_INTERVAL',
    'EMT_DEPLOYMENT_ENABLED',
    'EMT_HEALTHCHECK_PORT',
    'EMT_HEALTHCHECK_PATH',
    'EMT_PARENT_HOST',
    'METRICS_DB_URL',
    'METRICS_DB_USERNAME',
    'METRICS_DB_PASS',
    'APIGW_LOG_TRACE_TO_FILE',
    'APIGW_LOG_TRACE_JSON_TO_STDOUT',
    'APIGW_LOG_OPENTRAFFIC_OUTPUT',
  ],
} as const;

/**
 * The Cassandra variables a FED reads, by how the gateway image was built. The factory
 * `--api-manager` FED reads only `${environment.CASS_HOST}`: one contact point, from which the driver
 * discovers the other nodes (Axway container runtime parameters; every Cloud-Automation branch sets a
 * single `CASS_HOST`). Port, keyspaces and credentials reach a FED only where it was environmentalised
 * with those names in Policy Studio (Cloud-Automation values.yaml: "configure Cassandra authentication
 * with ${environment.CASS_USERNAME} using Policy-Studio"). Per-node hosts work only for a FED built with
 * `APIMGR_CASS_HOSTS='${environment.CASS_HOST1},…'` (EMT setup script `_setupApiManager`).
 */
export const axwayCassandraEnv = {
  /** The one host variable of the factory FED. */
  host: 'CASS_HOST',
  /** What an environmentalised FED reads besides the host. */
  environmentalised: ['CASS_PORT', 'CASS_KEYSPACE', 'CASS_TKEYSPACE', 'CASS_USERNAME', 'CASS_PASS'],
  /** The per-node host variable of a FED built with them: `CASS_HOST1`, `CASS_HOST2`, … */
  perNodeHost: (n: number) => `CASS_HOST${n}`,
} as const;

/**
 * A table `mysql-analytics.sql` (Axway's Docker scripts) creates in the metrics database, which a
 * schema check queries: `process_groups` is its first `CREATE TABLE IF NOT EXISTS`.
 */
export const axwayMetricsSchemaTable = 'process_groups';

/** The JVM arguments each role needs in jvm.xml (reference architecture; no heap flags, `EMT_HEAP_SIZE_MB` owns those). */
export const axwayVmArgs = {
  anm: '-Ddont.expect.100.continue=true',
  gateway: '-DCASSANDRA_PROTOCOL_VERSION=4',
} as const;

/**
 * A Java agent is loaded through jvm.xml like any JVM option: `<VMArg name="-javaagent:<jar>…"/>` in a
 * `<ConfigurationFragment>` (Axway-API-Management-Plus/opentelemetry-apim-agent README, tested with 7.7
 * May 2023: "Create a file named jvm.xml … <VMArg name="-javaagent:…/aspectjweaver-1.9.22.1.jar"/>"). The
 * EMT images read the ANM's from `anmJvmXml` and each gateway's from `gatewayJvmXml` (`axwayPaths`); Axway's
 * container runtime parameters list no variable for JVM options besides `EMT_HEAP_SIZE_MB`.
 */
export const axwayVmArgElement = (option: string) => `<VMArg name="${option}"/>`;
