import type { FieldChecks } from './field-checks';
import { isDnsSubdomain } from './field-checks';
import { quote } from './spec-error';

/** A Kubernetes API group and kind, as an AppProject whitelist names it. */
export interface ResourceKindSpec {
  /** API group: `''` for the core group (ConfigMap, Service, …), `apps` for Deployment, `networking.k8s.io` for Ingress. */
  readonly group: string;
  /** Kind, e.g. `Deployment`. */
  readonly kind: string;
}

/**
 * A time during which Argo CD refuses (or alone allows) syncs of one environment's Application.
 * Rendered into that environment's AppProject `spec.syncWindows`.
 * @see https://argo-cd.readthedocs.io/en/stable/user-guide/sync_windows/
 * @example { kind: 'deny', schedule: '0 22 * * 5', duration: '56h', manualSync: true }
 */
export interface SyncWindowSpec {
  /**
   * `deny`: no sync while the window is open. `allow`: syncs only while an allow window is open.
   * A deny window wins over an allow window open at the same time.
   */
  readonly kind: 'allow' | 'deny';
  /** When the window opens, in cron format (`minute hour day-of-month month day-of-week`), e.g. `0 22 * * 5`. */
  readonly schedule: string;
  /** How long it stays open, as a Go duration: `30m`, `8h`, `56h`. */
  readonly duration: string;
  /**
   * Time zone of `schedule`, as an IANA name (`Europe/Berlin`).
   * @default "UTC"
   */
  readonly timeZone?: string;
  /**
   * Let a person still sync by hand while the window blocks automated syncs (a "manual sync only"
   * window when `kind` is `deny`).
   * @default false
   */
  readonly manualSync?: boolean;
}

/** How one environment is delivered where it differs from the repository-wide settings. */
export interface EnvironmentDeliverySpec {
  /**
   * Branch or tag this environment's Application follows instead of `targetRevision`, e.g.
   * `release/prod` or `prod-2025-06-01`: production then changes only when that ref moves.
   */
  readonly targetRevision?: string;
  /**
   * Sync windows of this environment, rendered into its own AppProject.
   * @default []
   */
  readonly syncWindows?: readonly SyncWindowSpec[];
}

/**
 * Argo CD syncs each environment as a ServiceAccount of the environment's namespace instead of as
 * its own controller (sync impersonation, Argo CD ≥ 2.13). Argo CD needs
 * `application.sync.impersonation.enabled: "true"` in `argocd-cm`, and the ServiceAccount with a
 * RoleBinding must exist before the first sync; see apps/argocd/README.md.
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/app-sync-using-impersonation/
 */
export interface SyncImpersonationSpec {
  /** Name of the ServiceAccount, in every environment's namespace, that Argo CD syncs as. */
  readonly serviceAccount: string;
}

/** Defaults of a sync window; the TSDoc `@default` tags above mirror them. */
export const syncWindowDefaults = { timeZone: 'UTC', manualSync: false } as const;

/** Defaults of an environment's delivery; the TSDoc `@default` tags above mirror them. */
export const environmentDeliveryDefaults = { syncWindows: [] } as const;

/** A sync window after defaults, as the AppProject holds it. */
export interface ResolvedSyncWindow {
  readonly kind: 'allow' | 'deny';
  readonly schedule: string;
  readonly duration: string;
  readonly timeZone: string;
  readonly manualSync: boolean;
}

/** Delivery of one environment after defaults. */
export interface ResolvedEnvironmentDelivery {
  readonly targetRevision: string;
  readonly syncWindows: readonly ResolvedSyncWindow[];
}

// Five cron fields of digits, names, `*`, ranges, lists and steps (robfig/cron, which Argo CD uses).
const cronField = /^(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?)*$/;
const goDuration = /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/;
const timeZone = /^(UTC|[A-Z][A-Za-z_+-]*(\/[A-Za-z0-9_+-]+)+)$/;
// A branch or tag name as git accepts it (check-ref-format), without the rarely used corners.
const gitRef = /^(?!\/|.*\/\/|.*\.\.|.*\/$|.*\.lock$|.*@\{)[A-Za-z0-9._/-]+$/;
const kindName = /^[A-Z][A-Za-z0-9]*$/;

/** Checks `namespacedKinds`: named kinds only (no wildcards), each once, none of Argo CD's own. */
export function checkNamespacedKinds(checks: FieldChecks, path: string, value: unknown): void {
  if (!Array.isArray(value)) {
    checks.issues.add(path, `is required: list every namespaced kind the environments may create, e.g. [{ group: 'apps', kind: 'Deployment' }] (got ${quote(value)})`);
    return;
  }
  if (value.length === 0) checks.issues.add(path, 'must list at least one kind: an empty whitelist would let Argo CD create every namespaced kind');
  const seen = new Set<string>();
  value.forEach((entry: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!checks.object(at, entry)) return;
    checks.knownKeys(at, entry, ['group', 'kind']);
    const { group, kind } = entry as Record<string, unknown>;
    if (typeof group !== 'string') checks.issues.add(`${at}.group`, `must be a string: '' for the core group (got ${quote(group)})`);
    else if (group.includes('*')) checks.issues.add(`${at}.group`, `${quote(group)} is a wildcard; name the group`);
    else if (group !== '' && !isDnsSubdomain(group)) checks.issues.add(`${at}.group`, `${quote(group)} is not an API group such as "apps" or "networking.k8s.io"`);
    else if (group === 'argoproj.io') checks.issues.add(`${at}.group`, 'is Argo CD\'s own group: an environment must not create Applications or projects');
    if (typeof kind !== 'string' || !kindName.test(kind)) checks.issues.add(`${at}.kind`, `${quote(kind)} is not a kind such as "Deployment" (no wildcards)`);
    const key = `${String(group)}|${String(kind)}`;
    if (seen.has(key)) checks.issues.add(at, `lists ${quote(group)} ${quote(kind)} twice`);
    seen.add(key);
  });
}

