/**
 * What WSO2 API Manager 4.5 itself decides: the images' user, entrypoints and the variables they read,
 * ports, probe endpoints, where mounted files must land and which deployment.toml tables the product
 * knows. The renderer takes these facts from here only; each carries the upstream source it was read
 * from, and `packages/renderer/test/wso2/product-facts.test.ts` holds every rendered container and
 * config file to them.
 *
 * Sources (read for this module):
 * - wso2/docker-apim, branch 4.5.x (commit a6f64492), `dockerfiles/ubuntu/{apim,apim-acp,apim-universal-gw}/`
 *   `Dockerfile` and `docker-entrypoint.sh`;
 * - wso2/product-apim, tag v4.5.0: `all-in-one-apim/…/conf/deployment.toml`,
 *   `api-control-plane/…/conf/deployment-templates/key-manager.toml`, `gateway/…/conf/deployment.toml`,
 *   `gateway/…/conf/infer.json`, and the `startup-scripts/*.sh`;
 * - wso2/helm-apim, branch 4.5.x (commit 9856a0c7): `all-in-one/`, `distributed/{key-manager,gateway}/`;
 * - wso2/carbon-apimgt, `conf_templates/templates/repository/conf/jndi.properties.j2` (AMQP URL).
 */

/** The product user's home in every 4.5 image (docker-apim 4.5.x Dockerfiles: `ARG USER_HOME=/home/${USER}`, `USER=wso2carbon`). */
export const wso2Home = '/home/wso2carbon';

/**
 * UID and GID of `wso2carbon:wso2` in the 4.5 images (docker-apim 4.5.x, all three Dockerfiles:
 * `ARG USER_ID=10001`, `ARG USER_GROUP_ID=10001`, `USER ${USER_ID}`). 802 was the UID up to 4.2.x.
 * The entrypoint copies the mounted config into `$WSO2_SERVER_HOME` (owned by this user) under
 * `set -e`, so any other UID makes the pod crash-loop. helm-apim 4.5.x values: `runAsUser: 10001`.
 */
export const wso2ImageUser = { uid: 10001, gid: 10001 } as const;

/** One of the three product images of Pattern 5. */
export type Wso2ImageKind = 'allInOne' | 'apiControlPlane' | 'universalGateway';

/** What an image does on start, read from its Dockerfile and docker-entrypoint.sh (docker-apim 4.5.x). */
export interface Wso2ImageFact {
  /** `WSO2_SERVER_NAME` of the Dockerfile; the server home is `<home>/<name>-<version>`. */
  readonly serverName: string;
  /**
   * Environment variables the entrypoint or the start script reads. `WORKING_DIRECTORY` and
   * `WSO2_SERVER_HOME` are set by the image itself (Dockerfile `ENV`) and never rendered.
   */
  readonly reads: readonly string[];
  /**
   * Start script under `$WSO2_SERVER_HOME/bin/`, by `PROFILE_NAME` value (`''` when unset). The acp
   * entrypoint starts `key-manager.sh` only when PROFILE_NAME is exactly `key-manager`, and a full
   * control plane (`api-cp.sh`) otherwise.
   */
  readonly startScripts: Readonly<Record<string, string>>;
  /** Ports the Dockerfile `EXPOSE`s. */
  readonly exposes: readonly number[];
}

/**
 * The three images. Every start script reads `JVM_MEM_OPTS` and `JAVA_OPTS` ("JAVA_OPTS (Optional) Java
 * runtime options", put on the server's command line after the heap flags; product-apim v4.5.0
 * `startup-scripts/{api-manager,api-cp,key-manager,gateway}.sh`); only the acp entrypoint reads
 * `PROFILE_NAME` (the all-in-one and universal-gw entrypoints never mention it). The entrypoints start the
 * script with the container's environment as it is (docker-apim 4.5.x `docker-entrypoint.sh`).
 */
