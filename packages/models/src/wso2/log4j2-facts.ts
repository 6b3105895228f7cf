import type { Wso2ImageKind } from './facts';

/**
 * The log4j2 configuration each 4.5 distribution ships (`repository/conf/log4j2.properties`), as typed data, and
 * what JSON on stdout changes in it. The renderer writes the file from these lists and mounts it like
 * deployment.toml, so it replaces the image's copy: every appender and logger below is the product's own.
 *
 * Sources (read for this module):
 * - wso2/product-apim, tag v4.5.0: `all-in-one-apim/modules/distribution/product/src/main/conf/log4j2.properties`
 *   (the wso2am image), `api-control-plane/…/conf/log4j2.properties` (wso2am-acp, identical to the all-in-one
 *   file) and `gateway/…/conf/log4j2.properties` (wso2am-universal-gw: no governance audit appender or logger);
 * - wso2/product-apim v4.5.0, each distribution's `pom.xml`: `versions.pax.logging` 2.2.1-wso2v2 (log4j2 runs inside pax-logging);
 * - wso2/wso2-pax-logging, tag v2.2.1-wso2v2: `pax-logging-log4j2/pom.xml` unpacks `log4j-layout-template-json`
 *   into the bundle, `osgi.bnd` keeps `org.apache.logging.log4j.layout.*` private and includes its `*.json`
 *   event templates; Jackson, which `JsonLayout` needs, is only an optional import (`resolution:=optional`);
 *   log4j 2.19.0 (`version.org.apache.logging.log4j` in the root pom);
 * - wso2/helm-apim, branch 4.5.x: mounts the file at `wso2-config-volume/repository/conf/log4j2.properties`
 *   (`all-in-one/templates/am/instance-1/wso2am-deployment.yaml`) and adds console appenders for the audit, HTTP
 *   access and correlation loggers (`all-in-one/confs/log4j2.properties`);
 * - wso2/api-manager issues #3397 and #3949: JsonTemplateLayout works on 4.2.0 and later.
 */

/** A log4j level. */
export type Log4jLevel = 'OFF' | 'FATAL' | 'ERROR' | 'WARN' | 'INFO' | 'DEBUG' | 'TRACE';

/** What every appender has. */
interface Log4jAppenderBase {
  /** The key in `appender.<key>.*` and in the `appenders` list. */
  readonly key: string;
  /** `appender.<key>.name`, which loggers refer to; the key unless it differs. */
  readonly name?: string;
  /** ThresholdFilter level, if the appender has one. */
  readonly threshold?: Log4jLevel;
  /** The images whose file has this appender; every image when left out. */
  readonly only?: readonly Wso2ImageKind[];
  /** `false` for an appender the file defines but leaves out of its `appenders` list (the syslog one). */
  readonly listed?: boolean;
}

/** An appender of the product's file. */
export type Log4jAppender =
  | (Log4jAppenderBase & { readonly kind: 'Console'; readonly pattern: string })
  | (Log4jAppenderBase & {
      readonly kind: 'RollingFile';
      /** File under `${sys:carbon.home}/repository/logs/`. */
      readonly file: string;
      /** `filePattern` under the same folder. */
      readonly rolledFile: string;
      readonly pattern: string;
      /** TimeBasedTriggeringPolicy, interval 1, modulate. */
      readonly daily?: boolean;
      /** SizeBasedTriggeringPolicy size. */
      readonly rollAtSize?: string;
      /** DefaultRolloverStrategy max. */
      readonly keep?: number;
    })
  | (Log4jAppenderBase & { readonly kind: 'Syslog'; readonly host: string; readonly facility: string; readonly pattern: string })
  | (Log4jAppenderBase & { readonly kind: 'PaxOsgi'; readonly filter: string });

/** A logger of the product's file. */
export interface Log4jLogger {
  /** The key in `logger.<key>.*` and in the `loggers` list. */
  readonly key: string;
  /** The logger (category) name. */
  readonly name: string;
  readonly level: Log4jLevel;
  /** Appenders (by name) it writes to besides its parents'. */
  readonly appenderRefs?: readonly string[];
  readonly additivity?: boolean;
  /** `false` for the loggers the file defines but leaves out of its `loggers` list, which log4j then ignores. */
  readonly listed?: boolean;
  readonly only?: readonly Wso2ImageKind[];
}

/** The folder every file appender writes to. */
export const wso2LogsDir = '${sys:carbon.home}/repository/logs';

