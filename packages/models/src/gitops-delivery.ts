import type { FieldChecks } from './field-checks';
import { quote } from './spec-error';

/** A Kubernetes API group and kind, as an AppProject whitelist names it. */
export interface ResourceKindSpec {
  /**
   * API group: `''` for the core group (ConfigMap, Service, …), `apps` for Deployment, `networking.k8s.io` for Ingress.
   * @format api-group
   */
  readonly group: string;
  /**
   * Kind, e.g. `Deployment`.
   * @format kind-name
   */
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
  /**
   * When the window opens, in cron format (`minute hour day-of-month month day-of-week`), e.g. `0 22 * * 5`.
   * @format cron-schedule
   */
  readonly schedule: string;
  /**
   * How long it stays open, as a Go duration: `30m`, `8h`, `56h`.
   * @format go-duration
   */
  readonly duration: string;
  /**
   * Time zone of `schedule`, as an IANA name (`Europe/Berlin`).
   * @default "UTC"
   * @format iana-time-zone
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
   * @format git-ref
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
  /**
   * Name of the ServiceAccount, in every environment's namespace, that Argo CD syncs as.
   * @format dns-subdomain
   */
  readonly serviceAccount: string;
}

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

/**
 * The whitelist's rules beyond its fields' shapes: nothing of Argo CD's own group (an environment must
 * never create Applications or projects) and no kind twice.
 */
export function checkNamespacedKinds(checks: FieldChecks, path: string, kinds: readonly ResourceKindSpec[]): void {
  const seen = new Set<string>();
  kinds.forEach((entry, i) => {
    const at = `${path}[${i}]`;
    if (entry.group === 'argoproj.io') checks.issues.add(`${at}.group`, "is Argo CD's own group: an environment must not create Applications or projects");
    const key = `${entry.group}/${entry.kind}`;
    if (seen.has(key)) checks.issues.add(at, `lists ${quote(entry.group)} ${quote(entry.kind)} twice`);
    seen.add(key);
  });
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
          // The schema's defaults are in place for every listed environment; others have no windows.
          syncWindows: (spec?.syncWindows ?? []).map((w) => ({
            kind: w.kind,
            schedule: w.schedule.trim(),
            duration: w.duration,
            timeZone: w.timeZone!,
            manualSync: w.manualSync!,
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
