import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { integrityRules } from '@apim-gitops/renderer';
import { makeTempRepository, removeTempRepository, repositoryRoot, runCli } from '../temp-repository';
import { environments } from '../support/environments';

const leakedSecret = `---
apiVersion: v1
kind: Secret
metadata:
  name: leaked
stringData:
  password: hunter2
`;

describe('validate', () => {
  let temp: string | undefined;
  afterEach(() => {
    if (temp) removeTempRepository(temp);
    temp = undefined;
  });

  it('finds nothing in the repository as committed', () => {
    const { status, stdout } = runCli(repositoryRoot, ['validate']);
    expect(stdout).toMatch(
      new RegExp(`validate: 0 finding\\(s\\) from ${integrityRules.length} rules and \\d+ network flows in ${environments.length} environment\\(s\\)`),
    );
    expect(status).toBe(0);
  });

  it('lists every rule with its description', () => {
    const { status, stdout } = runCli(repositoryRoot, ['validate', '--list']);
    expect(status).toBe(0);
    for (const rule of integrityRules) expect(stdout).toMatch(new RegExp(`^${rule.id} +${rule.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
  });

  it('exits 1 and names rule, environment and object when a rendered file is hand-broken', () => {
    temp = makeTempRepository();
    appendFileSync(join(temp, 'deploy/base/platform/networkpolicy-default-deny.yaml'), leakedSecret);
    const { status, stdout } = runCli(temp, ['validate']);
    const message = 'stringData holds "password": secret values must never be committed; render an ExternalSecret or SealedSecret instead';
    expect(stdout.split('\n').filter((l) => l.startsWith('no-secret-data'))).toEqual(
      environments.map((env) => `no-secret-data ${env} Secret/leaked: ${message}`),
    );
    expect(stdout).toMatch(
      new RegExp(
        `validate: ${environments.length} finding\\(s\\) from ${integrityRules.length} rules and \\d+ network flows in ${environments.length} environment\\(s\\)`,
      ),
    );
    expect(status).toBe(1);
  });

  it('--json prints the findings as one JSON document', () => {
    temp = makeTempRepository();
    appendFileSync(join(temp, 'deploy/base/platform/networkpolicy-default-deny.yaml'), leakedSecret);
    const { status, stdout } = runCli(temp, ['validate', '--json']);
    expect(status).toBe(1);
    const report = JSON.parse(stdout) as { environments: string[]; rules: number; findings: { environment: string; rule: string; object: string }[] };
    expect(report.environments).toEqual(environments);
    expect(report.rules).toBe(integrityRules.length);
    expect(report.findings.filter((f) => f.rule === 'no-secret-data').map((f) => `${f.environment} ${f.object}`)).toEqual(
      environments.map((env) => `${env} Secret/leaked`),
    );
  });

  it('checks what kustomize builds, overlay patches included', () => {
    temp = makeTempRepository();
    const kustomization = join(temp, 'deploy/overlays/prod/kustomization.yaml');
    writeFileSync(kustomization, readFileSync(kustomization, 'utf8').replace('resources:\n', 'resources:\n  - leaked-secret.yaml\n'));
    writeFileSync(join(temp, 'deploy/overlays/prod/leaked-secret.yaml'), leakedSecret.replace('---\n', ''));
    const { status, stdout } = runCli(temp, ['validate']);
    expect(stdout).toMatch(/^no-secret-data prod Secret\/leaked: stringData holds "password"/m);
    expect(stdout).not.toMatch(/^no-secret-data dev /m);
    expect(status).toBe(1);
  });

  describe('a hand-broken route fails with the rule, the object, the field path, the fix and the files', () => {
    const base = 'deploy/base/wso2/httproute-wso2-gateway.yaml';
    const patch = 'deploy/overlays/prod/patches/httproute-wso2-gateway.yaml';

    it('a route to a port its Service does not have', () => {
      temp = makeTempRepository();
      const file = join(temp, base);
      writeFileSync(file, readFileSync(file, 'utf8').replace('port: 8243', 'port: 8244'));
      const { status, stdout } = runCli(temp, ['validate']);
      expect(stdout.split('\n').filter((l) => l.startsWith('route-backend '))).toEqual([
        `route-backend prod HTTPRoute/wso2-gateway: spec.rules[0].backendRefs[0].port 8244 is not a port of Service/wso2-gateway: use one of 9443 (servlet-https), 9763 (servlet-http), 8243 (pt-https), 8280 (pt-http), 8099 (wss), 9099 (ws), 8021 (websub-https), 9021 (websub) (${base}, patched by ${patch})`,
      ]);
      expect(status).toBe(1);
    });

    it('a second route claiming the same host and path on the Gateway', () => {
      temp = makeTempRepository();
      const kustomization = join(temp, 'deploy/overlays/prod/kustomization.yaml');
      writeFileSync(kustomization, readFileSync(kustomization, 'utf8').replace('resources:\n', 'resources:\n  - resources/httproute-api.yaml\n'));
      const route = [
        'apiVersion: gateway.networking.k8s.io/v1',
        'kind: HTTPRoute',
        'metadata:',
        '  name: api',
        'spec:',
        '  parentRefs:',
        '    - name: apim',
        '      sectionName: wso2-gateway',
        '  hostnames:',
        '    - gw.apim.example.org',
        '  rules:',
        '    - backendRefs:',
        '        - name: wso2-gateway',
        '          port: 8243',
        '',
      ];
      writeFileSync(join(temp, 'deploy/overlays/prod/resources/httproute-api.yaml'), route.join('\n'));
      const { status, stdout } = runCli(temp, ['validate']);
      expect(stdout.split('\n').filter((l) => l.startsWith('route-unique-path '))).toEqual([
        `route-unique-path prod HTTPRoute/wso2-gateway: spec.rules[0].matches[0]: host "gw.apim.example.org" path "/" on Gateway/apim is already claimed by HTTPRoute/api spec.rules[0]: give one of them another host or path, or merge them into one route (${base}, patched by ${patch})`,
      ]);
      expect(status).toBe(1);
    });

    it('an HTTPS back end whose BackendTLSPolicy is gone', () => {
      temp = makeTempRepository();
      const kustomization = join(temp, 'deploy/overlays/prod/kustomization.yaml');
      writeFileSync(kustomization, readFileSync(kustomization, 'utf8').replace('patches:\n', 'patches:\n  - path: patches/drop-tls-policy.yaml\n'));
      writeFileSync(
        join(temp, 'deploy/overlays/prod/patches/drop-tls-policy.yaml'),
        '$patch: delete\napiVersion: gateway.networking.k8s.io/v1\nkind: BackendTLSPolicy\nmetadata:\n  name: wso2-gateway\n',
      );
      const { status, stdout } = runCli(temp, ['validate']);
      const lines = stdout.split('\n').filter((l) => l.startsWith('route-backend-tls '));
      // The three hosts of the gateways, in the printed (sorted) order.
      expect(lines.map((l) => l.split(':')[0])).toEqual([
        'route-backend-tls prod HTTPRoute/wso2-gateway-websocket',
        'route-backend-tls prod HTTPRoute/wso2-gateway-websub',
        'route-backend-tls prod HTTPRoute/wso2-gateway',
      ]);
      expect(lines[2]).toBe(
        `route-backend-tls prod HTTPRoute/wso2-gateway: spec.rules[0].backendRefs[0]: Service/wso2-gateway port 8243 serves HTTPS (appProtocol "https") but no BackendTLSPolicy targets it, so the Gateway would send plain HTTP: render one with targetRefs [{ group: "", kind: "Service", name: "wso2-gateway" }], the CA and the host name of the pods' certificate (${base}, patched by ${patch})`,
      );
      expect(status).toBe(1);
    });
  });

  it('reports an overlay kustomize cannot build as a finding', () => {
    temp = makeTempRepository();
    const kustomization = join(temp, 'deploy/overlays/dev/kustomization.yaml');
    writeFileSync(kustomization, readFileSync(kustomization, 'utf8').replace('../../base/platform', '../../base/missing'));
    const { status, stdout } = runCli(temp, ['validate']);
    expect(stdout).toMatch(/^kustomize-build dev Kustomization\/dev: kubectl kustomize deploy\/overlays\/dev failed: /m);
    expect(status).toBe(1);
  });

  it('proves the flows on what kustomize builds: a widened policy is an allowed probe, a narrowed one a blocked flow', () => {
    temp = makeTempRepository();
    const dns = join(temp, 'deploy/base/platform/networkpolicy-allow-dns.yaml');
    // DNS to every pod of kube-system again, as before the flow proof: the non-DNS pod becomes reachable.
    writeFileSync(dns, readFileSync(dns, 'utf8').replace(/\n {10}podSelector:\n {12}matchLabels:\n {14}k8s-app: kube-dns/, ''));
    const widened = runCli(temp, ['validate']);
    expect(widened.stdout).toMatch(
      /^network-flows prod Deployment\/wso2-gateway: probe allowed: DNS port of a non-DNS pod, to a non-DNS pod in kube-system on 53\/UDP/m,
    );
    expect(widened.status).toBe(1);
    const egress = join(temp, 'deploy/base/platform/networkpolicy-wso2-control-plane-egress.yaml');
    writeFileSync(egress, readFileSync(egress, 'utf8').replace('port: 9443', 'port: 9444'));
    const narrowed = runCli(temp, ['validate', '--flows', join(temp, 'flows.md')]);
    expect(narrowed.stdout).toMatch(
      /^network-flows dev Deployment\/wso2-control-plane: needed flow blocked: wiring \(itself\) to Deployment\/wso2-control-plane on 9443\/TCP/m,
    );
    expect(readFileSync(join(temp, 'flows.md'), 'utf8')).toMatch(/^\| ❌ \| needed \| wiring \(itself\) \| Deployment\/wso2-control-plane/m);
  });
});
