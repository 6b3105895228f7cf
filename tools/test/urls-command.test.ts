import type { ResolvedConsole } from '@apim-gitops/models';
import { baseEnvironmentSpec, environmentConsoles, resolveEnvironment } from '@apim-gitops/models';
import { describe, expect, it } from 'vitest';
import { kustomizeBuild } from '../src/kubectl';
import { runCli, repositoryRoot } from './temp-repository';

type Obj = Record<string, any>;

/** Every host and path prefix the built overlay serves: HTTPRoute hostnames × their PathPrefix matches, Ingress rules × paths. */
function served(objects: readonly Obj[]): { host: string; prefix: string }[] {
  const routes = objects
    .filter((o) => o.kind === 'HTTPRoute')
    .flatMap((r) =>
      (r.spec.hostnames as string[]).flatMap((host) =>
        (r.spec.rules as Obj[]).flatMap((rule) => (rule.matches ?? [{ path: { value: '/' } }]).map((m: Obj) => ({ host, prefix: m.path?.value ?? '/' }))),
      ),
    );
  const ingresses = objects
    .filter((o) => o.kind === 'Ingress')
    .flatMap((i) =>
      (i.spec.rules as Obj[]).flatMap((rule) => (rule.http.paths as Obj[]).map((p) => ({ host: rule.host as string, prefix: p.path as string }))),
    );
  return [...routes, ...ingresses];
}

/** Prefix matching as Gateway API's PathPrefix and Ingress's Prefix do it: by whole path elements. */
function matches(path: string, prefix: string): boolean {
  return prefix === '/' || path === prefix || path.startsWith(`${prefix.replace(/\/$/, '')}/`);
}

const expectedNames = [
  'WSO2 Publisher',
  'WSO2 Developer Portal',
  'WSO2 Admin portal',
  'WSO2 Carbon console',
  'WSO2 Universal Gateway (HTTPS)',
  'WSO2 Universal Gateway (WebSocket)',
  'WSO2 Universal Gateway (WebSub)',
  'Axway API Gateway Manager (ANM)',
  'Axway API Manager UI',
  'Axway API traffic',
];

// Each CLI run takes seconds on a busy machine: run each once.
const runs = new Map<string, ReturnType<typeof runCli>>();
function urls(...args: string[]): ReturnType<typeof runCli> {
  const key = args.join(' ');
  if (!runs.has(key)) runs.set(key, runCli(repositoryRoot, ['urls', ...args]));
  return runs.get(key)!;
}

describe('urls --env NAME', () => {
  it.each(['prod', 'dev'])('%s --json: every console, each at a host and path the built overlay serves', (env) => {
    const result = urls('--env', env, '--json');
    expect(result.status, result.stderr).toBe(0);
    const consoles = JSON.parse(result.stdout) as ResolvedConsole[];
    expect(consoles.map((c) => c.name)).toEqual(expectedNames);
    const routes = served(kustomizeBuild(repositoryRoot, `deploy/overlays/${env}`) as Obj[]);
    for (const console of consoles) {
      const url = new URL(console.url);
      expect(['https:', 'wss:'], console.url).toContain(url.protocol);
      const serving = routes.filter((r) => r.host === url.hostname && matches(url.pathname, r.prefix));
      expect(serving, `${console.name}: ${console.url}`).not.toHaveLength(0);
    }
  });

  it('prod: the consoles carry the products’ paths', () => {
    const consoles = JSON.parse(urls('--env', 'prod', '--json').stdout) as ResolvedConsole[];
    const url = (name: string) => consoles.find((c) => c.name === name)!.url;
    expect(url('WSO2 Publisher')).toBe('https://am.apim.example.org/publisher');
    expect(url('WSO2 Developer Portal')).toBe('https://am.apim.example.org/devportal');
    expect(url('WSO2 Admin portal')).toBe('https://am.apim.example.org/admin');
    expect(url('WSO2 Carbon console')).toBe('https://am.apim.example.org/carbon');
    expect(url('WSO2 Universal Gateway (WebSocket)')).toBe('wss://websocket.apim.example.org');
    expect(url('Axway API Manager UI')).toBe('https://apimgmt.apim.example.org/');
  });

  it('prints a table with every URL', () => {
    const result = urls('--env', 'prod');
    expect(result.status).toBe(0);
    const consoles = JSON.parse(urls('--env', 'prod', '--json').stdout) as ResolvedConsole[];
    for (const c of consoles) expect(result.stdout).toMatch(new RegExp(`^${c.name.replace(/[()]/g, '\\$&')} +${c.url}$`, 'm'));
  });

  it('an unknown environment fails with the list of environments', () => {
    const result = urls('--env', 'nope');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('urls: --env nope: no such environment (environments: dev, prod, prod-eu-west)');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('leaves out a stack the environment does not run', () => {
    const { axway: _, ...wso2Only } = baseEnvironmentSpec;
    const consoles = environmentConsoles(resolveEnvironment({ ...wso2Only, name: 'wso2-only' }, 'wso2-only.ts'));
    expect(consoles.map((c) => c.stack)).not.toContain('axway');
    expect(consoles.map((c) => c.name)).toEqual(expectedNames.filter((n) => n.startsWith('WSO2')));
  });
});
