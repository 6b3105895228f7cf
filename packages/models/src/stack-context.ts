import type { FieldChecks } from './field-checks';
import type { ResolvedMonitoring } from './monitoring/resolve';
import type { ResolvedNetwork } from './network';
import type { ResolvedEntry } from './resolve-entry';
import type { SecretNeeds } from './secrets';

/** The environment-wide facts every stack resolver and component renderer reads. */
export interface EnvironmentBasics {
  readonly name: string;
  readonly namespace: string;
  readonly domain: string;
  readonly production: boolean;
  /** Where the definition came from, for messages, e.g. `environments/dev/environment.ts`. */
  readonly source: string;
  readonly images: {
    readonly registry: string;
    /** Name of the pull Secret, when the registry needs one. */
    readonly pullSecret?: string;
    /** Full reference of the precheck (TCP wait) image, under `registry`. */
    readonly precheck: string;
  };
  /** How traffic enters: the ingress-nginx and Gateway API entries the environment renders. */
  readonly entry: ResolvedEntry;
  readonly scheduling: {
    readonly zoneSpread: 'preferred' | 'required' | 'none';
    readonly nodeSelector: Readonly<Record<string, string>>;
    readonly tolerations: readonly {
      readonly key: string;
      readonly operator: 'Equal' | 'Exists';
      readonly value?: string;
      readonly effect?: 'NoSchedule' | 'PreferNoSchedule' | 'NoExecute';
    }[];
  };
  /** Who scrapes the pods, and what the environment renders for its monitoring. */
  readonly monitoring: ResolvedMonitoring;
  readonly network: ResolvedNetwork;
}

/** What a stack resolver gets: the basics, a place to report issues and a place to declare Secrets. */
export interface StackContext {
  readonly env: EnvironmentBasics;
  readonly checks: FieldChecks;
  readonly secrets: SecretNeeds;
}

/** The image reference for a repository and tag in this environment's registry. */
export function imageRef(env: EnvironmentBasics, image: { readonly repository: string; readonly tag: string; readonly digest?: string }): string {
  // With a digest the runtime pulls exactly that image; the tag stays for people reading the manifest.
  return `${env.images.registry}/${image.repository}:${image.tag}${image.digest ? `@${image.digest}` : ''}`;
}