export const wso2Images: Readonly<Record<Wso2ImageKind, Wso2ImageFact>> = {
  allInOne: {
    serverName: 'wso2am',
    reads: ['JVM_MEM_OPTS', 'JAVA_OPTS'],
    startScripts: { '': 'api-manager' },
    exposes: [9763, 9443, 9999, 11111, 8280, 8243, 5672, 9711, 9611, 9099],
  },
  apiControlPlane: {
    serverName: 'wso2am-acp',
    reads: ['JVM_MEM_OPTS', 'JAVA_OPTS', 'PROFILE_NAME'],
    startScripts: { '': 'api-cp', 'key-manager': 'key-manager' },
    exposes: [9763, 9443, 9999, 11111, 8280, 8243, 5672, 9711, 9611, 9099],
  },
  universalGateway: {
    serverName: 'wso2am-universal-gw',
    reads: ['JVM_MEM_OPTS', 'JAVA_OPTS'],
    startScripts: { '': 'gateway' },
    exposes: [8280, 8243, 9763, 9443, 9099, 8099, 9021, 8021],
  },
};

/** The `PROFILE_NAME` that makes the acp image a key manager (docker-apim 4.5.x apim-acp/docker-entrypoint.sh). */
export const wso2KeyManagerProfile = 'key-manager';

/**
 * Folders the entrypoint copies over `$WSO2_SERVER_HOME` before the server starts
 * (`cp -RL ${config_volume}/* ${WSO2_SERVER_HOME}/`, docker-apim 4.5.x entrypoints). A file mounted at
 * `<configVolume>/repository/conf/deployment.toml` therefore becomes the server's deployment.toml.
 * The copy happens once per container start, so a changed file reaches the server only by a restart.
 */
export const wso2ConfigVolume = `${wso2Home}/wso2-config-volume`;

/** Paths relative to the server home (and to {@link wso2ConfigVolume}) of the files the renderer mounts. */
export const wso2Paths = {
  /** The product's single configuration file (product-apim v4.5.0 `conf/deployment.toml`). */
  deploymentToml: 'repository/conf/deployment.toml',
  /** Its log4j2 configuration (product-apim v4.5.0 `conf/log4j2.properties`; helm-apim 4.5.x mounts it here). */
  log4j2Properties: 'repository/conf/log4j2.properties',
  /** Keystores and truststore (`[keystore.tls] file_name = "wso2carbon.jks"` resolves here). */
  security: 'repository/resources/security',
} as const;

/**
 * The fixed ports of 4.5 at offset 0. Services use the same numbers (`targetPort = port`), so one
 * table serves containers, Services, URLs and NetworkPolicies. Each number is in the `EXPOSE` line of
 * the image that serves it (docker-apim 4.5.x Dockerfiles), except 8099/8021/9021 on the all-in-one
 * image, which the product opens although its Dockerfile does not list them (helm-apim 4.5.x
 * all-in-one templates declare them).
 * @see https://apim.docs.wso2.com/en/4.5.0/reference/default-product-ports/
 */
export const wso2Ports = {
  /** UIs, REST APIs, `/services/` admin services, OAuth2 and JWKS. */
  servletHttps: 9443,
  /** Plain management HTTP; the liveness probe reads `/services/Version` here. */
  servletHttp: 9763,
  /** API traffic over HTTPS (pass-through). */
  passThroughHttps: 8243,
  /** API traffic over HTTP. */
  passThroughHttp: 8280,
  /** WebSocket APIs over TLS. */
  webSocketSecure: 8099,
  /** WebSocket APIs, plain. */
  webSocket: 9099,
  /** WebSub/streaming receiver over TLS. */
  webSubHttps: 8021,
  /** WebSub/streaming receiver, plain. */
  webSub: 9021,
  /** Event hub and throttle-decision broker (AMQP) on the control plane. */
  jms: 5672,
  /** Traffic-manager event receiver, binary (databridge) over TCP. */
  binary: 9611,
  /** Traffic-manager event receiver, binary over SSL. */
  binarySsl: 9711,
} as const;

