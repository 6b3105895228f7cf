import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, expect, it, vi } from 'vitest';
import { kubeconfigPresent, liveDiffCommand, projectOnto } from '../src/live-diff-command';
import { repositoryRoot } from './temp-repository';

const dir = mkdtempSync(join(tmpdir(), 'apim-live-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});
const printed = () => vi.mocked(console.log).mock.calls.map((c) => String(c[0]));

it('skips with "no kubeconfig" and exit 0 when there is none', async () => {
  vi.stubEnv('KUBECONFIG', join(dir, 'absent'));
  vi.spyOn(console, 'log').mockImplementation(() => {});
  expect(kubeconfigPresent({ HOME: dir })).toBe(false);
  expect(await liveDiffCommand(repositoryRoot, 'dev')).toBe(0);
  expect(printed()).toEqual(['live-diff dev: skipped: no kubeconfig (set KUBECONFIG or create ~/.kube/config)']);
});

it('skips with "cluster unreachable" and exit 0 when the API server does not answer', async () => {
  const config = join(dir, 'config');
  writeFileSync(
    config,
    'apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: "https://127.0.0.1:1"}}]\nusers: [{name: u, user: {token: t}}]\ncontexts: [{name: x, context: {cluster: c, user: u}}]\ncurrent-context: x\n',
  );
  vi.stubEnv('KUBECONFIG', config);
  vi.spyOn(console, 'log').mockImplementation(() => {});
  expect(await liveDiffCommand(repositoryRoot, 'dev')).toBe(0);
  expect(printed().at(-1)).toMatch(/^live-diff dev: skipped: cluster unreachable \(https:\/\/127\.0\.0\.1:1: /);
});

it('compares only the fields we set: cluster defaults and status are left out', () => {
  const built = { spec: { replicas: 2, template: { containers: [{ name: 'a' }] } } };
  const live = { spec: { replicas: 3, revisionHistoryLimit: 10, template: { containers: [{ name: 'a', imagePullPolicy: 'Always' }] } }, status: { ready: 1 } };
  expect(projectOnto(live, built)).toEqual({ spec: { replicas: 3, template: { containers: [{ name: 'a' }] } } });
});
