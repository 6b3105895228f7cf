import type { ResolvedLogDestination } from '@apim-gitops/models';
import { logAgentCredentialEnv, logAgentFacts } from '@apim-gitops/models';
import { stringify } from 'yaml';

/** One kind of log file the agent tails. */
export interface TailedLog {
  /** Stream name; the records' tag is `<tagPrefix>.<stream>` and they carry `stream: <stream>`. */
  readonly stream: string;
  /** Absolute file patterns. */
  readonly paths: readonly string[];
  /** `json-lines` are parsed as JSON, `trace` joined into multi-line records, `text` kept as lines. */
  readonly content: 'json-lines' | 'text' | 'trace';
}

/** What one agent's configuration is made of. */
export interface LogAgentConfig {
  readonly environment: string;
  /** The component whose pod runs the agent, e.g. `axway-traffic`. */
  readonly component: string;
  readonly tagPrefix: string;
  readonly logs: readonly TailedLog[];
  readonly destination: ResolvedLogDestination;
  /** First words of a multi-line record (for `trace` content). */
  readonly recordStart: readonly string[];
}

type Section = Record<string, unknown>;

/** Variables the agent's environment provides; the config refers to them, never to their values. */
const ref = (name: string) => `\${${name}}`;

const jsonParser = 'json-lines';
const multilineParser = 'multi-line-record';

/**
 * TLS is always on and both the chain and the host name are verified: Fluent Bit verifies the chain by default
 * but not the host name (`tls.verify_hostname` defaults to off; fluent-bit-docs administration/transport-security.md).
 */
function tls(d: ResolvedLogDestination): Section {
  return { tls: 'on', 'tls.verify': 'on', 'tls.verify_hostname': 'on', ...(d.caSecret ? { 'tls.ca_file': `${logAgentFacts.caDir}/ca.crt` } : {}) };
}

function httpAuth(d: ResolvedLogDestination, bearer: (token: string) => Section): Section {
  if (d.auth?.scheme === 'basic') return { http_user: ref(logAgentCredentialEnv.username), http_passwd: ref(logAgentCredentialEnv.password) };
  if (d.auth?.scheme === 'bearer') return bearer(ref(logAgentCredentialEnv.token));
  return {};
}

/** The output plugin for the destination, with the keys of fluent-bit-docs `pipeline/outputs/<plugin>.md`. */
function output(c: LogAgentConfig): Section {
  const d = c.destination;
  const common = { match: `${c.tagPrefix}.*`, host: d.host, port: d.port, ...tls(d), retry_limit: 'no_limits', 'storage.total_limit_size': '256M' };
  switch (d.kind) {
    case 'otlp':
      return { name: 'opentelemetry', ...common, logs_uri: d.path, ...httpAuth(d, (token) => ({ header: `Authorization Bearer ${token}` })) };
    case 'loki':
      return {
        name: 'loki',
        ...common,
        labels: `job=apim-gitops, environment=${c.environment}, component=${c.component}`,
        label_keys: '$stream',
        line_format: 'json',
        ...(d.tenantId ? { tenant_id: d.tenantId } : {}),
        ...httpAuth(d, (token) => ({ bearer_token: token })),
      };
    case 'elasticsearch':
      return { name: 'es', ...common, index: d.index, suppress_type_name: 'on', ...httpAuth(d, () => ({})) };
    case 's3':
      // Credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the pod's role (aws-credentials.md).
      return {
        name: 's3',
        match: common.match,
        bucket: d.bucket,
        region: d.region,
        endpoint: `https://${d.host}:${d.port}`,
        ...tls(d),
        store_dir: `${logAgentFacts.stateDir}/s3`,
        store_dir_limit_size: '256M',
        total_file_size: '50M',
        upload_timeout: '10m',
        compression: 'gzip',
        s3_key_format: `/apim/${c.environment}/${c.component}/$TAG[1]/%Y/%m/%d/%H%M%S-$UUID.gz`,
      };
  }
}

/**
 * The agent's Fluent Bit YAML: one tail input per stream with its offsets in a database on the agent's own
 * volume (so a restarted agent resumes where it stopped instead of sending everything again) and filesystem
 * buffering there too, the environment, component and pod on every record, and one output.
 */
export function logAgentConfig(c: LogAgentConfig): string {
  const state = logAgentFacts.stateDir;
  const multiline = c.logs.some((l) => l.content === 'trace');
  const starts = c.recordStart.join('|');
  const doc: Section = {
    service: {
      flush: 1,
      grace: 10,
      log_level: 'info',
      http_server: 'on',
      http_listen: '0.0.0.0',
      http_port: logAgentFacts.httpPort,
      'storage.path': `${state}/storage`,
      'storage.sync': 'normal',
      'storage.backlog.mem_limit': '8M',
    },
    parsers: [{ name: jsonParser, format: 'json' }],
    ...(multiline
      ? {
          multiline_parsers: [
            {
              name: multilineParser,
              type: 'regex',
              flush_timeout: 2000,
              rules: [
                { state: 'start_state', regex: `/^(${starts})\\s/`, next_state: 'cont' },
                { state: 'cont', regex: `/^(?!(${starts})\\s)/`, next_state: 'cont' },
              ],
            },
          ],
        }
      : {}),
    pipeline: {
      inputs: c.logs.map((l) => ({
        name: 'tail',
        tag: `${c.tagPrefix}.${l.stream}`,
        path: l.paths.join(','),
        db: `${state}/${l.stream}.db`,
        read_from_head: 'on',
        skip_long_lines: 'on',
        refresh_interval: 10,
        'storage.type': 'filesystem',
        ...(l.content === 'json-lines' ? { parser: jsonParser } : {}),
        ...(l.content === 'trace' ? { 'multiline.parser': multilineParser } : {}),
      })),
      filters: [
        ...c.logs.map((l) => ({ name: 'record_modifier', match: `${c.tagPrefix}.${l.stream}`, record: [`stream ${l.stream}`] })),
        {
          name: 'record_modifier',
          match: `${c.tagPrefix}.*`,
          record: [`environment ${c.environment}`, `component ${c.component}`, `pod ${ref('POD_NAME')}`, `namespace ${ref('POD_NAMESPACE')}`],
        },
      ],
      outputs: [output(c)],
    },
  };
  return stringify(doc, { lineWidth: 0 });
}