/** Name of a WSO2 port. */
export type Wso2PortName = keyof typeof wso2Ports;

/** Container port names (IANA service names, at most 15 characters). */
export const wso2PortNames: Readonly<Record<Wso2PortName, string>> = {
  servletHttps: 'servlet-https',
  servletHttp: 'servlet-http',
  passThroughHttps: 'pt-https',
  passThroughHttp: 'pt-http',
  webSocketSecure: 'wss',
  webSocket: 'ws',
  webSubHttps: 'websub-https',
  webSub: 'websub',
  jms: 'jms',
  binary: 'binary',
  binarySsl: 'binary-ssl',
};

/**
 * Ports that serve TLS (the servlet, pass-through, WebSocket and WebSub transports with the keystore's
 * certificate; product-apim v4.5.0 deployment.toml `[transport.https]` and the gateway's `wss`/`websub`
 * listeners). Their Service ports say `appProtocol: https`, which is how a back end's protocol is written
 * down for Gateway API (GEP-1911) and for the integrity check that every HTTPS back end has a TLS policy.
 * 9711 is the binary (databridge) event receiver over SSL, not HTTPS.
 */
export const wso2HttpsPorts: readonly Wso2PortName[] = ['servletHttps', 'passThroughHttps', 'webSocketSecure', 'webSubHttps'];

/**
 * What helm-apim 4.5.x's ingresses ask of the entry (all-in-one values `kubernetes.ingress.management`
 * annotations, and the reference sheet): a cookie named `route` keeps a browser on one control plane, and
 * WebSocket connections stay open up to an hour without traffic.
 */
export const wso2EntryFacts = {
  sessionCookie: 'route',
  webSocketIdleSeconds: 3600,
} as const;

/** Ports each component's Service exposes. */
export const wso2ServicePorts = {
  controlPlane: ['servletHttps', 'passThroughHttps', 'passThroughHttp', 'webSocketSecure', 'webSocket', 'webSubHttps', 'webSub', 'jms', 'binary', 'binarySsl'],
  keyManager: ['servletHttps', 'servletHttp'],
  gateway: ['servletHttps', 'servletHttp', 'passThroughHttps', 'passThroughHttp', 'webSocketSecure', 'webSocket', 'webSubHttps', 'webSub'],
} as const satisfies Record<string, readonly Wso2PortName[]>;

/**
 * Ports each component's container declares: every port its Service targets, plus 9763 for the
 * liveness probe (the control plane's Service leaves 9763 out, its container still serves it).
 */
export const wso2ContainerPorts = {
  controlPlane: ['servletHttps', 'servletHttp', ...wso2ServicePorts.controlPlane.slice(1)],
  keyManager: [...wso2ServicePorts.keyManager],
  gateway: [...wso2ServicePorts.gateway],
} as const satisfies Record<string, readonly Wso2PortName[]>;

/**
 * Probe endpoints (helm-apim 4.5.x `all-in-one/templates/am/instance-1/wso2am-deployment.yaml` and the
 * distributed charts: liveness `/services/Version` on 9763, readiness the start-up healthcheck).
 */
export const wso2ProbePaths = {
  /** Healthy once start-up, the first API artifact deployment included, has finished (control plane, gateways). */
  startupHealthcheck: '/api/am/gateway/v2/server-startup-healthcheck',
  /** Key manager readiness: served once the OAuth2 component is up. */
  jwks: '/oauth2/jwks',
  /** Liveness on the plain servlet port. */
  version: '/services/Version',
} as const;

/**
 * `[server] server_role` of every Pattern 5 node. The gateway's `infer.json` (product-apim v4.5.0
 * `gateway/…/conf/infer.json`) maps only `"default"`, and its stock deployment.toml sets it;
 * `"gateway-worker"` is a role of the older all-in-one profiles, not of the 4.5 Universal Gateway.
 */
