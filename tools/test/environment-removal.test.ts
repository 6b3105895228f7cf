import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { productionAnnotation } from '@apim-gitops/renderer';
import { runCli, tempRepo, treeHashes } from './temp-repository';

const rendered = (root: string) => new Map([...treeHashes(root, 'deploy'), ...treeHashes(root, 'apps/argocd/manifests')]);
const errors = (stderr: string) => stderr.split('\n').filter((l) => l !== '' && !l.startsWith('environments loaded'));

describe('an environment never disappears without a word', () => {
  let repo: ReturnType<typeof tempRepo>;
  afterEach(() => repo?.remove());

  function failsAndKeepsTree(args: string[], line: string): void {
    const before = rendered(repo.root);
    const result = runCli(repo.root, args);
    expect(result.status, result.stdout).toBe(1);
    expect(errors(result.stderr), result.stderr).toContain(line);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(rendered(repo.root)).toEqual(before);
  }

  it('a folder whose environment.ts was renamed away is an error, for render and check', () => {
    repo = tempRepo();
    renameSync(join(repo.root, 'environments/dev/environment.ts'), join(repo.root, 'environments/dev/environment.ts.bak'));
    const line =
      'environments/dev: has no environment.ts (renamed or deleted?): restore environments/dev/environment.ts (e.g. git checkout -- environments/dev/environment.ts), or delete the folder environments/dev to remove the environment';
    failsAndKeepsTree(['render'], line);
    failsAndKeepsTree(['check'], line);
  });

  it('an empty environments/ folder is an error, not a render that deletes everything', () => {
    repo = tempRepo();
    for (const env of readdirSync(join(repo.root, 'environments'))) rmSync(join(repo.root, 'environments', env), { recursive: true });
    failsAndKeepsTree(
      ['render'],
      'environments/: holds no environment, so a render would delete every overlay and Argo CD Application: restore the folders (git checkout -- environments) or add one with "npm run new-env"',
    );
  });

  it.each([
    // esbuild only warns here (the name could be a type) and the stack would silently not run.
    [
      'not exported at all',
      (s: string) => s.replace('export const wso2: Wso2Spec', 'const wso2: Wso2Spec'),
      'Import "wso2" will always be undefined because the file "environments/dev/wso2.ts" has no exports: export it from that file (e.g. "export const wso2: Wso2Spec = { … }"), or remove the import',
    ],
    // Here esbuild itself fails the build.
    [
      'exported under another name',
      (s: string) => s.replace('export const wso2: Wso2Spec', 'export const wso2Spec: Wso2Spec'),
      'No matching export in "environments/dev/wso2.ts" for import "wso2"',
    ],
  ])('a stack whose value is %s is an error naming the import', (_name, edit, message) => {
    repo = tempRepo();
    const file = join(repo.root, 'environments/dev/wso2.ts');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    failsAndKeepsTree(['render'], `environments/dev/environment.ts: line 3:10: ${message}`);
  });

  it('a stack file the environment no longer uses is an error with both ways out', () => {
    repo = tempRepo();
    const file = join(repo.root, 'environments/dev/environment.ts');
    writeFileSync(file, readFileSync(file, 'utf8').replace('  wso2,\n', ''));
    failsAndKeepsTree(
      ['render'],
      "environments/dev/environment.ts: wso2: is not set, but environments/dev/wso2.ts exists: add `wso2` to defineEnvironment({ … }) (import { wso2 } from './wso2'), or delete that file to stop running WSO2",
    );
  });

  it("a production environment's Application carries the production annotation, others do not", () => {
    repo = tempRepo();
    const annotations = (env: string) =>
      YAML.parse(readFileSync(join(repo.root, `apps/argocd/manifests/application-apim-${env}.yaml`), 'utf8')).metadata.annotations;
    expect(annotations('prod')[productionAnnotation]).toBe('true');
    expect(annotations('dev')[productionAnnotation]).toBeUndefined();
  });

  it('deleting a production environment fails unless --allow-delete names it', () => {
    repo = tempRepo();
    rmSync(join(repo.root, 'environments/prod-eu-west'), { recursive: true });
    // Its settings in gitops.ts go too (a render refuses settings for no environment).
    const gitops = join(repo.root, 'apps/argocd/gitops.ts');
    writeFileSync(
      gitops,
      readFileSync(gitops, 'utf8')
        .replace(/^ {2}clusters: \{ 'prod-eu-west'.*\n/m, '')
        .replace(/^ {4}'prod-eu-west': .*\n/m, ''),
    );
    failsAndKeepsTree(
      ['render'],
      'render: environment "prod-eu-west" is gone (environments/prod-eu-west is missing) and it is a production environment: rendering would delete deploy/overlays/prod-eu-west and its Argo CD Application apim-prod-eu-west, and Argo CD would then delete it from its cluster. Restore environments/prod-eu-west (git checkout -- environments/prod-eu-west), or run "render --allow-delete prod-eu-west" to delete it on purpose',
    );
    const result = runCli(repo.root, ['render', '--allow-delete', 'prod-eu-west']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(
      'render: REMOVED environment "prod-eu-west": deploy/overlays/prod-eu-west and the Argo CD Application apim-prod-eu-west are deleted; once this is merged, Argo CD deletes the environment from its cluster',
    );
    expect(existsSync(join(repo.root, 'deploy/overlays/prod-eu-west'))).toBe(false);
    expect(existsSync(join(repo.root, 'apps/argocd/manifests/application-apim-prod-eu-west.yaml'))).toBe(false);
    expect(runCli(repo.root, ['check']).status).toBe(0);
  });

  it('deleting prod while its standby is derived from it fails, naming the import', () => {
    repo = tempRepo();
    rmSync(join(repo.root, 'environments/prod'), { recursive: true });
    failsAndKeepsTree(['render'], 'environments/prod-eu-west/environment.ts: line 2:18: Could not resolve "../prod/environment"');
  });

  it('deleting a non-production environment goes through with a loud line', () => {
    repo = tempRepo();
    rmSync(join(repo.root, 'environments/dev'), { recursive: true });
    const result = runCli(repo.root, ['render']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('render: REMOVED environment "dev": deploy/overlays/dev and the Argo CD Application apim-dev are deleted');
    expect(existsSync(join(repo.root, 'deploy/overlays/dev'))).toBe(false);
  });

  it('an environment whose committed Application is missing too is treated as production', () => {
    repo = tempRepo();
    rmSync(join(repo.root, 'environments/dev'), { recursive: true });
    rmSync(join(repo.root, 'apps/argocd/manifests/application-apim-dev.yaml'));
    const result = runCli(repo.root, ['render']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(
      'render: environment "dev" is gone (environments/dev is missing) and whether it is a production environment cannot be told',
    );
  });

  it('--allow-delete of an environment that still exists, or with --env, is refused', () => {
    repo = tempRepo();
    failsAndKeepsTree(
      ['render', '--allow-delete', 'dev'],
      'render: --allow-delete dev: environments/dev still exists; delete the folder first, then render with --allow-delete dev',
    );
    failsAndKeepsTree(
      ['render', '--env', 'dev', '--allow-delete', 'prod'],
      'render: --allow-delete needs a full render (without --env): only a full render deletes environments',
    );
  });
});
