import { Job } from 'kubernetes-models/batch/v1/Job';
import type { ResolvedAxway, ResolvedEnvironment } from '@apim-gitops/models';
import { axwayIds, axwayImageUser } from '@apim-gitops/models';
import type { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { runOncePodSettings, schemaHookAnnotations } from '../common/schema-hook';
import { serviceAccount } from '../common/service';
import { containerSecurityContext } from '../common/pod-security';
import { mysqlClientTls } from '../common/schema-check';
import { waitForContainer } from '../common/wait-for';
import { componentLabels } from '../labels';

/** Name of the schema Job (the metrics schema component's id). */
export const metricsSchemaJobName = axwayIds.metricsSchema;

/**
 * Loads `mysql-analytics.sql` before the ANM starts: an Argo CD Sync hook in the wave before the
 * ANM (a PreSync hook would run before the database Secret exists on a first sync). The script has only
 * `CREATE TABLE IF NOT EXISTS`, so the database is created first and the Job can run on every sync.
 * The password reaches the client through `MYSQL_PWD`, never the command line.
 */
export function renderMetricsSchemaJob(env: ResolvedEnvironment, ax: ResolvedAxway): [ServiceAccount, Job] | undefined {
  const job = ax.metricsSchemaJob;
  if (!job) return undefined;
  const component = ax.components.find((c) => c.id === axwayIds.metricsSchema);
  if (!component) throw new Error(`${env.name}: the metrics schema Job has no resolved component`);
  const db = ax.metricsDb;
  const labels = componentLabels(component);
  const tls = mysqlClientTls(db.tls, 'metrics-db-ca');
  const connect = `mysql --host=${db.host} --port=${db.port} --user="$DB_USER" ${tls.flags}`;
  return [
    serviceAccount(component),
    new Job({
      metadata: {
        name: metricsSchemaJobName,
        labels,
        annotations: { ...schemaHookAnnotations },
      },
      spec: {
        backoffLimit: 3,
        template: {
          metadata: { labels },
          spec: {
            ...runOncePodSettings(env, component, axwayImageUser.uid, axwayImageUser.gid),
            initContainers: [waitForContainer({ name: 'metrics-db', host: db.host, port: db.port }, env.images.precheck)],
            containers: [
              {
                name: 'schema',
                image: job.image,
                imagePullPolicy: 'IfNotPresent',
                command: ['sh', '-c', `${connect} -e 'CREATE DATABASE IF NOT EXISTS \`${db.database}\`' && ${connect} ${db.database} < ${job.scriptPath}`],
                env: [
                  { name: 'DB_USER', valueFrom: { secretKeyRef: { name: db.credentialsSecret, key: 'username' } } },
                  { name: 'MYSQL_PWD', valueFrom: { secretKeyRef: { name: db.credentialsSecret, key: 'password' } } },
                ],
                resources: { requests: { cpu: '50m', memory: '64Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
                securityContext: containerSecurityContext(),
                ...(tls.volume ? { volumeMounts: [{ name: tls.volume.name, mountPath: tls.caDir, readOnly: true }] } : {}),
              },
            ],
            ...(tls.volume ? { volumes: [tls.volume] } : {}),
          },
        },
      },
    }),
  ];
}