export const wso2ServerRole = 'default';

/**
 * Every deployment.toml table 4.5 knows that this repository may render, with where it appears in
 * the product's own files. A rendered table outside this list fails a test.
 */
export const wso2KnownTables: Readonly<Record<string, string>> = {
  server: 'product-apim v4.5.0 all three conf/deployment.toml',
  super_admin: 'product-apim v4.5.0 all three conf/deployment.toml',
  user_store: 'product-apim v4.5.0 all three conf/deployment.toml',
  'user_store.properties': 'helm-apim 4.5.x all-in-one/confs/instance-1/deployment.toml',
  'database.apim_db': 'product-apim v4.5.0 all-in-one and key-manager.toml',
  'database.apim_db.pool_options': 'helm-apim 4.5.x all-in-one/confs/instance-1/deployment.toml',
  'database.shared_db': 'product-apim v4.5.0 all three conf/deployment.toml',
  'database.shared_db.pool_options': 'helm-apim 4.5.x distributed/gateway/confs/deployment.toml',
  'keystore.tls': 'product-apim v4.5.0 all three conf/deployment.toml',
  'keystore.primary': 'helm-apim 4.5.x distributed/*/confs/deployment.toml',
  'keystore.internal': 'helm-apim 4.5.x distributed/*/confs/deployment.toml',
  truststore: 'product-apim v4.5.0 gateway conf/deployment.toml, key-manager.toml',
  'transport.http': 'helm-apim 4.5.x all-in-one and distributed/gateway confs',
  'transport.http.properties': 'helm-apim 4.5.x all-in-one and distributed/gateway confs',
  'transport.https': 'helm-apim 4.5.x all-in-one and distributed/gateway confs',
  'transport.https.properties': 'helm-apim 4.5.x all-in-one and distributed/gateway confs',
  apim: 'product-apim v4.5.0 all-in-one conf/deployment.toml',
  'apim.key_manager': 'product-apim v4.5.0 all-in-one conf/deployment.toml',
  'apim.devportal': 'helm-apim 4.5.x all-in-one/confs/instance-1/deployment.toml',
  'apim.gateway': 'product-apim v4.5.0 all-in-one conf/deployment.toml ([[apim.gateway.environment]])',
  'apim.gateway.environment': 'product-apim v4.5.0 all-in-one conf/deployment.toml',
  'apim.sync_runtime_artifacts': 'product-apim v4.5.0 all-in-one and gateway conf/deployment.toml',
  'apim.sync_runtime_artifacts.gateway': 'product-apim v4.5.0 all-in-one and gateway conf/deployment.toml',
  'apim.event_hub': 'product-apim v4.5.0 key-manager.toml',
  'apim.event_hub.jms': 'docs-apim (email user names guide: [apim.event_hub.jms] username/password)',
  'apim.throttling': 'helm-apim 4.5.x distributed/gateway/confs/deployment.toml',
  'apim.throttling.url_group': 'helm-apim 4.5.x distributed/gateway/confs/deployment.toml',
  'apim.throttling.jms': 'helm-apim 4.5.x all-in-one confs; carbon-apimgt jndi.properties.j2',
  oauth: 'helm-apim 4.5.x all-in-one/confs/instance-1/deployment.toml',
  'oauth.endpoints': 'helm-apim 4.5.x all-in-one/confs/instance-1/deployment.toml',
  event_listener: 'product-apim v4.5.0 all-in-one conf/deployment.toml, key-manager.toml',
  'event_listener.properties': 'product-apim v4.5.0 all-in-one conf/deployment.toml, key-manager.toml',
  event_handler: 'product-apim v4.5.0 all-in-one conf/deployment.toml, key-manager.toml',
  keystore: 'parent of [keystore.tls]',
  database: 'parent of [database.*]',
  transport: 'parent of [transport.*]',
};

