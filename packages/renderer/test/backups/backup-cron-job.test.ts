import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EnvironmentSpec, ResolvedEnvironment } from '@apim-gitops/models';
import { resolveEnvironment, SpecError } from '@apim-gitops/models';
import { afterAll, describe, expect, it } from 'vitest';
import { backupScript, mysqldumpFlags } from '../../src/backups/backup-script';
import type { Endpoint } from '../../src/flows/network-policy-evaluator';
import { NetworkPolicyEvaluator } from '../../src/flows/network-policy-evaluator';
import { proveFlows } from '../../src/flows/environment-flows';
import { renderEnvironment } from '../../src/index';
import { toPlain } from '../../src/kube-object';
import { namespaceNameLabel } from '../../src/platform/network-policies';
import type { Obj } from '../wso2/rendered';
import { byKind, environments } from '../wso2/rendered';

const prodSpec = environments.prod!;
const prod = resolveEnvironment(prodSpec, 'prod.ts');
const prodObjects = renderEnvironment(prod).map((o) => toPlain(o) as Obj);
const cronJobs = byKind(prodObjects, 'CronJob');
const podSpec = (c: Obj) => c.spec.jobTemplate.spec.template.spec;
const container = (c: Obj) => podSpec(c).containers[0];
const jobOf = (env: ResolvedEnvironment, name: string) => env.backups!.jobs.find((j) => j.component.id === name)!;

/** Every Secret value an environment's databases and storage hold would come from: their names, for the screen. */
const secretNames = new Set(prod.secrets.map((s) => s.name));