const appenders: readonly Log4jAppender[] = [
  { kind: 'Console', key: 'CARBON_CONSOLE', pattern: '[%d{DEFAULT}] %5p - %c{1} %m%n', threshold: 'DEBUG' },
  {
    kind: 'RollingFile',
    key: 'CARBON_LOGFILE',
    file: 'wso2carbon.log',
    rolledFile: 'wso2carbon-%d{MM-dd-yyyy}-%i.log',
    pattern: 'TID: [%tenantId] [%appName] [%d] %5p {%c} - %m%ex%n',
    daily: true,
    rollAtSize: '10MB',
    keep: 20,
    threshold: 'DEBUG',
  },
  {
    kind: 'RollingFile',
    key: 'AUDIT_LOGFILE',
    file: 'audit.log',
    rolledFile: 'audit-%d{MM-dd-yyyy}.log',
    pattern: 'TID: [%tenantId] [%d] %5p {%c} - %m%ex%n',
    daily: true,
    rollAtSize: '10MB',
    keep: 20,
    threshold: 'INFO',
  },
  {
    kind: 'RollingFile',
    key: 'API_LOGFILE',
    file: 'api.log',
    rolledFile: 'api-%d{MM-dd-yyyy}-%i.log',
    pattern: '[%d] %5p {%c} %X{apiName} - %m%ex%n',
    daily: true,
    rollAtSize: '10MB',
    keep: 20,
    threshold: 'DEBUG',
  },
  {
    kind: 'RollingFile',
    key: 'ATOMIKOS_LOGFILE',
    file: 'tm.out',
    rolledFile: 'tm-%d{MM-dd-yyyy}.out',
    pattern: '[%d] [%tenantId] %5p {%c} - %m%ex%n',
    daily: true,
    keep: 20,
  },
  {
    kind: 'RollingFile',
    key: 'CARBON_TRACE_LOGFILE',
    file: 'wso2carbon-trace-messages.log',
    rolledFile: 'wso2carbon-trace-messages-%d{MM-dd-yyyy}.log',
    pattern: '[%d] [%tenantId] %5p {%c} - %m%ex%n',
    daily: true,
    rollAtSize: '10MB',
    keep: 20,
  },
  {
    kind: 'RollingFile',
    key: 'CORRELATION',
    file: 'correlation.log',
    rolledFile: 'correlation-%d{MM-dd-yyyy}-%i.log.gz',
    pattern: '%d{yyyy-MM-dd HH:mm:ss,SSS}|%X{Correlation-ID}|%t|%m%n',
    daily: true,
    rollAtSize: '10MB',
    keep: 20,
    threshold: 'INFO',
  },
  {
    kind: 'RollingFile',
    key: 'ERROR_LOGFILE',
    file: 'wso2-apigw-errors.log',
    rolledFile: 'wso2-apigw-errors-%d{MM-dd-yyyy}-%i.log.gz',
    pattern: '%d{ISO8601} [%X{ip}-%X{host}] [%t] %5p {%c} %m%n',
    daily: true,
    rollAtSize: '10MB',
    keep: 20,
    threshold: 'WARN',
  },
  { kind: 'Syslog', key: 'CARBON_SYS_LOG', host: 'localhost', facility: 'USER', pattern: '[%d] %5p - %x %m {%c}%n', threshold: 'DEBUG', listed: false },
  {
    kind: 'RollingFile',
    key: 'OPEN_TRACING',
    file: 'wso2-apimgt-open-tracing.log',
    rolledFile: 'wso2-apimgt-open-tracing-%d{MM-dd-yyyy}-%i.log.gz',
    pattern: '%d{HH:mm:ss,SSS} [%X{ip}-%X{host}] [%t] %5p %m%n',
    daily: true,
    rollAtSize: '10MB',
    keep: 20,
    threshold: 'TRACE',
  },
  {
    kind: 'RollingFile',
    key: 'TRACE_APPENDER',
    file: 'wso2-apigw-trace.log',
    rolledFile: 'wso2-apigw-trace-%d{MM-dd-yyyy}.log',
    pattern: '%d{HH:mm:ss,SSS} [%X{ip}-%X{host}] [%t] %5p %c{1} %m%n',
    daily: true,
    keep: 20,
  },
  {
    kind: 'RollingFile',
    key: 'SERVICE_APPENDER',
    file: 'wso2-apigw-service.log',
    rolledFile: 'wso2-apigw-service-%i.log',
    pattern: '%d{ISO8601} [%X{ip}-%X{host}] [%t] %5p %c{1} %m%n',
    rollAtSize: '1000KB',
    keep: 10,
  },
  {
    kind: 'RollingFile',
    key: 'APIM_METRICS_APPENDER',
    file: 'apim_metrics.log',
    rolledFile: 'apim_metrics-%d{MM-dd-yyyy}-%i.log',
    pattern: '%d{HH:mm:ss,SSS} [%X{ip}-%X{host}] [%t] %5p %c{1} %m%n',
    daily: true,
    rollAtSize: '1000MB',
    keep: 10,
  },
  {
    kind: 'RollingFile',
    key: 'APIM_GATEWAY_ACCESS_APPENDER',
    file: 'http_access.log',
    rolledFile: 'http_access_%d{MM-dd-yyyy}-%i.log',
    pattern: '%msg%n',
    daily: true,
    rollAtSize: '1000MB',
    keep: 10,
    threshold: 'DEBUG',
  },
  {
    kind: 'RollingFile',
    key: 'APIM_GOV_AUDIT_LOGFILE',
    file: 'apim_governance_audit.log',
    rolledFile: 'apim_governance_audit-%d{MM-dd-yyyy}.log',
    pattern: 'ThreadID: [%T] TenantID: [%tenantId] [%d] %5p {%c} - %m%ex%n',
    daily: true,
    rollAtSize: '10MB',
    keep: 20,
    threshold: 'INFO',
    only: ['allInOne', 'apiControlPlane'],
  },
  { kind: 'PaxOsgi', key: 'osgi', name: 'PaxOsgi', filter: '*' },
  {
    kind: 'RollingFile',
    key: 'BOTDATA_APPENDER',
    file: 'wso2-BotDetectedData.log',
    rolledFile: 'wso2-BotDetectedData-%d{MM-dd-yyyy}.log',
    pattern: '[%d] [%tenantId] %5p {%c} - %m%ex%n',
    daily: true,
    rollAtSize: '10MB',
    keep: 20,
  },
];

