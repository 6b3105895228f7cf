import { axwayGatewayInstanceDir, axwayInstallRoot, axwayPaths } from './facts';

/**
 * Where and how Axway API Management 7.7 writes its logs, and which switches move them to stdout.
 *
 * Sources (read for this module):
 * - Axway docs (axway-open-docs): `apim_installation/apigw_containers/configure_log_streaming.md` ("Redirect logs to
 *   stdout"), `apim_administration/apigtw_admin/tracing.md` (trace files, environment variables),
 *   `apim_administration/apigtw_admin/admin_open_logging.md` (open traffic event log, `APIGW_LOG_OPENTRAFFIC_OUTPUT`),
 *   `apim_administration/apigtw_admin/logging.md` (domain audit log), `apim_reference/log_global_settings.md`
 *   (transaction audit, access and event logs), `apim-reference-architectures/container-aws/_index.md` ("Logging and
 *   tracing": the logs to persist), and the Helm runtime parameters page (defaults of the `APIGW_LOG_*` variables);
 * - Axway/Cloud-Automation (commit 425b31ff) `APIM/Helmchart/templates/{anm,apimgr,apitraffic}/*-deployment.yaml` and
 *   `*-filebeat-config.yaml`: the volumes (`audit`, `trace`, `opentraffic`, `events`) and the files its Filebeat reads.
 */

/** Trace levels `EMT_TRACE_LEVEL` takes (container runtime parameters: "Possible values: INFO, DEBUG, DATA"). */
export const axwayTraceLevels = ['INFO', 'DEBUG', 'DATA'] as const;

/**
 * The variables that decide where trace and open-traffic records go (tracing.md "Environment variables",
 * admin_open_logging.md "Environment variables"; they override trace.xml and the FED's settings):
 * `APIGW_LOG_TRACE_TO_FILE` (`true`/`false`, default `true`), `APIGW_LOG_TRACE_JSON_TO_STDOUT` (`true`/`false`,
 * default `true`) and, on gateways, `APIGW_LOG_OPENTRAFFIC_OUTPUT` (`none`, `file` or `stdout`).
 */
export const axwayLogEnv = {
  traceLevel: 'EMT_TRACE_LEVEL',
  traceToFile: 'APIGW_LOG_TRACE_TO_FILE',
  traceJsonToStdout: 'APIGW_LOG_TRACE_JSON_TO_STDOUT',
  openTrafficOutput: 'APIGW_LOG_OPENTRAFFIC_OUTPUT',
} as const;

/** Values `APIGW_LOG_OPENTRAFFIC_OUTPUT` takes (admin_open_logging.md: `[none | file | stdout]`). */
export const axwayOpenTrafficOutputs = ['stdout', 'file', 'none'] as const;

/** Which kind of Axway container writes a log. */
export type AxwayLogRole = 'anm' | 'gateway';

/** A scratch volume of an Axway pod that holds log files. */
export type AxwayLogVolume = 'logs' | 'trace' | 'opentraffic';

/**
 * Where each log volume is mounted, by role. The ANM keeps its files under the install root, a gateway
 * under its instance directory (`groups/emt-group/emt-service`); the open traffic log sits under the install
 * root's `logs/opentraffic` (Cloud-Automation: the ANM's `audit` volume at `logs`, the API Manager's at
 * `groups/emt-group/emt-service/logs`, the traffic pods' `trace` at `groups/emt-group/emt-service/trace`
 * and `opentraffic` at `logs/opentraffic`).
 */
export function axwayLogMountPath(role: AxwayLogRole, volume: AxwayLogVolume): string {
  if (volume === 'opentraffic') return axwayPaths.openTraffic;
  return `${role === 'anm' ? axwayInstallRoot : axwayGatewayInstanceDir}/${volume}`;
}

