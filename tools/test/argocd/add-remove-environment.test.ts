import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { argocdBootstrapDir, argocdManifestsDir } from '@apim-gitops/renderer';

const root = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
const appFile = `${argocdManifestsDir}/application-apim-qa.yaml`;
const projectFile = `${argocdBootstrapDir}/appproject-apim-qa.yaml`;
let copy: string;

/** Runs the CLI in the copy. The tools folder is a symlink: keep Node on the symlinked path so run.mjs takes the copy as its root. */
function cli(...args: string[]): string {
  return execFileSync(process.execPath, ['--preserve-symlinks-main', join(copy, 'tools', 'bin', 'run.mjs'), ...args], { cwd: copy, encoding: 'utf8' });
}

const read = (path: string) => YAML.parse(readFileSync(join(copy, path), 'utf8'));

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'apim-gitops-argocd-'));
  for (const dir of ['environments', 'apps', 'deploy']) cpSync(join(root, dir), join(copy, dir), { recursive: true });
  for (const dir of ['node_modules', 'packages', 'tools', '.cache', 'docs', 'tsconfig.base.json']) symlinkSync(join(root, dir), join(copy, dir));
});

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true });
});

describe('adding and removing an environment folder', () => {
  it('adds its Application, its overlay and its own project on render', () => {
    cpSync(join(copy, 'environments', 'dev'), join(copy, 'environments', 'qa'), { recursive: true });
    const file = join(copy, 'environments', 'qa', 'environment.ts');
    // Its own domain and store too: domains and public hosts are unique, and a store named for dev is dev's.
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace("name: 'dev'", "name: 'qa'")
        .replace("name: 'vault-dev'", "name: 'vault-qa'")
        .replace("domain: 'dev.apim.example.org'", "domain: 'qa.apim.example.org'"),
    );
    cli('render');

    const app = read(appFile);
    expect(app.metadata.name).toBe('apim-qa');
    expect(app.spec.source.path).toBe('deploy/overlays/qa');
    expect(app.spec.destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: 'apim-qa' });
    expect(existsSync(join(copy, 'deploy', 'overlays', 'qa', 'kustomization.yaml'))).toBe(true);
    expect(read(`${argocdManifestsDir}/kustomization.yaml`).resources).toContain('application-apim-qa.yaml');
    expect(app.spec.project).toBe('apim-qa');
    expect(read(projectFile).spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'apim-qa' }]);
    expect(read(`${argocdBootstrapDir}/kustomization.yaml`).resources).toContain('appproject-apim-qa.yaml');
    expect(cli('check')).toContain('the committed output equals a fresh render');
    // The render ran in the copy, not in the repository the copy links to.
    expect(existsSync(join(root, appFile))).toBe(false);
  });

  it('removes its Application, its overlay and its project on re-render', () => {
    rmSync(join(copy, 'environments', 'qa'), { recursive: true });
    cli('render');

    expect(existsSync(join(copy, appFile))).toBe(false);
    expect(existsSync(join(copy, 'deploy', 'overlays', 'qa'))).toBe(false);
    expect(read(`${argocdManifestsDir}/kustomization.yaml`).resources).not.toContain('application-apim-qa.yaml');
    expect(existsSync(join(copy, projectFile))).toBe(false);
    // Back to exactly what the repository commits.
    for (const file of [
      `${argocdManifestsDir}/kustomization.yaml`,
      `${argocdBootstrapDir}/kustomization.yaml`,
      `${argocdBootstrapDir}/appproject-apim-root.yaml`,
    ])
      expect(readFileSync(join(copy, file), 'utf8')).toBe(readFileSync(join(root, file), 'utf8'));
  });
});
