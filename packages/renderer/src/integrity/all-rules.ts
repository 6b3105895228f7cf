import type { IntegrityRule } from './integrity-rule';
import { containerProbesRule } from './rules/container-probes';
import { containerResourcesRule } from './rules/container-resources';
import { dnsRecordsRule } from './rules/dns-records';
import { hostIsolationRule } from './rules/host-isolation';
import { hpaCpuRequestsRule } from './rules/hpa-cpu-requests';
import { hpaReplicasRule } from './rules/hpa-replicas';
import { hpaTargetRule } from './rules/hpa-target';
import { ingressBackendRule } from './rules/ingress-backend';
import { ingressTlsRule } from './rules/ingress-tls';
import { ingressUniquePathRule } from './rules/ingress-unique-path';
import { jvmHeapRule } from './rules/jvm-heap';
import { networkPolicySelectorRule } from './rules/network-policy-selector';
import { noSecretDataRule } from './rules/no-secret-data';
import { pdbDrainRule } from './rules/pdb-drain';
import { podReferencesRule } from './rules/pod-references';
import { podSecurityRule } from './rules/pod-security';
import { preStopGraceRule } from './rules/prestop-grace';
import { probePortRule } from './rules/probe-port';
import { routeBackendRule } from './rules/route-backend';
import { routeBackendTlsRule } from './rules/route-backend-tls';
import { routeTlsRule } from './rules/route-tls';
import { routeUniquePathRule } from './rules/route-unique-path';
import { secretLiteralRule } from './rules/secret-literal';
import { serviceAccountRule } from './rules/service-account';
import { serviceSelectorRule } from './rules/service-selector';
import { serviceUrlRule } from './rules/service-url';

/** Every integrity rule `validate` runs, sorted by id. */
export const integrityRules: readonly IntegrityRule[] = [
  containerProbesRule,
  containerResourcesRule,
  dnsRecordsRule,
  hostIsolationRule,
  hpaCpuRequestsRule,
  hpaReplicasRule,
  hpaTargetRule,
  ingressBackendRule,
  ingressTlsRule,
  ingressUniquePathRule,
  jvmHeapRule,
  networkPolicySelectorRule,
  noSecretDataRule,
  pdbDrainRule,
  podReferencesRule,
  podSecurityRule,
  preStopGraceRule,
  probePortRule,
  routeBackendRule,
  routeBackendTlsRule,
  routeTlsRule,
  routeUniquePathRule,
  secretLiteralRule,
  serviceAccountRule,
  serviceSelectorRule,
  serviceUrlRule,
];
