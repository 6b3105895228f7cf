import type { ResolvedEnvironment, ResolvedWso2, ResolvedWso2Database } from '@apim-gitops/models';
import { wso2SchemaId, wso2SchemaScripts, wso2SchemaTables } from '@apim-gitops/models';
import type { ServiceAccount } from 'kubernetes-models/v1/ServiceAccount';
import { mysqlCaDir, mysqlClientTls } from '../common/schema-check';
import { runOncePodSettings, schemaHookAnnotations } from '../common/schema-hook';
import { serviceAccount } from '../common/service';
import { componentOf } from './component-of';
import { Job } from 'kubernetes-models/batch/v1/Job';
import type { IEnvVar } from 'kubernetes-models/v1';
import { containerSecurityContext } from '../common/pod-security';
import { managedBy, partOf } from '../labels';

/** Name of the schema Job and value of its `app.kubernetes.io/instance` (the schema component's id). */
export const schemaJobName = wso2SchemaId;
/** Where the product's dbscripts are copied for the client container. */
const scriptsDir = '/dbscripts';

/** A script's path inside the copied `dbscripts` folder. */
function withinDbscripts(script: string): string {
  return script.replace(/^dbscripts\//, '');
}

// Loads a script only when a table it creates is missing: the hook runs before every sync and the
// product scripts are not idempotent. Every value arrives as an environment variable.
const loadScript = `set -eu
load() {
  found=$(MYSQL_PWD="$5" mysql -h "$1" -P "$2" -u "$4" $8 -N -B -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema='$3' AND table_name='$6'")
  if [ "$found" = "0" ]; then
    echo "loading $7 into $3"
    MYSQL_PWD="$5" mysql -h "$1" -P "$2" -u "$4" $8 "$3" < "${scriptsDir}/$7"
  else
    echo "$3 already holds $6; nothing to load"
  fi
}
load "$SHARED_DB_HOST" "$SHARED_DB_PORT" "$SHARED_DB_NAME" "$SHARED_DB_USERNAME" "$SHARED_DB_PASSWORD" ${wso2SchemaTables.shared_db} ${withinDbscripts(wso2SchemaScripts.shared_db)} "$SHARED_DB_TLS"
load "$APIM_DB_HOST" "$APIM_DB_PORT" "$APIM_DB_NAME" "$APIM_DB_USERNAME" "$APIM_DB_PASSWORD" ${wso2SchemaTables.apim_db} ${withinDbscripts(wso2SchemaScripts.apim_db)} "$APIM_DB_TLS"
`;

/** A database's connection for the client, its TLS flags included (its CA under its own folder). */
function databaseEnv(prefix: string, db: ResolvedWso2Database): IEnvVar[] {
  return [
    { name: `${prefix}_TLS`, value: databaseTls(prefix, db).flags },
    { name: `${prefix}_HOST`, value: db.host },
    { name: `${prefix}_PORT`, value: String(db.port) },
    { name: `${prefix}_NAME`, value: db.name },
    { name: `${prefix}_USERNAME`, valueFrom: { secretKeyRef: { name: db.credentialsSecret, key: 'username' } } },
    { name: `${prefix}_PASSWORD`, valueFrom: { secretKeyRef: { name: db.credentialsSecret, key: 'password' } } },
  ];
}

function databaseTls(prefix: string, db: ResolvedWso2Database) {
  const name = `${prefix.toLowerCase().replace('_', '-')}-ca`;
  return mysqlClientTls(db.tls, name, `${mysqlCaDir}/${name}`);
}

/**
 * An Argo CD Sync hook that loads the product's MySQL schemas (from the All-in-One image's
 * `dbscripts`) into shared_db and apim_db. It is a Sync hook, not PreSync: PreSync hooks run before
 * any resource is applied, so on a first sync the database Secrets (ExternalSecrets, an earlier
 * wave) would not exist yet. As a component the control plane depends on, it runs in the wave
 * before the control plane. Off unless `schemaJob.enabled`.
 */
export function renderSchemaJob(env: ResolvedEnvironment, wso2: ResolvedWso2): (Job | ServiceAccount)[] {
  if (!wso2.schemaJob) return [];
  const component = componentOf(env, wso2SchemaId);
  const labels = {
    'app.kubernetes.io/name': 'wso2am',
    'app.kubernetes.io/instance': schemaJobName,
    'app.kubernetes.io/component': 'schema',
    'app.kubernetes.io/part-of': partOf.wso2,
    'app.kubernetes.io/managed-by': managedBy,
  };
  const small = { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } };
  const cas = [databaseTls('SHARED_DB', wso2.databases.shared), databaseTls('APIM_DB', wso2.databases.apim)].filter((t) => t.volume);
  return [
    serviceAccount(component),
    new Job({
      metadata: {
        name: schemaJobName,
        labels,
        annotations: { ...schemaHookAnnotations },
      },
      spec: {
        backoffLimit: 3,
        activeDeadlineSeconds: 900,
        template: {
          metadata: { labels },
          spec: {
            ...runOncePodSettings(env, component, wso2.securityContext.runAsUser, wso2.securityContext.runAsGroup),
            initContainers: [
              {
                name: 'copy-dbscripts',
                image: wso2.controlPlane.image,
                imagePullPolicy: 'IfNotPresent',
                command: ['sh', '-c', `cp -R "$WSO2_SERVER_HOME/dbscripts/." ${scriptsDir}/`],
                resources: small,
                volumeMounts: [{ name: 'dbscripts', mountPath: scriptsDir }],
                securityContext: containerSecurityContext(),
              },
            ],
            containers: [
              {
                name: 'load-schemas',
                image: wso2.schemaJob.clientImage,
                imagePullPolicy: 'IfNotPresent',
                command: ['sh', '-c', loadScript],
                env: [...databaseEnv('SHARED_DB', wso2.databases.shared), ...databaseEnv('APIM_DB', wso2.databases.apim)],
                resources: small,
                volumeMounts: [
                  { name: 'dbscripts', mountPath: scriptsDir, readOnly: true },
                  ...cas.map((t) => ({ name: t.volume!.name, mountPath: t.caDir, readOnly: true })),
                ],
                securityContext: containerSecurityContext(),
              },
            ],
            volumes: [{ name: 'dbscripts', emptyDir: {} }, ...cas.map((t) => t.volume!)],
          },
        },
      },
    }),
  ];
}