/** A table a component's deployment.toml must carry, with why. */
export interface Wso2RequiredTable {
  readonly table: string;
  /** Keys it must hold, with their exact value where the product fixes it. */
  readonly keys: Readonly<Record<string, unknown>>;
  readonly why: string;
}

/** The token-revocation listener's properties the product's defaults carry. */
const tokenRevocationProperties = {
  // product-apim v4.5.0 all-in-one deployment.toml and key-manager.toml: without them the notify call
  // to the control plane is unauthenticated and revocations never reach the gateways.
  username: '${admin.username}',
  password: '${admin.password}',
  'header.X-WSO2-KEY-MANAGER': 'default',
};

/**
 * Paths of the management host that only operators use: the Carbon console, the Admin portal, the
 * Publisher, the SOAP admin services and the Publisher and Admin REST APIs (apim.docs.wso2.com 4.5.0,
 * "REST APIs": /api/am/publisher/v4, /api/am/admin/v4). The Developer Portal and its API stay public.
 */
export const wso2AdminPaths = ['/carbon', '/admin', '/publisher', '/services', '/api/am/publisher', '/api/am/admin'] as const;

/**
 * Context paths of the control plane's web consoles. The portals' contexts are in wso2/apim-apps v9.2.76
 * (the `carbon.apimgt.ui.version` of product-apim v4.5.0's pom.xml): `portals/publisher/.../conf/settings.json`
 * `/publisher`, `portals/devportal/.../theme/settings.json` `/devportal`, `portals/admin/.../conf/settings.json`
 * `/admin`; the Carbon management console is `/carbon` (the Pattern 5 guide's "Access Management Consoles",
 * apim.docs.wso2.com 4.5.0 am-pattern-5-all-in-one-gw-km §6).
 */
export const wso2ConsolePaths = {
  publisher: '/publisher',
  devportal: '/devportal',
  admin: '/admin',
  carbon: '/carbon',
} as const;

/** The self sign-up handler of the Developer Portal (product-apim v4.5.0 all-in-one and key-manager.toml). */
export const wso2SelfSignUpHandler = { name: 'userPostSelfRegistration', subscriptions: ['POST_ADD_USER'] } as const;

/** Tables each component needs, as the product's own defaults for that profile have them. */
export const wso2RequiredTables: Readonly<Record<'controlPlane' | 'keyManager' | 'gateway', readonly Wso2RequiredTable[]>> = {
  controlPlane: [
    { table: 'server', keys: { server_role: wso2ServerRole }, why: 'product-apim v4.5.0 all-in-one deployment.toml' },
    { table: 'event_listener', keys: { id: 'token_revocation' }, why: 'revocation notifications (all-in-one deployment.toml)' },
    { table: 'event_listener.properties', keys: tokenRevocationProperties, why: 'notify-call credentials (all-in-one deployment.toml)' },
    { table: 'event_handler', keys: wso2SelfSignUpHandler, why: 'Developer Portal self sign-up (all-in-one deployment.toml)' },
    { table: 'apim.throttling.jms', keys: {}, why: 'URL-encoded credentials of the AMQP URL (carbon-apimgt jndi.properties.j2)' },
  ],
  keyManager: [
    { table: 'server', keys: { server_role: wso2ServerRole }, why: 'product-apim v4.5.0 key-manager.toml' },
    { table: 'event_listener', keys: { id: 'token_revocation' }, why: 'revocation notifications (key-manager.toml)' },
    { table: 'event_listener.properties', keys: tokenRevocationProperties, why: 'notify-call credentials (key-manager.toml)' },
    { table: 'event_handler', keys: wso2SelfSignUpHandler, why: 'Developer Portal self sign-up (key-manager.toml)' },
    { table: 'apim.event_hub', keys: { enable: true }, why: 'events from the control plane (key-manager.toml)' },
    { table: 'apim.event_hub.jms', keys: {}, why: 'URL-encoded credentials of the event hub AMQP URL' },
    { table: 'apim.throttling.jms', keys: {}, why: 'URL-encoded credentials of the AMQP URL' },
  ],
  gateway: [
    { table: 'server', keys: { server_role: wso2ServerRole }, why: 'product-apim v4.5.0 gateway deployment.toml and infer.json' },
    { table: 'apim.sync_runtime_artifacts.gateway', keys: {}, why: 'gateway labels to pull artifacts for (gateway deployment.toml)' },
    { table: 'apim.event_hub', keys: { enable: true }, why: 'events from the control plane (helm-apim distributed/gateway)' },
    { table: 'apim.event_hub.jms', keys: {}, why: 'URL-encoded credentials of the event hub AMQP URL' },
    { table: 'apim.throttling', keys: {}, why: 'throttle decisions from the traffic manager (helm-apim distributed/gateway)' },
    { table: 'apim.throttling.jms', keys: {}, why: 'URL-encoded credentials of the AMQP URL' },
  ],
};

