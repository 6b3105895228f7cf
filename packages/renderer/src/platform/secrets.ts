import type { ResolvedEnvironment, ResolvedSecret } from '@apim-gitops/models';
import { ExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1/ExternalSecret';
import { SealedSecret } from '@kubernetes-models/sealed-secrets/bitnami.com/v1alpha1/SealedSecret';
import type { KubeObject } from '../kube-object';
import { platformLabels } from '../labels';

function externalSecret(env: ResolvedEnvironment, secret: ResolvedSecret): KubeObject {
  if (env.secretBackend.provider !== 'external-secrets') throw new Error('unreachable: not an External Secrets backend');
  const backend = env.secretBackend;
  const remoteKey = backend.remoteKeys[secret.name] ?? `${env.name}/${secret.name}`;
  return new ExternalSecret({
    metadata: { name: secret.name, labels: platformLabels(secret.name, 'secret') },
    spec: {
      refreshInterval: backend.refreshInterval,
      secretStoreRef: { kind: backend.store.kind, name: backend.store.name },
      target: {
        name: secret.name,
        creationPolicy: 'Owner',
        ...(secret.type === 'Opaque' ? {} : { template: { type: secret.type } }),
      },
      data: secret.keys.map((key) => ({ secretKey: key, remoteRef: { key: remoteKey, property: key } })),
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
  return env.secrets.map((secret) =>
    env.secretBackend.provider === 'external-secrets' ? externalSecret(env, secret) : sealedSecret(env, secret),
  );
}