const loggers: readonly Log4jLogger[] = [
  { key: 'API_LOG', name: 'API_LOG', level: 'INFO', appenderRefs: ['API_LOGFILE'], additivity: false },
  { key: 'reporter', name: 'org.wso2.am.analytics.publisher.reporter.elk', level: 'INFO', appenderRefs: ['APIM_METRICS_APPENDER'], additivity: false },
  { key: 'AUDIT_LOG', name: 'AUDIT_LOG', level: 'INFO', appenderRefs: ['AUDIT_LOGFILE'], additivity: false },
  {
    key: 'APIM_GOV_AUDIT_LOG',
    name: 'APIM_GOV_AUDIT_LOG',
    level: 'INFO',
    appenderRefs: ['APIM_GOV_AUDIT_LOGFILE'],
    additivity: false,
    only: ['allInOne', 'apiControlPlane'],
  },
  { key: 'trace-messages', name: 'trace.messages', level: 'TRACE', appenderRefs: ['CARBON_TRACE_LOGFILE'] },
  { key: 'org-apache-coyote', name: 'org.apache.coyote', level: 'WARN' },
  { key: 'com-hazelcast', name: 'com.hazelcast', level: 'ERROR' },
  { key: 'Owasp-CsrfGuard', name: 'Owasp.CsrfGuard', level: 'WARN' },
  {
    key: 'org-apache-axis2-wsdl-codegen-writer-PrettyPrinter',
    name: 'org.apache.axis2.wsdl.codegen.writer.PrettyPrinter',
    level: 'ERROR',
    appenderRefs: ['CARBON_LOGFILE'],
  },
  { key: 'org-apache-axis2-clustering', name: 'org.apache.axis2.clustering', level: 'INFO', additivity: false },
  { key: 'org-apache', name: 'org.apache', level: 'INFO', appenderRefs: ['CARBON_LOGFILE'], additivity: false, listed: false },
  { key: 'org-apache-catalina', name: 'org.apache.catalina', level: 'ERROR' },
  { key: 'org-apache-tomcat', name: 'org.apache.tomcat', level: 'INFO' },
  { key: 'org-wso2-carbon-apacheds', name: 'org.wso2.carbon.apacheds', level: 'WARN' },
  { key: 'org-apache-directory-server-ldap', name: 'org.apache.directory.server.ldap', level: 'ERROR' },
  { key: 'org-apache-directory-server-core-event', name: 'org.apache.directory.server.core.event', level: 'WARN' },
  { key: 'com-atomikos', name: 'com.atomikos', level: 'INFO', appenderRefs: ['ATOMIKOS_LOGFILE'], additivity: false },
  { key: 'org-quartz', name: 'org.quartz', level: 'WARN' },
  { key: 'org-apache-jackrabbit-webdav', name: 'org.apache.jackrabbit.webdav', level: 'WARN' },
  { key: 'org-apache-juddi', name: 'org.apache.juddi', level: 'ERROR' },
  { key: 'org-apache-commons-digester-Digester', name: 'org.apache.commons.digester.Digester', level: 'WARN' },
  { key: 'org-apache-jasper-compiler-TldLocationsCache', name: 'org.apache.jasper.compiler.TldLocationsCache', level: 'WARN' },
  { key: 'org-apache-qpid', name: 'org.apache.qpid', level: 'WARN' },
  { key: 'org-apache-qpid-server-Main', name: 'org.apache.qpid.server.Main', level: 'INFO' },
  { key: 'qpid-message', name: 'qpid.message', level: 'WARN' },
  { key: 'qpid-message-broker-listening', name: 'qpid.message.broker.listening', level: 'INFO' },
  { key: 'org-apache-tiles', name: 'org.apache.tiles', level: 'WARN' },
  { key: 'org-apache-commons-httpclient', name: 'org.apache.commons.httpclient', level: 'ERROR' },
  { key: 'org-apache-solr', name: 'org.apache.solr', level: 'ERROR' },
  { key: 'me-prettyprint-cassandra-hector-TimingLogger', name: 'me.prettyprint.cassandra.hector.TimingLogger', level: 'ERROR' },
  { key: 'org-wso2', name: 'org.wso2', level: 'INFO', listed: false },
  { key: 'org-wso2-carbon', name: 'org.wso2.carbon', level: 'INFO' },
  { key: 'org-apache-axis-enterprise', name: 'org.apache.axis2.enterprise', level: 'FATAL', appenderRefs: ['CARBON_LOGFILE'] },
  { key: 'org-apache-directory-shared-ldap', name: 'org.apache.directory.shared.ldap', level: 'WARN', appenderRefs: ['CARBON_LOGFILE'] },
  { key: 'org-apache-directory-server-ldap-handlers', name: 'org.apache.directory.server.ldap.handlers', level: 'WARN', appenderRefs: ['CARBON_LOGFILE'] },
  {
    key: 'org-apache-directory-shared-ldap-entry-DefaultServerAttribute',
    name: 'org.apache.directory.shared.ldap.entry.DefaultServerAttribute',
    level: 'FATAL',
    appenderRefs: ['CARBON_LOGFILE'],
  },
  {
    key: 'org-apache-directory-server-core-DefaultDirectoryService',
    name: 'org.apache.directory.server.core.DefaultDirectoryService',
    level: 'ERROR',
    appenderRefs: ['CARBON_LOGFILE'],
  },
  {
    key: 'org-apache-directory-shared-ldap-ldif-LdifReader',
    name: 'org.apache.directory.shared.ldap.ldif.LdifReader',
    level: 'ERROR',
    appenderRefs: ['CARBON_LOGFILE'],
  },
  {
    key: 'org-apache-directory-server-ldap-LdapProtocolHandler',
    name: 'org.apache.directory.server.ldap.LdapProtocolHandler',
    level: 'ERROR',
    appenderRefs: ['CARBON_LOGFILE'],
  },
  { key: 'org-apache-directory-server-core', name: 'org.apache.directory.server.core', level: 'ERROR', appenderRefs: ['CARBON_LOGFILE'] },
  {
    key: 'org-apache-directory-server-ldap-LdapSession',
    name: 'org.apache.directory.server.ldap.LdapSession',
    level: 'ERROR',
    appenderRefs: ['CARBON_LOGFILE'],
  },
  { key: 'correlation', name: 'correlation', level: 'INFO', appenderRefs: ['CORRELATION'], additivity: false },
  { key: 'DataNucleus', name: 'DataNucleus', level: 'ERROR' },
  { key: 'Datastore', name: 'Datastore', level: 'ERROR' },
  { key: 'Datastore-Schema', name: 'Datastore.Schema', level: 'ERROR' },
  { key: 'JPOX-Datastore', name: 'JPOX.Datastore', level: 'ERROR' },
  { key: 'JPOX-Plugin', name: 'JPOX.Plugin', level: 'ERROR' },
  { key: 'JPOX-MetaData', name: 'JPOX.MetaData', level: 'ERROR' },
  { key: 'JPOX-Query', name: 'JPOX.Query', level: 'ERROR' },
  { key: 'JPOX-General', name: 'JPOX.General', level: 'ERROR' },
  { key: 'JPOX-Enhancer', name: 'JPOX.Enhancer', level: 'ERROR' },
  { key: 'org-apache-hadoop-hive', name: 'org.apache.hadoop.hive', level: 'WARN' },
  { key: 'hive', name: 'hive', level: 'WARN' },
  { key: 'ExecMapper', name: 'ExecMapper', level: 'WARN' },
  { key: 'ExecReducer', name: 'ExecReducer', level: 'WARN' },
  { key: 'net-sf-ehcache-config-ConfigurationFactory', name: 'net.sf.ehcache.config.ConfigurationFactory', level: 'ERROR' },
  { key: 'axis2Deployment', name: 'org.apache.axis2.deployment', level: 'WARN' },
  { key: 'equinox', name: 'org.eclipse.equinox', level: 'FATAL' },
  { key: 'tomcat2', name: 'tomcat', level: 'FATAL' },
  { key: 'StAXDialectDetector', name: 'org.apache.axiom.util.stax.dialect.StAXDialectDetector', level: 'ERROR' },
  { key: 'trace', name: 'tracer', level: 'TRACE', appenderRefs: ['OPEN_TRACING'] },
  { key: 'synapse', name: 'org.apache.synapse', level: 'INFO' },
  {
    key: 'GatewayAccessLogger',
    name: 'org.apache.synapse.transport.http.access.logs',
    level: 'DEBUG',
    appenderRefs: ['APIM_GATEWAY_ACCESS_APPENDER'],
    additivity: false,
  },
  { key: 'synapse_transport', name: 'org.apache.synapse.transport', level: 'INFO' },
  { key: 'axis2', name: 'org.apache.axis2', level: 'INFO' },
  { key: 'axis2_transport', name: 'org.apache.axis2.transport', level: 'INFO' },
  { key: 'hunsicker', name: 'de.hunsicker.jalopy.io', level: 'FATAL' },
  { key: 'synapse-headers', name: 'org.apache.synapse.transport.http.headers', level: 'DEBUG', listed: false },
  { key: 'synapse-wire', name: 'org.apache.synapse.transport.http.wire', level: 'DEBUG', listed: false },
  { key: 'thrift-publisher', name: 'org.wso2.carbon.databridge.agent.thrift.AsyncDataPublisher', level: 'WARN' },
  { key: 'service_logger', name: 'SERVICE_LOGGER', level: 'INFO', appenderRefs: ['SERVICE_APPENDER'], additivity: false },
  { key: 'trace_logger', name: 'TRACE_LOGGER', level: 'INFO', appenderRefs: ['TRACE_APPENDER'] },
  {
    key: 'org-wso2-carbon-apimgt-gateway-mediators-BotDetectionMediator',
    name: 'org.wso2.carbon.apimgt.gateway.mediators.BotDetectionMediator',
    level: 'INFO',
    appenderRefs: ['BOTDATA_APPENDER'],
    additivity: false,
  },
];

