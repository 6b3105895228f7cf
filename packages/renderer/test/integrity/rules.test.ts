import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/integrity/integrity-rule';
import { checkIntegrity } from '../../src/integrity/integrity-rule';
import { integrityRules } from '../../src/integrity/all-rules';
import { find, goodObjects, gwContainer, gwPod } from './fixtures';

/** One broken object set: what to break, and exactly what the rule must say. */
interface BadCase {
  readonly name: string;
  readonly breakIt: (objects: Manifest[]) => void;
  /** `<rule-id> <Kind/name>: <message>` lines, sorted. */
  readonly findings: readonly string[];
}

const c = 'spec.template.spec.containers[0] ("gateway")';

/** A DNSEndpoint with one CNAME record for `host`. */
function dnsEndpoint(name: string, host: string): Manifest {
  return {
    apiVersion: 'externaldns.k8s.io/v1alpha1',
    kind: 'DNSEndpoint',
    metadata: { name },
    spec: { endpoints: [{ dnsName: host, recordType: 'CNAME', recordTTL: 300, targets: ['lb.example.net'] }] },
  };
}
const init = 'spec.template.spec.initContainers[0] ("wait-for-db")';

const cases: Record<string, readonly BadCase[]> = {
  'service-selector': [
    {
      name: 'a selector that matches no pod',
      breakIt: (o) => (find(o, 'Service/gw').spec.selector = { 'app.kubernetes.io/instance': 'gw2' }),
      findings: ['service-selector Service/gw: spec.selector {"app.kubernetes.io/instance":"gw2"} matches no pod template'],
    },
    {
      name: 'a target port no container declares',
      breakIt: (o) => (find(o, 'Service/gw').spec.ports[0].targetPort = 9444),
      findings: ['service-selector Service/gw: spec.ports[0].targetPort 9444 is not a container port of Deployment/gw'],
    },
    {
      name: 'a named target port no container declares',
      breakIt: (o) => (find(o, 'Service/gw').spec.ports[0].targetPort = 'https'),
      findings: ['service-selector Service/gw: spec.ports[0].targetPort "https" is not a container port of Deployment/gw'],
    },
  ],
  'pdb-drain': [
    {
      name: 'a selector that matches no workload',
      breakIt: (o) => (find(o, 'PodDisruptionBudget/gw').spec.selector = { matchLabels: { app: 'x' } }),
      findings: ['pdb-drain PodDisruptionBudget/gw: spec.selector {"matchLabels":{"app":"x"}} matches no workload'],
    },
    {
      name: 'minAvailable equal to replicas',
      breakIt: (o) => (find(o, 'PodDisruptionBudget/gw').spec.minAvailable = 2),
      findings: ['pdb-drain PodDisruptionBudget/gw: spec.minAvailable 2 leaves no room to drain Deployment/gw (2 replica(s)): lower it below 2'],
    },
    {
      name: 'minAvailable 100%',
      breakIt: (o) => (find(o, 'PodDisruptionBudget/gw').spec.minAvailable = '100%'),
      findings: ['pdb-drain PodDisruptionBudget/gw: spec.minAvailable "100%" leaves no room to drain Deployment/gw (2 replica(s)): lower it below 2'],
    },
    {
      name: 'maxUnavailable 0',
      breakIt: (o) => {
        const spec = find(o, 'PodDisruptionBudget/gw').spec;
        delete spec.minAvailable;
        spec.maxUnavailable = 0;
      },
      findings: ['pdb-drain PodDisruptionBudget/gw: spec.maxUnavailable 0 lets no pod of Deployment/gw be evicted: use at least 1'],
    },
  ],
  'hpa-target': [
    {
      name: 'a target that is not rendered',
      breakIt: (o) => (find(o, 'HorizontalPodAutoscaler/gw').spec.scaleTargetRef.name = 'gateway'),
      findings: ['hpa-target HorizontalPodAutoscaler/gw: spec.scaleTargetRef "Deployment/gateway" is not rendered'],
    },
  ],
  'hpa-replicas': [
    {
      name: 'minReplicas 0',
      breakIt: (o) => {
        find(o, 'HorizontalPodAutoscaler/gw').spec.minReplicas = 0;
        find(o, 'Deployment/gw').spec.replicas = 0;
      },
      findings: ['hpa-replicas HorizontalPodAutoscaler/gw: spec.minReplicas must be at least 1 (got 0)'],
    },
    {
      name: 'minReplicas below the workload replicas',
      breakIt: (o) => (find(o, 'HorizontalPodAutoscaler/gw').spec.minReplicas = 1),
      findings: ['hpa-replicas HorizontalPodAutoscaler/gw: spec.minReplicas 1 is below the 2 replicas of Deployment/gw: raise it to at least 2'],
    },
    {
      name: 'maxReplicas equal to minReplicas',
      breakIt: (o) => (find(o, 'HorizontalPodAutoscaler/gw').spec.maxReplicas = 2),
      findings: ['hpa-replicas HorizontalPodAutoscaler/gw: spec.maxReplicas 2 must be above spec.minReplicas 2, or the HPA never scales'],
    },
  ],
  'hpa-cpu-requests': [
    {
      name: 'a container without a CPU request',
      breakIt: (o) => delete gwContainer(o).resources.requests.cpu,
      findings: [`hpa-cpu-requests HorizontalPodAutoscaler/gw: scales on CPU utilisation but Deployment/gw ${c} has no resources.requests.cpu`],
    },
  ],
  'ingress-backend': [
    {
      name: 'a Service that is not rendered',
      breakIt: (o) => (find(o, 'Ingress/gw').spec.rules[0].http.paths[0].backend.service.name = 'gateway'),
      findings: ['ingress-backend Ingress/gw: spec.rules[0].http.paths[0].backend.service.name "gateway" is not a rendered Service'],
    },
    {
      name: 'a port the Service does not have',
      breakIt: (o) => (find(o, 'Ingress/gw').spec.rules[0].http.paths[0].backend.service.port = { number: 8243 }),
      findings: ['ingress-backend Ingress/gw: spec.rules[0].http.paths[0].backend.service.port 8243 is not a port of Service/gw (ports: https=9443)'],
    },
    {
      name: 'a port name the Service does not have',
      breakIt: (o) => (find(o, 'Ingress/gw').spec.rules[0].http.paths[0].backend.service.port = { name: 'http' }),
      findings: ['ingress-backend Ingress/gw: spec.rules[0].http.paths[0].backend.service.port "http" is not a port of Service/gw (ports: https=9443)'],
    },
  ],
  'ingress-unique-path': [
    {
      name: 'a second Ingress on the same host and path',
      breakIt: (o) => o.push({ ...structuredClone(find(o, 'Ingress/gw')), metadata: { name: 'gw2' } } as Manifest),
      findings: [
        'ingress-unique-path Ingress/gw2: spec.rules[0].http.paths[0]: host "gw.example.org" path "/" is already claimed by Ingress/gw spec.rules[0].http.paths[0]',
      ],
    },
  ],
  'ingress-tls': [
    {
      name: 'a host outside every tls entry',
      breakIt: (o) => (find(o, 'Ingress/gw').spec.rules[0].host = 'api.example.org'),
      findings: ['ingress-tls Ingress/gw: spec.rules[0].host "api.example.org" is not covered by spec.tls'],
    },
    {
      name: 'a tls entry without a Secret',
      breakIt: (o) => delete find(o, 'Ingress/gw').spec.tls[0].secretName,
      findings: ['ingress-tls Ingress/gw: spec.tls[0] has no secretName'],
    },
    {
      name: 'a rule without a host',
      breakIt: (o) => delete find(o, 'Ingress/gw').spec.rules[0].host,
      findings: ['ingress-tls Ingress/gw: spec.rules[0] has no host, so it cannot be served over TLS: set a host'],
    },
  ],
  'dns-records': [
    {
      name: 'a record for a host nothing serves',
      breakIt: (o) => o.push(dnsEndpoint('gw', 'gw.example.org'), dnsEndpoint('old', 'old.example.org')),
      findings: [
        'dns-records DNSEndpoint/old: spec.endpoints[0].dnsName "old.example.org" is served by no Ingress or HTTPRoute: remove the record, or route the host',
      ],
    },
    {
      name: 'a served host without a record, once records exist',
      breakIt: (o) => {
        o.push(dnsEndpoint('gw', 'gw.example.org'));
        find(o, 'HTTPRoute/gw').spec.hostnames.push('api.example.org');
      },
      findings: ['dns-records HTTPRoute/gw: host "api.example.org" has no DNSEndpoint record: external-dns would not publish it'],
    },
    {
      name: 'two records for one host',
      breakIt: (o) => o.push(dnsEndpoint('gw', 'gw.example.org'), dnsEndpoint('gw-again', 'gw.example.org')),
      findings: ['dns-records DNSEndpoint/gw-again: spec.endpoints[0].dnsName "gw.example.org" already has a record in DNSEndpoint/gw: one record per host'],
    },
  ],
  'route-backend': [
    {
      name: 'a Service that is not rendered',
      breakIt: (o) => (find(o, 'HTTPRoute/gw').spec.rules[0].backendRefs[0].name = 'gateway'),
      findings: ['route-backend HTTPRoute/gw: spec.rules[0].backendRefs[0].name "gateway" is not a rendered Service: name one of "gw"'],
    },
    {
      name: 'a port the Service does not have',
      breakIt: (o) => (find(o, 'HTTPRoute/gw').spec.rules[0].backendRefs[0].port = 8243),
      findings: ['route-backend HTTPRoute/gw: spec.rules[0].backendRefs[0].port 8243 is not a port of Service/gw: use one of 9443 (https)'],
    },
  ],
  'route-unique-path': [
    {
      name: 'a second route on the same Gateway, host and path',
      breakIt: (o) => o.push({ ...structuredClone(find(o, 'HTTPRoute/gw')), metadata: { name: 'gw2' } } as Manifest),
      findings: [
        'route-unique-path HTTPRoute/gw2: spec.rules[0].matches[0]: host "gw.example.org" path "/" on Gateway/apim is already claimed by HTTPRoute/gw spec.rules[0].matches[0]: give one of them another host or path, or merge them into one route',
      ],
    },
    {
      name: 'a rule without matches, which claims "/"',
      breakIt: (o) => {
        const second = structuredClone(find(o, 'HTTPRoute/gw'));
        delete second.spec.rules[0].matches;
        o.push({ ...second, metadata: { name: 'gw2' } } as Manifest);
      },
      findings: [
        'route-unique-path HTTPRoute/gw2: spec.rules[0]: host "gw.example.org" path "/" on Gateway/apim is already claimed by HTTPRoute/gw spec.rules[0].matches[0]: give one of them another host or path, or merge them into one route',
      ],
    },
  ],
  'route-backend-tls': [
    {
      name: 'an HTTPS back end without a BackendTLSPolicy',
      breakIt: (o) => o.splice(o.indexOf(find(o, 'BackendTLSPolicy/gw') as Manifest), 1),
      findings: [
        'route-backend-tls HTTPRoute/gw: spec.rules[0].backendRefs[0]: Service/gw port 9443 serves HTTPS (appProtocol "https") but no BackendTLSPolicy targets it, so the Gateway would send plain HTTP: render one with targetRefs [{ group: "", kind: "Service", name: "gw" }], the CA and the host name of the pods\' certificate',
      ],
    },
    {
      name: 'a policy for another port of the Service only',
      breakIt: (o) => (find(o, 'BackendTLSPolicy/gw').spec.targetRefs[0].sectionName = 'mgmt'),
      findings: [
        'route-backend-tls HTTPRoute/gw: spec.rules[0].backendRefs[0]: Service/gw port 9443 serves HTTPS (appProtocol "https") but no BackendTLSPolicy targets it, so the Gateway would send plain HTTP: render one with targetRefs [{ group: "", kind: "Service", name: "gw" }], the CA and the host name of the pods\' certificate',
      ],
    },
    {
      name: 'a policy whose Service is not rendered',
      breakIt: (o) => {
        const policy = structuredClone(find(o, 'BackendTLSPolicy/gw'));
        policy.spec.targetRefs = [{ group: '', kind: 'Service', name: 'km' }];
        o.push({ ...policy, metadata: { name: 'km' } } as Manifest);
      },
      findings: ['route-backend-tls BackendTLSPolicy/km: spec.targetRefs[0] Service/km is not rendered: target a Service the routes reach'],
    },
    {
      name: 'a CA nothing makes',
      breakIt: (o) => (find(o, 'BackendTLSPolicy/gw').spec.validation.caCertificateRefs[0] = { group: '', kind: 'ConfigMap', name: 'corp-ca' }),
      findings: [
        'route-backend-tls BackendTLSPolicy/gw: spec.validation.caCertificateRefs[0] ConfigMap/corp-ca is not rendered: render it (a Secret from the secret backend), or declare "ConfigMap/corp-ca" in the apim-gitops.io/external-refs annotation',
      ],
    },
  ],
  'route-tls': [
    {
      name: 'a listener that serves plain HTTP',
      breakIt: (o) => Object.assign(find(o, 'Gateway/apim').spec.listeners[0], { protocol: 'HTTP', port: 80, tls: undefined }),
      findings: [
        'route-tls HTTPRoute/gw: spec.parentRefs[0] attaches to Gateway/apim spec.listeners[0] ("gw"), which does not terminate TLS with a certificate (protocol "HTTP"): attach to an HTTPS listener with tls.certificateRefs',
      ],
    },
    {
      name: 'a host the listener does not serve',
      breakIt: (o) => (find(o, 'HTTPRoute/gw').spec.hostnames = ['api.example.org']),
      findings: [
        'route-tls HTTPRoute/gw: spec.parentRefs[0] attaches to Gateway/apim spec.listeners[0] ("gw"), whose hostname "gw.example.org" does not cover "api.example.org": attach to the listener of that host',
      ],
    },
    {
      name: 'a route without hosts',
      breakIt: (o) => delete find(o, 'HTTPRoute/gw').spec.hostnames,
      findings: ['route-tls HTTPRoute/gw: spec.hostnames is empty, so the route answers every host, certificate or not: list the hosts it serves'],
    },
    {
      name: 'a Gateway that is not rendered',
      breakIt: (o) => (find(o, 'HTTPRoute/gw').spec.parentRefs[0].name = 'edge'),
      findings: ["route-tls HTTPRoute/gw: spec.parentRefs[0] Gateway/edge is not rendered: render it, or name the platform Gateway's namespace"],
    },
    {
      name: 'a listener the Gateway does not have',
      breakIt: (o) => (find(o, 'HTTPRoute/gw').spec.parentRefs[0].sectionName = 'api'),
      findings: [
        'route-tls HTTPRoute/gw: spec.parentRefs[0] attaches to no listener of Gateway/apim (no listener "api"): name a listener that serves "gw.example.org"',
      ],
    },
  ],
  'probe-port': [
    {
      name: 'a probe on an undeclared port number',
      breakIt: (o) => (gwContainer(o).readinessProbe.httpGet.port = 9444),
      findings: [`probe-port Deployment/gw: ${c} readinessProbe.httpGet.port 9444 is not a declared container port`],
    },
    {
      name: 'a probe on an undeclared port name',
      breakIt: (o) => (gwContainer(o).livenessProbe.tcpSocket.port = 'http'),
      findings: [`probe-port Deployment/gw: ${c} livenessProbe.tcpSocket.port "http" is not a declared container port`],
    },
  ],
  'pod-references': [
    {
      name: 'a ConfigMap volume that is not rendered',
      breakIt: (o) => (gwPod(o).volumes[0].configMap.name = 'gw-conf'),
      findings: [
        'pod-references Deployment/gw: spec.template.spec.volumes[0].configMap.name "gw-conf": no ConfigMap of that name is rendered (render it, or declare "ConfigMap/gw-conf" in the apim-gitops.io/external-refs annotation)',
      ],
    },
    {
      name: 'a secretKeyRef no ExternalSecret makes',
      breakIt: (o) => (gwContainer(o).env[2].valueFrom.secretKeyRef.name = 'gw-keystore'),
      findings: [
        `pod-references Deployment/gw: spec.template.spec.containers[0].env[2].valueFrom.secretKeyRef.name "gw-keystore": no Secret, ExternalSecret or SealedSecret makes it (render it, or declare "Secret/gw-keystore" in the apim-gitops.io/external-refs annotation)`,
      ],
    },
    {
      name: 'a PVC that is not rendered',
      breakIt: (o) => gwPod(o).volumes.push({ name: 'shared', persistentVolumeClaim: { claimName: 'events' } }),
      findings: [
        'pod-references Deployment/gw: spec.template.spec.volumes[1].persistentVolumeClaim.claimName "events": no PersistentVolumeClaim of that name is rendered (render it, or declare "PersistentVolumeClaim/events" in the apim-gitops.io/external-refs annotation)',
      ],
    },
    {
      name: 'an image pull Secret that nothing makes',
      breakIt: (o) => (gwPod(o).imagePullSecrets[0].name = 'pull'),
      findings: [
        'pod-references Deployment/gw: spec.template.spec.imagePullSecrets[0].name "pull": no Secret, ExternalSecret or SealedSecret makes it (render it, or declare "Secret/pull" in the apim-gitops.io/external-refs annotation)',
      ],
    },
  ],
  'jvm-heap': [
    {
      name: 'an -Xmx that leaves too little headroom',
      breakIt: (o) => (gwContainer(o).env[0].value = '-Xms2048m -Xmx2g'),
      findings: [
        `jvm-heap Deployment/gw: ${c} heap 2048 MiB (JVM_MEM_OPTS) leaves 0 MiB of the 2048 MiB memory limit; the JVM needs at least 512 MiB beside the heap: raise the limit to 2560Mi or lower the heap`,
      ],
    },
    {
      name: 'a JAVA_OPTS heap 1 MiB short of the headroom',
      breakIt: (o) => (gwContainer(o).env[0] = { name: 'JAVA_OPTS', value: '-Dx=1 -Xmx1537m' }),
      findings: [
        `jvm-heap Deployment/gw: ${c} heap 1537 MiB (JAVA_OPTS) leaves 511 MiB of the 2048 MiB memory limit; the JVM needs at least 512 MiB beside the heap: raise the limit to 2049Mi or lower the heap`,
      ],
    },
    {
      name: 'an EMT heap larger than the limit',
      breakIt: (o) => (gwContainer(o).env[0] = { name: 'EMT_HEAP_SIZE_MB', value: '3072' }),
      findings: [
        `jvm-heap Deployment/gw: ${c} heap 3072 MiB (EMT_HEAP_SIZE_MB) leaves -1024 MiB of the 2048 MiB memory limit; the JVM needs at least 512 MiB beside the heap: raise the limit to 3584Mi or lower the heap`,
      ],
    },
  ],
  'prestop-grace': [
    {
      name: 'a grace period as long as the preStop sleep',
      breakIt: (o) => (gwPod(o).terminationGracePeriodSeconds = 10),
      findings: [
        `prestop-grace Deployment/gw: spec.template.spec.terminationGracePeriodSeconds 10 is not longer than the 10 s preStop sleep of ${c}: the process gets no time to stop`,
      ],
    },
    {
      name: 'a preStop sleep longer than the default grace period',
      breakIt: (o) => {
        delete gwPod(o).terminationGracePeriodSeconds;
        gwContainer(o).lifecycle.preStop = { sleep: { seconds: 45 } };
      },
      findings: [
        `prestop-grace Deployment/gw: spec.template.spec.terminationGracePeriodSeconds 30 is not longer than the 45 s preStop sleep of ${c}: the process gets no time to stop`,
      ],
    },
  ],
  'service-url': [
    {
      name: 'an env URL on a port the Service lacks',
      breakIt: (o) => (gwContainer(o).env[1].value = 'https://gw:9763/services'),
      findings: [
        'service-url Deployment/gw: spec.template.spec.containers[0].env[1].value (CP_URL): "https://gw:9763" uses port 9763, which Service/gw does not expose (ports: 9443)',
      ],
    },
    {
      name: 'a scheme default port the Service lacks',
      breakIt: (o) => (gwContainer(o).env[1].value = 'https://gw.apim-dev.svc/services'),
      findings: [
        'service-url Deployment/gw: spec.template.spec.containers[0].env[1].value (CP_URL): "https://gw.apim-dev.svc" uses port 443, which Service/gw does not expose (ports: 9443)',
      ],
    },
    {
      name: 'a host:port on a wrong port',
      breakIt: (o) => gwContainer(o).env.push({ name: 'EMT_ANM_HOSTS', value: 'gw:8090' }),
      findings: [
        'service-url Deployment/gw: spec.template.spec.containers[0].env[3].value (EMT_ANM_HOSTS): "gw:8090" uses port 8090, which Service/gw does not expose (ports: 9443)',
      ],
    },
    {
      name: 'a config file URL on a wrong port',
      breakIt: (o) => (find(o, 'ConfigMap/gw-config').data['deployment.toml'] += '[apim.event_hub]\nevent_listening_endpoints = ["tcp://gw:5672"]\n'),
      findings: [
        'service-url ConfigMap/gw-config: data["deployment.toml"] line 11: "tcp://gw:5672" uses port 5672, which Service/gw does not expose (ports: 9443)',
      ],
    },
    {
      name: 'a .svc name that no Service has',
      breakIt: (o) => (gwContainer(o).env[1].value = 'https://cp.apim-dev.svc.cluster.local:9443/'),
      findings: [
        'service-url Deployment/gw: spec.template.spec.containers[0].env[1].value (CP_URL): "https://cp.apim-dev.svc.cluster.local:9443" names Service "cp", which is not rendered',
      ],
    },
  ],
  'no-secret-data': [
    {
      name: 'a Secret with stringData',
      breakIt: (o) => o.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db' }, stringData: { password: 'hunter2' } }),
      findings: [
        'no-secret-data Secret/db: stringData holds "password": secret values must never be committed; render an ExternalSecret or SealedSecret instead',
      ],
    },
  ],
  'secret-literal': [
    {
      name: 'a literal password in an env var',
      breakIt: (o) => gwContainer(o).env.push({ name: 'CASS_PASS', value: 'changeme' }),
      findings: [
        `secret-literal Deployment/gw: spec.template.spec.containers[0].env[3].value (CASS_PASS) holds a literal secret value: move the value to a Secret and reference it (env valueFrom.secretKeyRef, or a $env{…} placeholder)`,
      ],
    },
    {
      name: 'a literal password in a config file',
      breakIt: (o) =>
        (find(o, 'ConfigMap/gw-config').data['deployment.toml'] = find(o, 'ConfigMap/gw-config').data['deployment.toml'].replace(
          '"$env{KEYSTORE_PASSWORD}"',
          '"wso2carbon"',
        )),
      findings: [
        'secret-literal ConfigMap/gw-config: data["deployment.toml"] line 5: "password" holds a literal secret value: move the value to a Secret and reference it (env valueFrom.secretKeyRef, or a $env{…} placeholder)',
      ],
    },
    {
      name: 'a literal token as a ConfigMap key',
      breakIt: (o) => (find(o, 'ConfigMap/gw-config').data.API_TOKEN = 'abc123'),
      findings: [
        'secret-literal ConfigMap/gw-config: data["API_TOKEN"] holds a literal secret value: move the value to a Secret and reference it (env valueFrom.secretKeyRef, or a $env{…} placeholder)',
      ],
    },
  ],
  'pod-security': [
    {
      name: 'no runAsNonRoot anywhere',
      breakIt: (o) => {
        delete gwPod(o).securityContext.runAsNonRoot;
        delete gwContainer(o).securityContext.runAsNonRoot;
      },
      findings: [`pod-security Deployment/gw: ${c} needs securityContext.runAsNonRoot: true (on the container or the pod)`],
    },
    {
      name: 'privilege escalation allowed',
      breakIt: (o) => (gwContainer(o).securityContext.allowPrivilegeEscalation = true),
      findings: [`pod-security Deployment/gw: ${c} needs securityContext.allowPrivilegeEscalation: false`],
    },
    {
      name: 'capabilities not dropped on an init container',
      breakIt: (o) => (gwPod(o).initContainers[0].securityContext.capabilities = { drop: ['NET_RAW'] }),
      findings: [`pod-security Deployment/gw: ${init} needs securityContext.capabilities.drop: ["ALL"]`],
    },
    {
      name: 'no seccomp profile',
      breakIt: (o) => {
        delete gwPod(o).securityContext.seccompProfile;
        delete gwContainer(o).securityContext.seccompProfile;
      },
      findings: [`pod-security Deployment/gw: ${c} needs seccompProfile.type "RuntimeDefault" (on the container or the pod; got null)`],
    },
  ],
  'host-isolation': [
    {
      name: 'hostNetwork',
      breakIt: (o) => (gwPod(o).hostNetwork = true),
      findings: ['host-isolation Deployment/gw: spec.template.spec.hostNetwork must not be true'],
    },
    { name: 'hostPID', breakIt: (o) => (gwPod(o).hostPID = true), findings: ['host-isolation Deployment/gw: spec.template.spec.hostPID must not be true'] },
    {
      name: 'a hostPath volume',
      breakIt: (o) => gwPod(o).volumes.push({ name: 'logs', hostPath: { path: '/var/log' } }),
      findings: ['host-isolation Deployment/gw: spec.template.spec.volumes[1] ("logs") must not be a hostPath volume'],
    },
  ],
  'container-resources': [
    {
      name: 'a container without limits',
      breakIt: (o) => delete gwContainer(o).resources.limits,
      findings: [`container-resources Deployment/gw: ${c} has no resources.limits.cpu, resources.limits.memory`],
    },
    {
      name: 'an init container without resources',
      breakIt: (o) => delete gwPod(o).initContainers[0].resources,
      findings: [
        `container-resources Deployment/gw: ${init} has no resources.requests.cpu, resources.requests.memory, resources.limits.cpu, resources.limits.memory`,
      ],
    },
  ],
  'container-probes': [
    { name: 'no liveness probe', breakIt: (o) => delete gwContainer(o).livenessProbe, findings: [`container-probes Deployment/gw: ${c} has no livenessProbe`] },
    {
      name: 'no probes at all',
      breakIt: (o) => {
        delete gwContainer(o).livenessProbe;
        delete gwContainer(o).readinessProbe;
      },
      findings: [`container-probes Deployment/gw: ${c} has no livenessProbe and no readinessProbe`],
    },
  ],
  'service-account': [
    {
      name: 'the default ServiceAccount',
      breakIt: (o) => delete gwPod(o).serviceAccountName,
      findings: ['service-account Deployment/gw: spec.template.spec.serviceAccountName must name a dedicated ServiceAccount, not "default"'],
    },
    {
      name: 'a ServiceAccount that is not rendered',
      breakIt: (o) => (gwPod(o).serviceAccountName = 'gateway'),
      findings: ['service-account Deployment/gw: spec.template.spec.serviceAccountName "gateway" is not a rendered ServiceAccount'],
    },
    {
      name: 'a mounted token',
      breakIt: (o) => {
        delete gwPod(o).automountServiceAccountToken;
        delete find(o, 'ServiceAccount/gw').automountServiceAccountToken;
      },
      findings: [
        'service-account Deployment/gw: mounts a ServiceAccount token: set spec.template.spec.automountServiceAccountToken (or the ServiceAccount\'s) to false, or annotate apim-gitops.io/needs-service-account-token: "true"',
      ],
    },
    {
      name: 'a ServiceAccount shared by two workloads',
      breakIt: (o) => o.push({ ...structuredClone(find(o, 'Deployment/gw')), kind: 'StatefulSet' } as Manifest),
      findings: [
        'service-account Deployment/gw: spec.template.spec.serviceAccountName "gw" is shared with StatefulSet/gw: give each workload its own',
        'service-account StatefulSet/gw: spec.template.spec.serviceAccountName "gw" is shared with Deployment/gw: give each workload its own',
      ],
    },
  ],
  'network-policy-selector': [
    {
      name: 'a policy that selects no pod',
      breakIt: (o) => (find(o, 'NetworkPolicy/gw-ingress').spec.podSelector.matchLabels['app.kubernetes.io/instance'] = 'gateway'),
      findings: [
        'network-policy-selector NetworkPolicy/gw-ingress: spec.podSelector {"matchLabels":{"app.kubernetes.io/name":"wso2am","app.kubernetes.io/instance":"gateway","app.kubernetes.io/component":"gateway"}} matches no pod template',
      ],
    },
  ],
};