/**
 * Characters the product cannot take in the super admin's name or password: the AMQP URL is parsed
 * with them (docs-apim "Maintaining logins and passwords", 3.2.0 onward: "It is not possible to use
 * the @ { } symbols in the username or password").
 */
export const wso2ForbiddenCredentialCharacters = ['@', '{', '}'] as const;

/**
 * The tables a schema check reads: one created by each database script the product ships in
 * `$WSO2_SERVER_HOME/dbscripts/`. `AM_API` is created by `dbscripts/apimgt/mysql.sql` (wso2/carbon-apimgt
 * `features/apimgt/org.wso2.carbon.apimgt.core.feature/src/main/resources/sql/mysql.sql`), `UM_TENANT` by
 * `dbscripts/mysql.sql` (the user-management tables of wso2/carbon-kernel's `dbscripts/mysql.sql`).
 */
export const wso2SchemaTables = { apim_db: 'AM_API', shared_db: 'UM_TENANT' } as const;

/** The script under `$WSO2_SERVER_HOME/dbscripts/` that creates each database's tables. */
export const wso2SchemaScripts = { apim_db: 'dbscripts/apimgt/mysql.sql', shared_db: 'dbscripts/mysql.sql' } as const;

/**
 * Extra JVM options of the server: the variable every 4.5 start script puts on the server's `java`
 * command line (product-apim v4.5.0 `startup-scripts/gateway.sh`: `$JVM_MEM_OPTS … $JAVA_OPTS
 * -Dcom.sun.management.jmxremote …`; the same in api-manager.sh and key-manager.sh). WSO2's "Monitoring
 * with Prometheus" guide (docs-apim `en/docs/observe/api-manager/metrics/prometheus-for-monitoring.md`)
 * loads the JMX exporter agent the same way, by editing the start script instead.
 */
export const wso2JavaOptsVariable = 'JAVA_OPTS';

/**
 * The runtime diagnostics tool every 4.5 start script starts in the background before the server
 * (`"$CARBON_HOME"/diagnostics-tool/bin/diagnostics.sh &`, product-apim v4.5.0 `startup-scripts/gateway.sh`,
 * api-manager.sh, key-manager.sh). That script runs a JVM of its own with the same `JAVA_OPTS` and
 * `JVM_MEM_OPTS` (`exec "$JAVACMD" $JAVA_OPTS $JVM_MEM_OPTS … org.wso2.diagnostics.DiagnosticsApp`,
 * startup-scripts/diagnostics.sh), so a Java agent given in `JAVA_OPTS` starts twice in the container.
 * Replacing `script` (relative to the server home, reached through the config volume) with one that
 * exits keeps the agent in the server JVM only; the tool's own switch
 * (`[server_configuration] diagnostic_tool_enabled`, default "true" in conf/default.json) acts only after
 * its JVM, and so the agent, has started.
 */
export const wso2DiagnosticsTool = {
  script: 'diagnostics-tool/bin/diagnostics.sh',
  readsJavaOpts: true,
} as const;
