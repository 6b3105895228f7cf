import type { ResolvedBackupDatabase } from '@apim-gitops/models';

/** Where each database's credentials Secret is mounted (files `username` and `password`). */
export function credentialsDir(db: ResolvedBackupDatabase): string {
  return `/run/secrets/${db.key}`;
}

/** Where each database's CA Secret is mounted (file `ca.crt`). */
export function databaseCaDir(db: ResolvedBackupDatabase): string {
  return `/run/ca/${db.key}`;
}

/** Where the object storage's CA is mounted, when it has a private one. */
export const storageCaDir = '/run/ca/object-storage';

/** Memory-backed folder for the per-database option files; nothing else can read it. */
export const optionFileDir = '/run/backup';

/**
 * The flags every dump runs with (MySQL 8.4 Reference Manual, "mysqldump — A Database Backup Program",
 * dev.mysql.com/doc/refman/8.4/en/mysqldump.html): `--single-transaction` takes a consistent InnoDB snapshot
 * without locking tables; `--quick` streams rows instead of buffering whole tables; `--no-tablespaces` needs
 * no PROCESS privilege (required for tablespaces since 8.0.21); `--set-gtid-purged=OFF` keeps
 * `SET @@GLOBAL.GTID_PURGED` out, so the dump restores into a server with GTIDs of its own; `--databases`
 * writes the `CREATE DATABASE` and `USE` statements. Triggers are dumped by default.
 */
export const mysqldumpFlags = ['--single-transaction', '--quick', '--no-tablespaces', '--set-gtid-purged=OFF'] as const;

/**
 * The script of one backup job, run by bash. The password never reaches a command line, the environment
 * or a shell variable: sed copies it from the mounted Secret (on its standard input) into a per-database
 * option file in memory, which
 * `--defaults-extra-file` (the first option, as MySQL requires) hands to mysqldump. Values in an option
 * file may be double-quoted, with `\\` and `\"` escaped (mysql-server mysys/my_default.cc,
 * search_default_file_with_ext), so the file holds any password. MYSQL_PWD is deprecated since MySQL 8.0
 * (WL#13449). The dump goes through gzip to `aws s3 cp -`, which uploads standard input (AWS CLI v2
 * `s3 cp`; `--expected-size` is needed only above 50 GB). `pipefail` makes a failed dump fail the run; its
 * partial object lacks mysqldump's last line, `-- Dump completed on …` (written while `--dump-date` is
 * on, the default), which is how a restore tells a complete dump (docs/backups.md). Then the run checks
 * that the bucket's lifecycle rule enforces the declared retention, and fails when it does not.
 */
export function backupScript(databases: readonly ResolvedBackupDatabase[]): string {
  const dumps = databases.map((db) => `dump ${db.key} ${db.host} ${db.port} ${db.database} ${db.tls.mode} ${credentialsDir(db)} ${databaseCaDir(db)}/ca.crt`);
  return `set -euo pipefail
umask 077
stamp=$(date -u +%Y%m%dT%H%M%SZ)
storage=(--endpoint-url "$STORAGE_ENDPOINT" --region "$STORAGE_REGION")
if [ -n "\${STORAGE_CA_BUNDLE:-}" ]; then storage+=(--ca-bundle "$STORAGE_CA_BUNDLE"); fi

# key host port database ssl-mode credentials-dir ca-file
dump() {
  local cnf="${optionFileDir}/$1.cnf" object="$STORAGE_PREFIX/$1/$1-$stamp.sql.gz"
  {
    printf '[client]\\nuser="'
    sed -e 's/[\\\\"]/\\\\&/g' < "$6/username" | tr -d '\\n'
    printf '"\\npassword="'
    sed -e 's/[\\\\"]/\\\\&/g' < "$6/password" | tr -d '\\n'
    printf '"\\n'
  } > "$cnf"
  echo "backup: $4 on $2:$3 to s3://$STORAGE_BUCKET/$object"
  mysqldump --defaults-extra-file="$cnf" --host="$2" --port="$3" --ssl-mode="$5" --ssl-ca="$7" \\
    ${mysqldumpFlags.join(' ')} --databases "$4" \\
    | gzip -c \\
    | aws s3 cp - "s3://$STORAGE_BUCKET/$object" "\${storage[@]}" --only-show-errors
  rm -f "$cnf"
}

${dumps.join('\n')}

# Retention is the bucket's lifecycle rule (the job may not delete); check that it is the declared one.
rules=$(aws s3api get-bucket-lifecycle-configuration --bucket "$STORAGE_BUCKET" "\${storage[@]}" --output text \\
  --query "length(Rules[?Status=='Enabled' && Expiration.Days==\\\`$RETENTION_DAYS\\\` && (Filter.Prefix=='$STORAGE_PREFIX/' || Prefix=='$STORAGE_PREFIX/')])" || echo 0)
if [ "$rules" = "0" ]; then
  echo "backup: retention not enforced: bucket $STORAGE_BUCKET has no enabled lifecycle rule expiring $STORAGE_PREFIX/ after $RETENTION_DAYS days (docs/backups.md)"
  exit 1
fi
echo "backup: done; $STORAGE_PREFIX/ expires after $RETENTION_DAYS days"
`;
}