/** The product's appenders (all three files list them in this order, the gateway's without the governance audit). */
export const wso2Log4j2Appenders: readonly Log4jAppender[] = appenders;

/** The product's loggers. */
export const wso2Log4j2Loggers: readonly Log4jLogger[] = loggers;

/** The root logger of all three files. */
export const wso2Log4j2Root = { level: 'ERROR', appenderRefs: ['CARBON_CONSOLE', 'CARBON_LOGFILE', 'ERROR_LOGFILE', 'PaxOsgi'] } as const;

const allInOneAppenders = [
  'CARBON_CONSOLE',
  'APIM_METRICS_APPENDER',
  'CARBON_LOGFILE',
  'AUDIT_LOGFILE',
  'ATOMIKOS_LOGFILE',
  'CARBON_TRACE_LOGFILE',
  'ERROR_LOGFILE',
  'OPEN_TRACING',
  'SERVICE_APPENDER',
  'TRACE_APPENDER',
  'osgi',
  'CORRELATION',
  'BOTDATA_APPENDER',
  'API_LOGFILE',
  'APIM_GATEWAY_ACCESS_APPENDER',
  'APIM_GOV_AUDIT_LOGFILE',
];

const allInOneLoggers = [
  'AUDIT_LOG',
  'APIM_GOV_AUDIT_LOG',
  'reporter',
  'trace-messages',
  'org-apache-coyote',
  'com-hazelcast',
  'Owasp-CsrfGuard',
  'org-apache-axis2-wsdl-codegen-writer-PrettyPrinter',
  'org-apache-axis2-clustering',
  'org-apache-catalina',
  'org-apache-tomcat',
  'org-wso2-carbon-apacheds',
  'org-apache-directory-server-ldap',
  'org-apache-directory-server-core-event',
  'com-atomikos',
  'org-quartz',
  'org-apache-jackrabbit-webdav',
  'org-apache-juddi',
  'org-apache-commons-digester-Digester',
  'org-apache-jasper-compiler-TldLocationsCache',
  'org-apache-qpid',
  'org-apache-qpid-server-Main',
  'qpid-message',
  'qpid-message-broker-listening',
  'org-apache-tiles',
  'org-apache-commons-httpclient',
  'org-apache-solr',
  'me-prettyprint-cassandra-hector-TimingLogger',
  'org-apache-axis-enterprise',
  'org-apache-directory-shared-ldap',
  'org-apache-directory-server-ldap-handlers',
  'org-apache-directory-shared-ldap-entry-DefaultServerAttribute',
  'org-apache-directory-server-core-DefaultDirectoryService',
  'org-apache-directory-shared-ldap-ldif-LdifReader',
  'org-apache-directory-server-ldap-LdapProtocolHandler',
  'org-apache-directory-server-core',
  'org-apache-directory-server-ldap-LdapSession',
  'DataNucleus',
  'Datastore',
  'Datastore-Schema',
  'JPOX-Datastore',
  'JPOX-Plugin',
  'JPOX-MetaData',
  'JPOX-Query',
  'JPOX-General',
  'JPOX-Enhancer',
  'org-apache-hadoop-hive',
  'hive',
  'ExecMapper',
  'ExecReducer',
  'net-sf-ehcache-config-ConfigurationFactory',
  'axis2Deployment',
  'equinox',
  'tomcat2',
  'StAXDialectDetector',
  'trace',
  'synapse',
  'synapse_transport',
  'axis2',
  'axis2_transport',
  'org-wso2-carbon',
  'hunsicker',
  'thrift-publisher',
  'service_logger',
  'trace_logger',
  'org-wso2-carbon-apimgt-gateway-mediators-BotDetectionMediator',
  'correlation',
  'API_LOG',
  'GatewayAccessLogger',
];

