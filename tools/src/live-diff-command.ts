import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { deployRoot, writeTree } from '@apim-gitops/renderer';
import { CommandError } from './command-error';
import { kustomizeBuild } from './kubectl';
import type { FieldChange, JsonValue } from './object-diff';
import { diffFields, formatValue, objectKey } from './object-diff';
import { renderRepository } from './render-repository';

/** The kubeconfig files kubectl would read, if any exists. */
export function kubeconfigPresent(env: NodeJS.ProcessEnv = process.env): boolean {
  const files = env.KUBECONFIG ? env.KUBECONFIG.split(delimiter).filter(Boolean) : [join(env.HOME ?? homedir(), '.kube', 'config')];
  return files.some((f) => existsSync(f));
}

/**
 * The live object cut down to the fields the built object sets, so that defaults and status the
 * cluster adds are not reported as differences.
 */
export function projectOnto(live: JsonValue | undefined, built: JsonValue): JsonValue | undefined {
  if (built && typeof built === 'object' && !Array.isArray(built)) {
    if (!live || typeof live !== 'object' || Array.isArray(live)) return live;
    return Object.fromEntries(
      Object.keys(built)
        .filter((k) => live[k] !== undefined)
        .map((k) => [k, projectOnto(live[k], built[k]!)!]),
    );
  }
  if (Array.isArray(built) && Array.isArray(live))
    return live.slice(0, Math.max(built.length, live.length)).map((v, i) => (i < built.length ? projectOnto(v, built[i]!)! : v));
  return live;
}

function isUnreachable(error: unknown): boolean {
  const text = `${(error as Error)?.message ?? ''} ${(error as { cause?: { code?: string } })?.cause?.code ?? ''} ${(error as { code?: string })?.code ?? ''}`;
  return /ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ETIMEDOUT|ECONNRESET|fetch failed|socket hang up|certificate/i.test(text);
}

/**
 * `live-diff --env NAME`: compares the environment's built objects with the cluster's (only the
 * fields we set). Needs a kubeconfig; without one, or when the cluster does not answer, it says so
 * and exits 0, because it is an aid, never a gate.
 */
export async function liveDiffCommand(root: string, env: string | undefined): Promise<number> {
  if (!env) throw new CommandError('live-diff: give the environment: live-diff --env NAME');
  if (!kubeconfigPresent()) {
    console.log(`live-diff ${env}: skipped: no kubeconfig (set KUBECONFIG or create ~/.kube/config)`);
    return 0;
  }
  const render = await renderRepository(root, [env]);
  const temp = mkdtempSync(join(tmpdir(), 'apim-live-'));
  let built: unknown[];
  try {
    symlinkSync(join(root, '.cache'), join(temp, '.cache'));
    writeTree(temp, render.files, render.scopes, { durable: false });
    built = kustomizeBuild(temp, `${deployRoot}/overlays/${env}`);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  // Loaded only here: importing the client costs about a second, which render must not pay.
  const k8s = await import('@kubernetes/client-node');
  const config = new k8s.KubeConfig();
  config.loadFromDefault();
  const client = k8s.KubernetesObjectApi.makeApiClient(config);
  let missing = 0;
  let differing = 0;
  for (const object of built) {
    const o = object as { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };
    let changes: FieldChange[];
    try {
      const live = (await client.read({
        apiVersion: o.apiVersion,
        kind: o.kind,
        metadata: { name: o.metadata.name, namespace: o.metadata.namespace },
      })) as unknown as JsonValue;
      changes = diffFields(projectOnto(JSON.parse(JSON.stringify(live)) as JsonValue, object as JsonValue), object as JsonValue);
    } catch (error) {
      if (isUnreachable(error)) {
        console.log(
          `live-diff ${env}: skipped: cluster unreachable (${config.getCurrentCluster()?.server ?? 'no current cluster'}: ${(error as Error).message})`,
        );
        return 0;
      }
      if ((error as { code?: number }).code === 404) {
        console.log(`  + ${objectKey(object)} (not in the cluster)`);
        missing++;
        continue;
      }
      throw error;
    }
    if (changes.length === 0) continue;
    differing++;
    console.log(`  ~ ${objectKey(object)}`);
    for (const c of changes) console.log(`      ${c.path}: cluster ${formatValue(c.before)} → rendered ${formatValue(c.after)}`);
  }
  console.log(`live-diff ${env}: ${built.length} object(s): ${missing} not in the cluster, ${differing} differ, ${built.length - missing - differing} in sync`);
  return 0;
}