function checkSyncWindow(checks: FieldChecks, path: string, value: unknown): void {
  if (!checks.object(path, value)) return;
  const w = value as Record<string, unknown>;
  checks.knownKeys(path, w, ['kind', 'schedule', 'duration', 'timeZone', 'manualSync']);
  checks.oneOf(`${path}.kind`, w.kind, ['allow', 'deny'] as const);
  if (checks.string(`${path}.schedule`, w.schedule)) {
    const fields = w.schedule.trim().split(/\s+/);
    if (fields.length !== 5 || !fields.every((f) => cronField.test(f)))
      checks.issues.add(`${path}.schedule`, `${quote(w.schedule)} is not a cron schedule of five fields (minute hour day-of-month month day-of-week), e.g. "0 22 * * 5"`);
  }
  if (checks.string(`${path}.duration`, w.duration) && !goDuration.test(w.duration))
    checks.issues.add(`${path}.duration`, `${quote(w.duration)} is not a duration such as "30m", "8h" or "56h"`);
  if (w.timeZone !== undefined && checks.string(`${path}.timeZone`, w.timeZone) && !timeZone.test(w.timeZone))
    checks.issues.add(`${path}.timeZone`, `${quote(w.timeZone)} is not an IANA time zone such as "UTC" or "Europe/Berlin"`);
  if (w.manualSync !== undefined) checks.boolean(`${path}.manualSync`, w.manualSync);
}

/** Checks `environments`: each key an environment of the repository, each value its delivery. */
export function checkEnvironmentDelivery(checks: FieldChecks, path: string, value: unknown, environments: readonly string[]): void {
  if (value === undefined || !checks.object(path, value)) return;
  for (const [env, delivery] of Object.entries(value as Record<string, unknown>)) {
    const at = `${path}.${env}`;
    if (!environments.includes(env))
      checks.issues.add(at, `names no environment (environments: ${environments.join(', ') || 'none'}); remove it or add environments/${env}`);
    if (!checks.object(at, delivery)) continue;
    const d = delivery as Record<string, unknown>;
    checks.knownKeys(at, d, ['targetRevision', 'syncWindows']);
    if (d.targetRevision !== undefined && checks.string(`${at}.targetRevision`, d.targetRevision) && !gitRef.test(d.targetRevision))
      checks.issues.add(`${at}.targetRevision`, `${quote(d.targetRevision)} is not a branch or tag name such as "release/prod"`);
    if (d.syncWindows === undefined) continue;
    if (!Array.isArray(d.syncWindows)) checks.issues.add(`${at}.syncWindows`, `must be a list of windows (got ${quote(d.syncWindows)})`);
    else d.syncWindows.forEach((w: unknown, i) => checkSyncWindow(checks, `${at}.syncWindows[${i}]`, w));
  }
}

/** Checks `syncImpersonation`. */
export function checkSyncImpersonation(checks: FieldChecks, path: string, value: unknown): void {
  if (value === undefined || !checks.object(path, value)) return;
  checks.knownKeys(path, value, ['serviceAccount']);
  checks.dnsSubdomain(`${path}.serviceAccount`, (value as Record<string, unknown>).serviceAccount);
}

/** The delivery of every environment: its own revision and windows, or the repository's revision and none. */
export function resolveEnvironmentDelivery(
  value: Readonly<Record<string, EnvironmentDeliverySpec>> | undefined,
  environments: readonly string[],
  targetRevision: string,
): ReadonlyMap<string, ResolvedEnvironmentDelivery> {
  return new Map(
    environments.map((env) => {
      const spec = value?.[env];
      return [
        env,
        {
          targetRevision: spec?.targetRevision ?? targetRevision,
          syncWindows: (spec?.syncWindows ?? environmentDeliveryDefaults.syncWindows).map((w) => ({
            kind: w.kind,
            schedule: w.schedule.trim(),
            duration: w.duration,
            timeZone: w.timeZone ?? syncWindowDefaults.timeZone,
            manualSync: w.manualSync ?? syncWindowDefaults.manualSync,
          })),
        },
      ];
    }),
  );
}

/** The whitelist sorted by group then kind, so the rendered project does not depend on the list's order. */
export function sortedKinds(kinds: readonly ResourceKindSpec[]): ResourceKindSpec[] {
  const key = (k: ResourceKindSpec) => `${k.group}|${k.kind}`;
  return kinds.map((k) => ({ group: k.group, kind: k.kind })).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
