import type { ResolvedAxway } from './axway/resolve';
import { resolveAxway } from './axway/resolve';
import type { ResolvedComponent } from './component';
import { environmentDefaults } from './environment';
import { FieldChecks } from './field-checks';
import type { ResolvedSecret, ResolvedSecretBackend } from './secrets';
import { checkRemoteKeys, checkSealedCoverage, resolveSecretBackend, SecretNeeds } from './secrets';
import { IssueList, quote } from './spec-error';
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
  readonly wso2?: ResolvedWso2;
  readonly axway?: ResolvedAxway;
}

// Docker's reference grammar: lower-case path components, and a tag of word characters, '.' and '-'.
const imageRepository = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;
const imageTag = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

const topLevelFields = [
  'name',
  'namespace',
  'domain',
  'production',
  'images',
  'secrets',
  'ingress',
  'scheduling',
  'monitoring',
  'wso2',
  'axway',
];

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
  const spec = input as Record<string, any>;
  if (Object.keys(spec).length === 0) {
    issues.add('(environment)', 'is empty: give at least name, domain, images, secrets and ingress');
    issues.throwIfAny(source);
  }
  checks.knownKeys('', spec, topLevelFields);

  checks.dnsLabel('name', spec.name);
  const name = typeof spec.name === 'string' ? spec.name : '';
  const namespace = spec.namespace ?? `apim-${name}`;
  checks.dnsLabel('namespace', namespace);
  checks.host('domain', spec.domain);
  if (spec.production !== undefined) checks.boolean('production', spec.production);

  const secretsNeeded = new SecretNeeds(checks);
  let registry = '';
  let pullSecret: string | undefined;
  let precheckImage: { repository: string; tag: string } = { ...environmentDefaults.images.precheck };
  if (checks.object('images', spec.images)) {
    checks.knownKeys('images', spec.images, ['registry', 'pullSecret', 'precheck']);
    if (checks.string('images.registry', spec.images.registry)) {
      registry = spec.images.registry.replace(/\/+$/, '');
      if (/\s|:\/\//.test(registry))
        issues.add('images.registry', `${quote(spec.images.registry)} must be a registry host and path such as "registry.example.org/apim", without a scheme`);
    }
    if (spec.images.pullSecret !== undefined)
      pullSecret = secretsNeeded.use('images.pullSecret', spec.images.pullSecret, 'image-pull', ['.dockerconfigjson'], 'kubernetes.io/dockerconfigjson');
    if (spec.images.precheck !== undefined && checks.object('images.precheck', spec.images.precheck)) {
      checks.knownKeys('images.precheck', spec.images.precheck, ['repository', 'tag']);
      precheckImage = { ...precheckImage, ...spec.images.precheck };
    }
    if (checks.string('images.precheck.repository', precheckImage.repository) && !imageRepository.test(precheckImage.repository))
      issues.add('images.precheck.repository', `${quote(precheckImage.repository)} is not a valid image repository (lower case path such as "busybox")`);
    if (checks.string('images.precheck.tag', precheckImage.tag) && !imageTag.test(precheckImage.tag))
      issues.add('images.precheck.tag', `${quote(precheckImage.tag)} is not a valid image tag`);
  }

  let tlsSecret = '';
  const ingressSpec = spec.ingress;
  if (checks.object('ingress', ingressSpec)) {
    checks.knownKeys('ingress', ingressSpec, ['className', 'tls', 'controllerNamespace']);
    tlsSecret = secretsNeeded.use('ingress.tls', ingressSpec.tls, 'ingress', ['tls.crt', 'tls.key'], 'kubernetes.io/tls') ?? '';
    if (ingressSpec.className !== undefined) checks.dnsSubdomain('ingress.className', ingressSpec.className);
    if (ingressSpec.controllerNamespace !== undefined) checks.dnsLabel('ingress.controllerNamespace', ingressSpec.controllerNamespace);
  }
  if (spec.scheduling !== undefined && checks.object('scheduling', spec.scheduling)) {
    checks.knownKeys('scheduling', spec.scheduling, ['zoneSpread']);
    if (spec.scheduling.zoneSpread !== undefined)
      checks.oneOf('scheduling.zoneSpread', spec.scheduling.zoneSpread, ['preferred', 'required', 'none'] as const);
  }
  if (spec.monitoring !== undefined && checks.object('monitoring', spec.monitoring)) {
    checks.knownKeys('monitoring', spec.monitoring, ['namespace']);
    if (spec.monitoring.namespace !== undefined) checks.dnsLabel('monitoring.namespace', spec.monitoring.namespace);
  }

  const basics: EnvironmentBasics = {
    name,
    namespace,
    domain: typeof spec.domain === 'string' ? spec.domain : '',
    production: spec.production === true ? true : environmentDefaults.production,
    source,
    images: {
      registry,
      ...(pullSecret === undefined ? {} : { pullSecret }),
      precheck: `${registry}/${precheckImage.repository}:${precheckImage.tag}`,
    },
    ingress: {
      className: ingressSpec?.className ?? environmentDefaults.ingress.className,
      tlsSecret,
      controllerNamespace: ingressSpec?.controllerNamespace ?? environmentDefaults.ingress.controllerNamespace,
    },
    scheduling: { zoneSpread: spec.scheduling?.zoneSpread ?? environmentDefaults.scheduling.zoneSpread },
    monitoring: { namespace: spec.monitoring?.namespace ?? environmentDefaults.monitoring.namespace },
  };

  const backend = resolveSecretBackend(checks, 'secrets', spec.secrets);
  const context = { env: basics, checks, secrets: secretsNeeded };
  const wso2 = spec.wso2 === undefined ? undefined : resolveWso2(spec.wso2, context);
  const axway = spec.axway === undefined ? undefined : resolveAxway(spec.axway, context);
  if (spec.wso2 === undefined && spec.axway === undefined)
    issues.add('(environment)', 'runs no stack: add `wso2`, `axway` or both');

  const secrets = secretsNeeded.resolved();
  if (backend) checkSealedCoverage(checks, 'secrets', backend, secrets);
  if (backend) checkRemoteKeys(checks, 'secrets', backend, secrets);
  issues.throwIfAny(source);

  return {
    ...basics,
    secretBackend: backend!,
    secrets,
    components: [...(wso2?.components ?? []), ...(axway?.components ?? [])],
    ...(wso2 ? { wso2 } : {}),
    ...(axway ? { axway } : {}),
  };
}
