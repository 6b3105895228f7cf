import type { ResolvedComponent, ResolvedEnvironment, StackId } from '@apim-gitops/models';
import { baseEnvironmentSource, baseEnvironmentSpec, resolveEnvironment } from '@apim-gitops/models';
import { ConfigMap } from 'kubernetes-models/v1/ConfigMap';
import { Service } from 'kubernetes-models/v1/Service';
import { Deployment } from 'kubernetes-models/apps/v1/Deployment';
import { Job } from 'kubernetes-models/batch/v1/Job';
import { cpuAutoscaler } from '../../src/common/disruption';
import type { KubeObject } from '../../src/kube-object';
import { componentLabels, selectorLabels } from '../../src/labels';

/** A component as the WSO2 and Axway stacks will resolve it, with only what ordering reads filled in. */
export function component(id: string, stack: StackId, dependsOn: string[] = []): ResolvedComponent {
  return {
    id,
    stack,
    component: id.replace(/^(wso2|axway)-/, ''),
    app: stack === 'wso2' ? 'wso2am' : 'axway-apim',
    serviceName: id,
    dependsOn,
    connects: [],
    external: [],
    ingressPorts: [],
    metricsPorts: [],
  };
}

/** The dependency graph the stacks declare: Pattern 5 for WSO2, ANM → API Manager → traffic for Axway. */
export const stackComponents: readonly ResolvedComponent[] = [
  component('wso2-control-plane', 'wso2'),
  component('wso2-key-manager', 'wso2', ['wso2-control-plane']),
  component('wso2-gateway', 'wso2', ['wso2-control-plane', 'wso2-key-manager']),
  component('axway-anm', 'axway'),
  component('axway-api-manager', 'axway', ['axway-anm']),
  component('axway-traffic', 'axway', ['axway-api-manager']),
];

/** Components whose Deployment an HPA scales, as in the stacks' designs. */
export const autoscaled = ['wso2-gateway', 'axway-traffic'];

/** The base environment with the given components, for tests that need the wiring but not the stacks. */
export function environmentWith(components: readonly ResolvedComponent[], name = 'test'): ResolvedEnvironment {
  const env = resolveEnvironment({ ...baseEnvironmentSpec, name, namespace: `apim-${name}` }, baseEnvironmentSource);
  return { ...env, components };
}

/**
 * Objects shaped like the stacks' (ConfigMap, Deployment, Service per component; an HPA on the
 * autoscaled ones; a PreSync schema Job on the Axway API Manager), labelled the same way.
 */
export function componentObjects(components: readonly ResolvedComponent[]): KubeObject[] {
  return components.flatMap((c) => {
    const labels = componentLabels(c);
    const objects: KubeObject[] = [
      new ConfigMap({ metadata: { name: `${c.id}-config`, labels }, data: { 'setting.conf': 'x' } }),
      new Deployment({
        metadata: { name: c.id, labels },
        spec: {
          replicas: 2,
          selector: { matchLabels: selectorLabels(c) },
          template: { metadata: { labels }, spec: { containers: [{ name: 'main', image: 'registry.example.org/apim/x:1' }] } },
        },
      }),
      new Service({ metadata: { name: c.serviceName, labels }, spec: { selector: selectorLabels(c), ports: [{ name: 'https', port: 8443 }] } }),
    ];
    if (autoscaled.includes(c.id)) objects.push(cpuAutoscaler(c, 2, 6, 70));
    if (c.id === 'axway-api-manager')
      objects.push(
        new Job({
          metadata: {
            name: `${c.id}-schema`,
            labels,
            annotations: { 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation' },
          },
          spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'schema', image: 'registry.example.org/apim/schema:1' }] } } },
        }),
      );
    return objects;
  });
}