/**
 * The `appenders` and `loggers` lists exactly as each distribution's file has them: what log4j configures. A test
 * holds the rendered files to these, independently of the typed lists above.
 */
export const wso2Log4j2Listed: Readonly<Record<Wso2ImageKind, { readonly appenders: readonly string[]; readonly loggers: readonly string[] }>> = {
  allInOne: { appenders: allInOneAppenders, loggers: allInOneLoggers },
  apiControlPlane: { appenders: allInOneAppenders, loggers: allInOneLoggers },
  universalGateway: {
    appenders: allInOneAppenders.filter((a) => a !== 'APIM_GOV_AUDIT_LOGFILE'),
    loggers: allInOneLoggers.filter((l) => l !== 'APIM_GOV_AUDIT_LOG'),
  },
};

/** The console appender, whose layout JSON on stdout replaces. */
export const wso2ConsoleAppender = 'CARBON_CONSOLE';

/**
 * The layout JSON on stdout puts on the console appender: log4j's JsonTemplateLayout, which the 4.5 pack carries
 * inside its pax-logging-log4j2 bundle, with the Elastic Common Schema template the layout ships (and uses when
 * none is named). `JsonLayout` is not used: it needs Jackson, which that bundle imports only optionally.
 */
export const wso2JsonConsoleLayout = { type: 'JsonTemplateLayout', eventTemplateUri: 'classpath:EcsLayout.json' } as const;

/**
 * Loggers that write only to their own file (`additivity = false`) and that JSON on stdout also sends to the
 * console: the audit, governance audit, correlation, HTTP access and API logs, the streams helm-apim 4.5.x gives
 * console appenders of their own. Their files stay as the product writes them.
 */
export const wso2StdoutLoggers = ['AUDIT_LOG', 'APIM_GOV_AUDIT_LOG', 'correlation', 'GatewayAccessLogger', 'API_LOG'] as const;
