import type { ResolvedEnvironment } from '@apim-gitops/models';
import { protectPersistentData } from './argocd/data-protection';
import { applySyncWaves } from './argocd/sync-waves';
import { renderAxway } from './axway/index';
import { renderBackups } from './backups/backup-cron-job';
import { renderDnsEndpoints } from './external-dns/dns-endpoint';
import { renderGatewayApi } from './gateway-api/index';
import { renderMonitoring } from './monitoring/index';
import type { Json, KubeObject } from './kube-object';
import { validateObjects } from './object-rules';
import { renderNetworkPolicies } from './platform/network-policies';
import { renderSecrets } from './platform/secrets';
import { RenderError } from './render-error';
import { screenSecrets } from './secret-screen';
import { renderWso2 } from './wso2/index';

/**
 * Every object of one environment, validated, without namespaces (the overlay sets them).
 * Pure: the same resolved environment always gives equal objects.
 */
export function renderEnvironment(env: ResolvedEnvironment): KubeObject[] {
  return renderChecked(env).objects;
}

/** The validated objects of one environment together with their plain JSON (computed once). */
export function renderChecked(env: ResolvedEnvironment): { objects: KubeObject[]; plain: Json[] } {
  const objects = [...renderSecrets(env), ...(env.wso2 ? renderWso2(env) : []), ...(env.axway ? renderAxway(env) : []), ...renderGatewayApi(env)];
  objects.push(...renderDnsEndpoints(env), ...renderBackups(env));
  // Monitors, alerts and dashboards follow what the stacks rendered, so they come after them.
  objects.push(...renderMonitoring(env, objects));
  objects.push(...renderNetworkPolicies(env));
  // Argo CD ordering, derived from the components' dependsOn: one annotation, added in one place.
  // Claims keep their data whatever happens to the overlay or the Application.
  const ordered = protectPersistentData(env.name, applySyncWaves(env, objects));
  const plain = validateObjects(env.name, ordered);
  // Nothing secret-shaped may reach a file: this runs before anything is staged or written.
  const secrets = screenSecrets(plain);
  if (secrets.length > 0) throw new RenderError(env.name, secrets);
  return { objects: ordered, plain };
}