/** One kind of log file, as the product writes it. */
export interface AxwayFileLog {
  /** Name of the stream, as the agent labels its records. */
  readonly stream: string;
  /** Which containers write it. */
  readonly roles: readonly AxwayLogRole[];
  /** The volume the files are on. */
  readonly volume: AxwayLogVolume;
  /** File pattern, relative to the volume's mount path. */
  readonly pattern: string;
  /** `json-lines`: one JSON object a line; `text`: one record a line; `trace`: records that may span lines. */
  readonly content: 'json-lines' | 'text' | 'trace';
  /**
   * When the product writes it to a file: `always`, only with trace files on (`format: 'text'`), or only with
   * `APIGW_LOG_OPENTRAFFIC_OUTPUT=file`.
   */
  readonly written: 'always' | 'trace-files' | 'open-traffic-file';
  /** Where the fact comes from. */
  readonly source: string;
}

/**
 * Every log the products keep in files, which the agent ships. Left out on purpose: the transaction event log
 * under `events/` (see {@link axwayEventsNotShipped}) and the ANM's topology log (off unless
 * `EMT_TOPOLOGY_LOG_ENABLED`, which is not rendered).
 */
export const axwayFileLogs: readonly AxwayFileLog[] = [
  {
    stream: 'domain-audit',
    roles: ['anm', 'gateway'],
    volume: 'logs',
    pattern: '*.log',
    content: 'json-lines',
    written: 'always',
    source:
      'logging.md: the domain audit log `<install-dir>/apigateway/logs/audit.log`, one JSON object a line, written by Node Managers and gateway instances; Cloud-Automation anm/apimgr filebeat: `/var/audit/*.log` on the `audit` volume',
  },
  {
    stream: 'transaction-audit',
    roles: ['gateway'],
    volume: 'logs',
    pattern: 'transaction/*.log',
    content: 'text',
    written: 'always',
    source:
      'log_global_settings.md "Log to Text File": file `transactionLog`, extension `.log`, directory `logs/transaction` (written once the FED enables it)',
  },
  {
    stream: 'access',
    roles: ['gateway'],
    volume: 'logs',
    pattern: 'access/*.log',
    content: 'text',
    written: 'always',
    source: 'log_global_settings.md "Configure the access log": file `access`, extension `.log`, directory `logs/access` (written once the FED enables it)',
  },
  {
    stream: 'open-traffic',
    roles: ['gateway'],
    volume: 'opentraffic',
    pattern: '*_traffic*.log',
    content: 'json-lines',
    written: 'open-traffic-file',
    source:
      'admin_open_logging.md: `<group>_<instance>_traffic.log` in JSON, combining the transaction event log and the traffic monitor; Cloud-Automation apitraffic filebeat: `/var/opentraffic/*_traffic*.log`',
  },
  {
    stream: 'trace',
    roles: ['anm', 'gateway'],
    volume: 'trace',
    pattern: '*.trc',
    content: 'trace',
    written: 'trace-files',
    source: 'tracing.md: `%s_%Y%m%d%H%M%S.trc` in the `trace` directory; Cloud-Automation apitraffic filebeat: `/var/trace/*.trc`, multiline by level',
  },
];

/**
 * The words a trace record starts with (tracing.md levels FATAL…DATA; Cloud-Automation's Filebeat multiline
 * pattern adds ALERT, TRACE, NOTICE, WARNING, CRITICAL and SEVERE): a line that starts otherwise continues the
 * record before it.
 */
export const axwayTraceRecordStart = ['ALERT', 'CRITICAL', 'DATA', 'DEBUG', 'ERROR', 'FATAL', 'INFO', 'NOTICE', 'SEVERE', 'TRACE', 'WARNING'] as const;

/**
 * Why the agent never reads the shared events volume: the gateways write their transaction event logs there and
 * the ANM processes each file every 5 minutes and then deletes it (or moves it to `events/processed`)
 * (log_global_settings.md "Transaction event log formats"). On ReadWriteMany storage (NFS, EFS) a second reader
 * holding files the ANM deletes meets stale handles and silly-renamed `.nfs*` files, and an agent in every gateway
 * pod would ship every pod's files, N times. The same transactions reach the destination through the open traffic
 * event log, which "combines the data from the transaction event log and the traffic monitor"
 * (admin_open_logging.md) and lives on the pod's own volume.
 */
export const axwayEventsNotShipped = 'events/' as const;