function lines(objects: readonly Manifest[], ruleId?: string): string[] {
  const rules = ruleId ? integrityRules.filter((r) => r.id === ruleId) : integrityRules;
  return checkIntegrity(objects, rules).map((f) => `${f.rule} ${f.object}: ${f.message}`);
}

describe('integrity rules', () => {
  it('every rule has a kebab-case id, a description and a table of bad cases', () => {
    for (const rule of integrityRules) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.description.length).toBeGreaterThan(10);
      expect(cases[rule.id], rule.id).toBeDefined();
    }
    expect(new Set(integrityRules.map((r) => r.id)).size).toBe(integrityRules.length);
  });

  it('accept the good object set without a finding', () => {
    expect(lines(goodObjects())).toEqual([]);
  });

  describe.each(Object.keys(cases))('%s', (ruleId) => {
    it.each(cases[ruleId]!.map((c) => [c.name, c] as const))('reports %s', (_name, bad) => {
      const objects = goodObjects();
      bad.breakIt(objects);
      expect(lines(objects, ruleId)).toEqual(bad.findings);
    });
  });

  it('let a reference declared external pass', () => {
    const objects = goodObjects();
    gwPod(objects).volumes[0].configMap.name = 'corp-ca';
    find(objects, 'Deployment/gw').metadata.annotations = { 'apim-gitops.io/external-refs': 'Secret/x, ConfigMap/corp-ca' };
    expect(lines(objects, 'pod-references')).toEqual([]);
  });

  it('let an annotated workload mount its token', () => {
    const objects = goodObjects();
    gwPod(objects).automountServiceAccountToken = true;
    find(objects, 'Deployment/gw').spec.template.metadata.annotations = { 'apim-gitops.io/needs-service-account-token': 'true' };
    expect(lines(objects, 'service-account')).toEqual([]);
  });

  it('accept a route on a platform Gateway in another namespace, whose listeners are checked there', () => {
    const objects = goodObjects();
    find(objects, 'HTTPRoute/gw').spec.parentRefs[0] = { name: 'shared', namespace: 'envoy-gateway-system' };
    expect(lines(objects)).toEqual([]);
  });

  it('accept a CA declared external, and a wildcard listener for a host below it', () => {
    const objects = goodObjects();
    const policy = find(objects, 'BackendTLSPolicy/gw');
    policy.spec.validation.caCertificateRefs[0] = { group: '', kind: 'ConfigMap', name: 'corp-ca' };
    policy.metadata.annotations = { 'apim-gitops.io/external-refs': 'ConfigMap/corp-ca' };
    find(objects, 'Gateway/apim').spec.listeners[0].hostname = '*.example.org';
    expect(lines(objects)).toEqual([]);
  });

  it('accept the same host on an Ingress and an HTTPRoute while an environment moves between them', () => {
    expect(lines(goodObjects(), 'route-unique-path')).toEqual([]);
    expect(lines(goodObjects(), 'ingress-unique-path')).toEqual([]);
  });

  it('accept a wildcard certificate for a host one level below it', () => {
    const objects = goodObjects();
    find(objects, 'Ingress/gw').spec.tls[0].hosts = ['*.example.org'];
    expect(lines(objects, 'ingress-tls')).toEqual([]);
  });

  it('do not mistake harmless keys and placeholders for secrets', () => {
    const objects = goodObjects();
    gwContainer(objects).env.push(
      { name: 'KEY_MANAGER_URL', value: 'https://gw:9443/' },
      { name: 'DB_PASSWORD', value: '$(DB_PASSWORD_FROM_SECRET)' },
      { name: 'CASS_PASS', value: '${environment.CASS_PASS}' },
    );
    find(objects, 'ConfigMap/gw-config').data['deployment.toml'] +=
      '[apim.key_manager]\nkey_validation_handler_type = "default"\nenable_token_encryption = false\n';
    expect(lines(objects)).toEqual([]);
  });
});
