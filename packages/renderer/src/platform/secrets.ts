import type { ResolvedEnvironment, ResolvedSecret } from '@apim-gitops/models';
import { ExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret';
import { SealedSecret } from '@kubernetes-models/sealed-secrets/bitnami.com/v1alpha1/SealedSecret';
import type { KubeObject } from '../kube-object';
import { platformLabels } from '../labels';

/** A Secret key as a Go template field; keys that are not identifiers need `index`. */
function goTemplateField(key: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`unreachable: derived from a key that is not a template identifier: ${key}`);
  return key;
}

function externalSecret(env: ResolvedEnvironment, secret: ResolvedSecret): KubeObject {
  if (env.secretBackend.provider !== 'external-secrets') throw new Error('unreachable: not an External Secrets backend');
  const backend = env.secretBackend;
  const remoteKey = backend.remoteKeys[secret.name] ?? `${env.name}/${secret.name}`;
  const derived = Object.entries(secret.derived);
  // A derived key is made in the cluster from the fetched one, so the store holds each value once.
  // `mergePolicy: Merge` keeps the fetched keys beside the templated ones (ESO templating v2).
  const template = {
    ...(secret.type === 'Opaque' ? {} : { type: secret.type }),
    ...(derived.length === 0
      ? {}
      : {
          engineVersion: 'v2' as const,
          mergePolicy: 'Merge' as const,
          data: Object.fromEntries(derived.map(([key, d]) => [key, `{{ .${goTemplateField(d.from)} | urlquery }}`])),
        }),
  };
  return new ExternalSecret({
    metadata: { name: secret.name, labels: platformLabels(secret.name, 'secret') },
    spec: {
      refreshInterval: backend.refreshInterval,
      secretStoreRef: { kind: backend.store.kind, name: backend.store.name },
      target: {
        name: secret.name,
        creationPolicy: 'Owner',
        ...(Object.keys(template).length === 0 ? {} : { template }),
      },
      data: secret.keys.filter((key) => !(key in secret.derived)).map((key) => ({ secretKey: key, remoteRef: { key: remoteKey, property: key } })),
    },
  });
}

function sealedSecret(env: ResolvedEnvironment, secret: ResolvedSecret): KubeObject {
  if (env.secretBackend.provider !== 'sealed-secrets') throw new Error('unreachable: not a Sealed Secrets backend');
  const ciphertext = env.secretBackend.encryptedData[secret.name] ?? {};
  const encryptedData: Record<string, string> = {};
  for (const key of secret.keys) encryptedData[key] = ciphertext[key]!;
  return new SealedSecret({
    metadata: { name: secret.name, labels: platformLabels(secret.name, 'secret') },
    spec: {
      encryptedData,
      template: { type: secret.type, metadata: { name: secret.name, labels: platformLabels(secret.name, 'secret') } },
    },
  } as ConstructorParameters<typeof SealedSecret>[0]);
}

/**
 * One ExternalSecret or SealedSecret per Secret the environment's pods read. No rendered object
 * ever carries a secret value: the controllers in the cluster make the Secrets.
 */
export function renderSecrets(env: ResolvedEnvironment): KubeObject[] {
  return env.secrets.map((secret) => (env.secretBackend.provider === 'external-secrets' ? externalSecret(env, secret) : sealedSecret(env, secret)));
}