describe('prod backups', () => {
  it('renders one CronJob per stack: WSO2 (apim_db, shared_db) and Axway (metrics)', () => {
    expect(cronJobs.map((c) => c.metadata.name).sort()).toEqual(['axway-backup', 'wso2-backup']);
    expect(jobOf(prod, 'wso2-backup').databases.map((d) => d.key)).toEqual(['apim_db', 'shared_db']);
    expect(jobOf(prod, 'axway-backup').databases.map((d) => d.database)).toEqual(['metrics']);
  });

  it.each(cronJobs.map((c) => [c.metadata.name, c]))('%s: one run at a time, history limits, the schedule and a deadline', (_, c) => {
    expect(c.spec.concurrencyPolicy).toBe('Forbid');
    expect(c.spec.schedule).toBe('15 2 * * *');
    expect(c.spec.timeZone).toBe('UTC');
    expect(c.spec.successfulJobsHistoryLimit).toBe(3);
    expect(c.spec.failedJobsHistoryLimit).toBe(3);
    expect(c.spec.jobTemplate.spec.activeDeadlineSeconds).toBe(14400);
  });

  it.each(cronJobs.map((c) => [c.metadata.name, c]))('%s: non-root, read-only root file system, limits, the image from the registry', (_, c) => {
    const pod = podSpec(c);
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(container(c).securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
    expect(container(c).resources.limits).toEqual({ cpu: '1', memory: '512Mi' });
    expect(container(c).image).toBe(`${prod.images.registry}/apim-backup:8.4-awscli2`);
  });

  it.each(cronJobs.map((c) => [c.metadata.name, c]))('%s reaches each of its databases with TLS verification and the CA mounted', (name, c) => {
    const script: string = container(c).command[2];
    const mounts: Obj[] = container(c).volumeMounts;
    const volumes: Obj[] = podSpec(c).volumes;
    for (const db of jobOf(prod, name).databases) {
      const call = script.split('\n').find((line) => line.startsWith(`dump ${db.key} `));
      expect(call, db.key).toBeDefined();
      const [, , host, port, database, mode, , caFile] = call!.split(' ');
      expect({ host, port, database, mode }).toEqual({ host: db.host, port: String(db.port), database: db.database, mode: 'VERIFY_IDENTITY' });
      // The CA file lies in a mount of a volume of the database's tls.ca Secret.
      const mount = mounts.find((m) => caFile!.startsWith(`${m.mountPath}/`))!;
      const volume = volumes.find((v) => v.name === mount.name)!;
      const caSecret = db.key === 'metrics' ? prodSpec.axway!.metricsDb.tls!.ca!.secretRef : prodSpec.wso2!.databases.apim.tls!.ca!.secretRef;
      expect(volume.secret.secretName).toBe(caSecret);
      expect(volume.secret.items).toEqual([{ key: 'ca.crt', path: caFile!.slice(mount.mountPath.length + 1) }]);
    }
    expect(script).toContain('--ssl-mode="$5" --ssl-ca="$7"');
    for (const flag of mysqldumpFlags) expect(script).toContain(flag);
  });

  it.each(cronJobs.map((c) => [c.metadata.name, c]))('%s has no password on its command line or in any env value', (_, c) => {
    const text = container(c).command.join(' ');
    // mysql's password options (`-pSECRET`, `--password=…`), the deprecated MYSQL_PWD, the S3 secret on a command line.
    expect(text).not.toMatch(/(^|\s)(-p\S*|--password)|MYSQL_PWD|--secret|aws_secret_access_key/i);
    for (const env of container(c).env as Obj[]) {
      if (env.valueFrom) expect(secretNames.has(env.valueFrom.secretKeyRef.name), env.name).toBe(true);
      else expect(env.name).not.toMatch(/PASS|SECRET|KEY/);
    }
  });
});

// Addresses the flows are probed with: each inside the block it stands for.
const address = (name: string, ip: string): Endpoint => ({ kind: 'address', name, ip });
const mysql = address('mysql (apim_db, shared_db)', '10.30.1.5');
const metricsDb = address('metrics-db', '10.30.3.5');
const cassandra = address('cassandra', '10.30.2.5');
const storage = address('object storage', '10.60.1.5');
const internet = address('the Internet', '203.0.113.10');

describe('the backup jobs’ NetworkPolicies', () => {
  const policies = byKind(prodObjects, 'NetworkPolicy').map((p) => ({ ...p, metadata: { ...p.metadata, namespace: prod.namespace } })) as never;
  const evaluator = new NetworkPolicyEvaluator(policies, (ns) => ({ [namespaceNameLabel]: ns }));
  const podOf = (name: string): Endpoint => ({
    kind: 'pod',
    name,
    namespace: prod.namespace,
    labels: cronJobs.find((c) => c.metadata.name === name)!.spec.jobTemplate.spec.template.metadata.labels,
  });
  const controlPlane: Endpoint = {
    kind: 'pod',
    name: 'wso2-control-plane',
    namespace: prod.namespace,
    labels: { 'app.kubernetes.io/name': 'wso2am', 'app.kubernetes.io/instance': 'wso2-control-plane', 'app.kubernetes.io/component': 'control-plane' },
  };
  const destinations = [mysql, metricsDb, cassandra, storage, internet, controlPlane];
  const ports = [443, 3306, 9042, 9443, 22];
  const allowed: Record<string, string[]> = {
    'wso2-backup': ['mysql (apim_db, shared_db):3306', 'object storage:443'],
    'axway-backup': ['metrics-db:3306', 'object storage:443'],
  };

  it.each(Object.entries(allowed))('%s may open exactly %j', (name, expected) => {
    const from = podOf(name);
    const open = destinations.flatMap((to) => ports.filter((port) => evaluator.allowed({ from, to, port })).map((port) => `${to.name}:${port}`));
    expect(open.sort()).toEqual([...expected].sort());
  });

  it('the flow proof finds every needed flow of the backup jobs allowed', () => {
    const results = proveFlows(prod, prodObjects as never).results.filter((r) => r.from.startsWith('CronJob/'));
    expect(results.filter((r) => r.kind === 'needed').map((r) => `${r.from} ${r.why}`)).toEqual(
      expect.arrayContaining([
        'CronJob/wso2-backup apim_db',
        'CronJob/wso2-backup object-storage',
        'CronJob/axway-backup metrics-db',
        'CronJob/axway-backup dns',
      ]),
    );
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });
});

describe('the backup script, run with stand-ins for mysqldump and aws', () => {
  const dir = mkdtempSync(join(tmpdir(), 'backup-script-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A password with every character an option file treats specially.
  const password = 'p"a\\s#s w;o\'rd';
  const run = (lifecycleRules: string) => {
    const bin = join(dir, 'bin');
    mkdirSync(bin, { recursive: true });
    mkdirSync(join(dir, 'run/secrets/apim_db'), { recursive: true });
    mkdirSync(join(dir, 'run/ca/apim_db'), { recursive: true });
    mkdirSync(join(dir, 'run/backup'), { recursive: true });
    writeFileSync(join(dir, 'run/secrets/apim_db/username'), 'apimadmin\n');
    writeFileSync(join(dir, 'run/secrets/apim_db/password'), password);
    writeFileSync(join(dir, 'calls'), '');
    // Each stand-in logs its arguments; mysqldump also keeps its option file; aws keeps what it uploads.
    const stub = (name: string, body: string) => {
      writeFileSync(join(bin, name), `#!/bin/bash\nprintf '%s\\0' ${name} "$@" >> "${dir}/calls"; echo >> "${dir}/calls"\n${body}\n`);
      chmodSync(join(bin, name), 0o755);
    };
    stub('mysqldump', `cp "\${1#--defaults-extra-file=}" "${dir}/option-file"; echo 'CREATE TABLE t (id int);'; echo '-- Dump completed on 2026-01-01'`);
    stub('aws', `if [ "$1" = s3 ]; then cat > "${dir}/uploaded.gz"; else echo ${lifecycleRules}; fi`);
    const script = backupScript([
      { key: 'apim_db', host: 'mysql.example.org', port: 3306, database: 'apim_db', credentialsSecret: 'x', tls: { mode: 'VERIFY_IDENTITY', caSecret: 'ca' } },
    ]).replaceAll('/run/', `${dir}/run/`);
    const env = {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: dir,
      STORAGE_ENDPOINT: 'https://s3.example.org',
      STORAGE_REGION: 'eu-west-1',
      STORAGE_BUCKET: 'backups',
      STORAGE_PREFIX: 'prod',
      RETENTION_DAYS: '35',
    };
    try {
      return { status: 0, out: execFileSync('bash', ['-c', script], { env, encoding: 'utf8' }) };
    } catch (error) {
      return { status: (error as { status: number }).status, out: String((error as { stdout: string }).stdout) };
    }
  };

  it('dumps through gzip to the object, with the password only in the option file', () => {
    const result = run('1');
    expect(result.status).toBe(0);
    const calls = readFileSync(join(dir, 'calls'), 'utf8');
    expect(calls).not.toContain(password);
    expect(calls).toMatch(/s3\0cp\0-\0s3:\/\/backups\/prod\/apim_db\/apim_db-\d{8}T\d{6}Z\.sql\.gz\0/);
    expect(calls).toContain('--ssl-mode=VERIFY_IDENTITY');
    expect(execFileSync('gzip', ['-dc', join(dir, 'uploaded.gz')], { encoding: 'utf8' })).toContain('-- Dump completed on');
    // MySQL reads a double-quoted value with \" and \\ escaped back to the password (mysys/my_default.cc).
    const option = readFileSync(join(dir, 'option-file'), 'utf8');
    const value = /^password="(.*)"$/m.exec(option)![1]!.replace(/\\(["\\])/g, '$1');
    expect(value).toBe(password);
    expect(option).toContain('user="apimadmin"');
  });

  it('fails after uploading when the bucket does not enforce the declared retention', () => {
    const result = run('0');
    expect(result.status).toBe(1);
    expect(result.out).toContain('retention not enforced: bucket backups has no enabled lifecycle rule expiring prod/ after 35 days');
  });
});

describe('backups refuse what would not be a verified backup', () => {
  const withBackups = (change: (spec: EnvironmentSpec) => EnvironmentSpec) => () => resolveEnvironment(change(structuredClone(prodSpec)), 'prod.ts');
  it('a database without TLS verification', () => {
    const resolve = withBackups((s) => ({
      ...s,
      wso2: { ...s.wso2!, databases: { ...s.wso2!.databases, apim: { ...s.wso2!.databases.apim, tls: { mode: 'REQUIRED' } } } },
    }));
    expect(resolve).toThrow(SpecError);
    expect(resolve).toThrow('wso2.databases.apim.tls.mode: is "REQUIRED", but backups.enabled dumps databases over verified TLS only');
  });
  it('a verified database without its CA, once', () => {
    const resolve = withBackups((s) => ({ ...s, axway: { ...s.axway!, metricsDb: { ...s.axway!.metricsDb, tls: {} } } }));
    expect(resolve).toThrow('axway.metricsDb.tls.ca: is required');
    try {
      resolve();
    } catch (error) {
      expect((error as SpecError).issues.filter((i) => i.path === 'axway.metricsDb.tls.ca')).toHaveLength(1);
    }
  });
  it('a moving image tag in production', () => {
    expect(withBackups((s) => ({ ...s, backups: { ...s.backups!, image: { tag: 'latest' } } }))).toThrow(
      'backups.image.tag: must be an immutable tag in production',
    );
  });
  it('an endpoint that is not https', () => {
    expect(
      withBackups((s) => ({ ...s, backups: { ...s.backups!, objectStorage: { ...s.backups!.objectStorage, endpoint: 'http://s3.example.org' } } })),
    ).toThrow('backups.objectStorage.endpoint');
  });
  it('is off unless enabled, and then renders nothing', () => {
    const env = resolveEnvironment({ ...prodSpec, backups: { ...prodSpec.backups!, enabled: false } }, 'prod.ts');
    expect(env.backups).toBeUndefined();
    expect(env.components.some((c) => c.component === 'backup')).toBe(false);
  });
});
