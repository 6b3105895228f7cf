import type { ResolvedAxway } from './axway/resolve';
import { resolveAxway } from './axway/resolve';
import { backupSources } from './backup-sources';
import type { ResolvedBackups } from './backups';
import { resolveBackups } from './backups';
import type { ResolvedDns } from './dns';
import { resolveDns } from './dns';
import type { ResolvedComponent } from './component';
import { FieldChecks } from './field-checks';
import type { ResolvedSecret, ResolvedSecretBackend } from './secrets';
import { checkRemoteKeys, checkSealedCoverage, resolveSecretBackend, SecretNeeds } from './secrets';
import validateEnvironment from '../schema/environment.validate.mjs';
import type { EnvironmentSpec } from './environment';
import { resolveNetwork } from './egress';
import { resolveMonitoring } from './monitoring/resolve';
import { resolveEntry } from './resolve-entry';
import type { ResolvedLogging } from './logging';
import { resolveLogging } from './logging';
import { axwayIds } from './axway/wiring';
import { SpecValidator } from './schema/validate-spec';
import { IssueList, SpecError } from './spec-error';
import type { EnvironmentBasics } from './stack-context';
import type { ResolvedWso2 } from './wso2/resolve';
import { resolveWso2 } from './wso2/resolve';

/** An environment after validation and defaults: every name, host, port and URL decided. */
export interface ResolvedEnvironment extends EnvironmentBasics {
  readonly secretBackend: ResolvedSecretBackend;
  /** Every Secret some object reads, with its keys. */
  readonly secrets: readonly ResolvedSecret[];
  /** Every component of every stack, in dependency order within a stack. */
  readonly components: readonly ResolvedComponent[];
  /** Log layout and the log agent, when the environment ships logs. */
  readonly logging: ResolvedLogging;
  readonly wso2?: ResolvedWso2;
  readonly axway?: ResolvedAxway;
  /** The environment this one stands by for in another region, when it is a standby. */
  readonly standbyFor?: string;
  /** The DNS records of the public hosts, when the environment names a target. */
  readonly dns?: ResolvedDns;
  /** The backup jobs, when backups are on. */
  readonly backups?: ResolvedBackups;
}

/**
 * Validates an environment definition, applies defaults and derives the wiring.
 * Throws one SpecError listing every problem, each as `<source>: <field.path>: <message>`.
 */
export function resolveEnvironment(input: unknown, source: string): ResolvedEnvironment {
  const issues = new IssueList();
  const checks = new FieldChecks(issues);
  if (!checks.object('(environment)', input)) {
    issues.throwIfAny(source);
  }
  if (Object.keys(input as object).length === 0) {
    issues.add('(environment)', 'is empty: give at least name, domain, images and secrets');
    issues.throwIfAny(source);
  }
  // Shape, types, ranges, formats and unknown keys come from the schema generated from the spec types,
  // which also fills in every @default. Nothing below runs on input the schema refused, so one mistake
  // never brings follow-on errors.
  // Made here rather than once per module: a module-level `new` is a side effect that esbuild keeps, and it
  // would pull the precompiled validator into every environment's bundle, which imports the models.
  const validated = new SpecValidator<EnvironmentSpec>(validateEnvironment).check(input);
  if (validated.issues.length > 0) throw new SpecError(source, validated.issues);
  // Every @default is in place now, so fields read below are either the user's or the default.
  const spec = validated.value;

  // A name that is valid on its own can still make a namespace too long once prefixed.
  const namespace = spec.namespace ?? `apim-${spec.name}`;
  checks.dnsLabel('namespace', namespace);

  const secretsNeeded = new SecretNeeds(checks);
  const registry = spec.images.registry.replace(/\/+$/, '');
  const pullSecret =
    spec.images.pullSecret === undefined
      ? undefined
      : secretsNeeded.use('images.pullSecret', spec.images.pullSecret, 'image-pull', ['.dockerconfigjson'], 'kubernetes.io/dockerconfigjson');
  const precheck = spec.images.precheck!;
  if (spec.production && precheck.tag === 'latest')
    issues.add('images.precheck.tag', 'must be an immutable tag in production, not "latest": a change of image is a new tag and a reviewed rollout');
  const entry = resolveEntry(checks, secretsNeeded, spec.entry!);
  // The API server refuses a toleration with both `Exists` and a value (core/v1 Toleration validation).
  spec.scheduling!.tolerations!.forEach((t, i) => {
    if (t.operator === 'Exists' && t.value !== undefined)
      issues.add(
        `scheduling.tolerations[${i}].value`,
        'must be left out with operator "Exists", which matches any value; use operator "Equal" to match this one',
      );
  });

  const basics: EnvironmentBasics = {
    name: spec.name,
    namespace,
    domain: spec.domain,
    production: spec.production!,
    source,
    images: {
      registry,
      ...(pullSecret === undefined ? {} : { pullSecret }),
      precheck: `${registry}/${precheck.repository}:${precheck.tag}`,
    },
    entry,
    scheduling: {
      zoneSpread: spec.scheduling!.zoneSpread!,
      nodeSelector: { ...spec.scheduling!.nodeSelector! },
      tolerations: spec.scheduling!.tolerations!.map((t) => ({ ...t, operator: t.operator! })),
    },
    monitoring: resolveMonitoring(checks, spec.monitoring!, { registry, jmxExporter: spec.images.jmxExporter }, spec.production!),
    network: resolveNetwork(spec.network!),
  };

  const backend = resolveSecretBackend(checks, 'secrets', spec.secrets);
  const context = { env: basics, checks, secrets: secretsNeeded };
  // The log agent runs beside every Axway container; WSO2 writes all of its logs to stdout.
  const agentPods = spec.axway === undefined ? [] : [axwayIds.adminNodeManager, axwayIds.apiManager, axwayIds.traffic];
  const logging = resolveLogging(spec.logging!, context, agentPods);
  const wso2 = spec.wso2 === undefined ? undefined : resolveWso2(spec.wso2, context);
  const axway = spec.axway === undefined ? undefined : resolveAxway(spec.axway, context, logging);
  if (spec.wso2 === undefined && spec.axway === undefined) issues.add('(environment)', 'runs no stack: add `wso2`, `axway` or both');
  const routes = [
    ...(wso2?.routes ?? []).map((r) => ({ ...r, stack: 'wso2' as const })),
    ...(axway?.routes ?? []).map((r) => ({ ...r, stack: 'axway' as const })),
  ];
  const dns = spec.dns === undefined ? undefined : resolveDns(checks, spec.dns, routes);
  const backups = resolveBackups(context, spec.backups, backupSources(spec, wso2, axway));

  const secrets = secretsNeeded.resolved();
  if (backend) checkSealedCoverage(checks, 'secrets', backend, secrets);
  if (backend) checkRemoteKeys(checks, 'secrets', backend, secrets);
  issues.throwIfAny(source);

  return {
    ...basics,
    secretBackend: backend,
    secrets,
    components: [...(wso2?.components ?? []), ...(axway?.components ?? []), ...(backups?.jobs.map((j) => j.component) ?? [])],
    logging,
    ...(wso2 ? { wso2 } : {}),
    ...(axway ? { axway } : {}),
    ...(dns ? { dns } : {}),
    ...(backups ? { backups } : {}),
    ...(spec.standbyFor === undefined ? {} : { standbyFor: spec.standbyFor }),
  };
}
