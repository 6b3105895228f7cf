import type { Manifest } from '../../src/integrity/integrity-rule';

const gwLabels = { 'app.kubernetes.io/name': 'wso2am', 'app.kubernetes.io/instance': 'gw', 'app.kubernetes.io/component': 'gateway' };

const restricted = { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } };

/**
 * A small environment that every integrity rule accepts: a gateway Deployment with its Service,
 * ServiceAccount, PDB, HPA, Ingress, HTTPRoute on a Gateway with a BackendTLSPolicy, ConfigMap,
 * NetworkPolicy and ExternalSecrets. Each call
 * returns fresh objects, so a test can break one without touching the others.
 */
export function goodObjects(): Manifest[] {
  // Cloned, because the literals below share label and securityContext objects, which a JSON round trip unshares.
  return JSON.parse(
    JSON.stringify([
      { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'gw' }, automountServiceAccountToken: false },
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'gw', labels: gwLabels },
        spec: {
          replicas: 2,
          selector: { matchLabels: gwLabels },
          template: {
            metadata: { labels: gwLabels },
            spec: {
              serviceAccountName: 'gw',
              automountServiceAccountToken: false,
              terminationGracePeriodSeconds: 60,
              securityContext: { runAsNonRoot: true, runAsUser: 802, seccompProfile: { type: 'RuntimeDefault' } },
              imagePullSecrets: [{ name: 'registry-pull' }],
              initContainers: [
                {
                  name: 'wait-for-db',
                  image: 'busybox:1.37',
                  command: ['sh', '-c', 'until nc -z db.example.org 3306; do sleep 5; done'],
                  resources: { requests: { cpu: '10m', memory: '16Mi' }, limits: { cpu: '50m', memory: '32Mi' } },
                  securityContext: restricted,
                },
              ],
              containers: [
                {
                  name: 'gateway',
                  image: 'registry.example.org/wso2am:4.5.0',
                  ports: [
                    { name: 'servlet-https', containerPort: 9443 },
                    { name: 'servlet-http', containerPort: 9763 },
                  ],
                  env: [
                    { name: 'JVM_MEM_OPTS', value: '-Xms1024m -Xmx1024m' },
                    { name: 'CP_URL', value: 'https://gw:9443/services' },
                    { name: 'KEYSTORE_PASSWORD', valueFrom: { secretKeyRef: { name: 'gw-keys', key: 'password' } } },
                  ],
                  envFrom: [{ configMapRef: { name: 'gw-config' } }],
                  resources: { requests: { cpu: '1', memory: '2Gi' }, limits: { cpu: '2', memory: '2Gi' } },
                  livenessProbe: { tcpSocket: { port: 'servlet-http' } },
                  readinessProbe: { httpGet: { path: '/health', port: 9443, scheme: 'HTTPS' } },
                  lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 10; bin/gateway.sh stop'] } } },
                  securityContext: restricted,
                  volumeMounts: [{ name: 'config', mountPath: '/home/wso2carbon/wso2-config-volume' }],
                },
              ],
              volumes: [{ name: 'config', configMap: { name: 'gw-config' } }],
            },
          },
        },
      },
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'gw' },
        spec: { selector: gwLabels, ports: [{ name: 'https', port: 9443, targetPort: 9443, appProtocol: 'https' }] },
      },
      { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name: 'gw' }, spec: { minAvailable: 1, selector: { matchLabels: gwLabels } } },
      {
        apiVersion: 'autoscaling/v2',
        kind: 'HorizontalPodAutoscaler',
        metadata: { name: 'gw' },
        spec: {
          scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'gw' },
          minReplicas: 2,
          maxReplicas: 4,
          metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 75 } } }],
        },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { name: 'gw' },
        spec: {
          tls: [{ hosts: ['gw.example.org'], secretName: 'apim-tls' }],
          rules: [
            { host: 'gw.example.org', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'gw', port: { number: 9443 } } } }] } },
          ],
        },
      },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'gw-config' },
        data: {
          'deployment.toml':
            '[server]\nhostname = "gw.example.org"\n\n[keystore.primary]\npassword = "$env{KEYSTORE_PASSWORD}"\n\n[apim.throttling]\nservice_url = "https://gw:9443/services/"\nevent_listener = "tcp://gw:9443"\n',
          LOG_LEVEL: 'INFO',
        },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'gw-ingress' },
        spec: { podSelector: { matchLabels: gwLabels }, policyTypes: ['Ingress'], ingress: [] },
      },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'default-deny' },
        spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
      },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'Gateway',
        metadata: { name: 'apim' },
        spec: {
          gatewayClassName: 'eg',
          listeners: [
            {
              name: 'gw',
              hostname: 'gw.example.org',
              port: 443,
              protocol: 'HTTPS',
              tls: { mode: 'Terminate', certificateRefs: [{ kind: 'Secret', name: 'apim-tls' }] },
            },
          ],
        },
      },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'gw' },
        spec: {
          parentRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'apim', sectionName: 'gw' }],
          hostnames: ['gw.example.org'],
          rules: [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ name: 'gw', port: 9443 }] }],
        },
      },
      {
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'BackendTLSPolicy',
        metadata: { name: 'gw' },
        spec: {
          targetRefs: [{ group: '', kind: 'Service', name: 'gw' }],
          validation: { caCertificateRefs: [{ group: '', kind: 'Secret', name: 'gw-ca' }], hostname: 'gw.apim.internal' },
        },
      },
      { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'gw-ca' }, spec: { target: { name: 'gw-ca' } } },
      { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'gw-keys' }, spec: { target: { name: 'gw-keys' } } },
      { apiVersion: 'external-secrets.io/v1', kind: 'ExternalSecret', metadata: { name: 'registry-pull' }, spec: { target: { name: 'registry-pull' } } },
    ]),
  ) as Manifest[];
}

/** The object `kind/name` of `objects`, to break in a test. */
export function find(objects: Manifest[], id: string): Record<string, any> {
  const found = objects.find((o) => `${o.kind}/${o.metadata?.name}` === id);
  if (!found) throw new Error(`fixture has no ${id}`);
  return found;
}

/** The gateway Deployment's pod spec. */
export function gwPod(objects: Manifest[]): Record<string, any> {
  return find(objects, 'Deployment/gw').spec.template.spec;
}

/** The gateway container. */
export function gwContainer(objects: Manifest[]): Record<string, any> {
  return gwPod(objects).containers[0];
}
