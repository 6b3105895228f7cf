import { resolveDatabaseTls } from '../egress';
import type { ResolvedDatabaseTls } from '../network';
import { verifiesServer } from '../network';
import { quote } from '../spec-error';
import { wso2ConfigVolume, wso2Paths } from './facts';
import type { StackContext } from '../stack-context';
import { imageRef } from '../stack-context';
import type { Wso2DatabaseSpec, Wso2GatewayEnvironmentSpec, Wso2HostnamesSpec, Wso2ImageSpec, Wso2KeystoresSpec } from './spec';
import { wso2HostPrefixes } from './spec';

/** One external database after defaults, with its JDBC URL. */
export interface ResolvedWso2Database {
  /** Key under `[database.…]`: `apim_db` or `shared_db`. */
  readonly key: 'apim_db' | 'shared_db';
  readonly type: 'mysql';
  readonly driver: 'com.mysql.cj.jdbc.Driver';
  readonly host: string;
  readonly port: number;
  readonly name: string;
  /** `jdbc:mysql://host:port/name?a=b&amp;c=d`. */
  readonly url: string;
  /** Secret with `username` and `password`. */
  readonly credentialsSecret: string;
  /** Transport security, as the JDBC URL and the mysql clients use it. */
  readonly tls: ResolvedDatabaseTls;
}

/** Store files and the Secret they come from. */
export interface ResolvedWso2Keystores {
  readonly secret: string;
  readonly keystoreFile: string;
  readonly keyAlias: string;
  readonly truststoreFile: string;
  readonly internalKeystoreFile?: string;
  /** Secret keys of the two store passwords. */
  readonly keystorePasswordKey: 'keystore-password';
  readonly truststorePasswordKey: 'truststore-password';
}

/** A gateway environment after defaults. */
export type ResolvedWso2GatewayEnvironment = Required<Wso2GatewayEnvironmentSpec>;

/** The full reference of an image in the environment's registry; the tag defaults to the product version. */
export function resolveImage(ctx: StackContext, image: Wso2ImageSpec, defaultTag: string, path?: string): string {
  const tag = image.tag ?? defaultTag;
  // A moving tag in production changes what runs without a commit; Axway refuses it everywhere.
  if (ctx.env.production && tag === 'latest' && path)
    ctx.checks.issues.add(`${path}.tag`, 'must be an immutable tag in production, not "latest": a change of image is a new tag and a reviewed rollout');
  return imageRef(ctx.env, { repository: image.repository, tag, ...(image.digest ? { digest: image.digest } : {}) });
}

/** Public hosts after defaults; no two may be equal. */
export function resolveHostnames(ctx: StackContext, path: string, given: Wso2HostnamesSpec): Required<Wso2HostnamesSpec> {
  const hosts = {} as Record<keyof Wso2HostnamesSpec, string>;
  const seen = new Map<string, string>();
  for (const [field, prefix] of Object.entries(wso2HostPrefixes) as [keyof Wso2HostnamesSpec, string][]) {
    const host = given[field] ?? `${prefix}.${ctx.env.domain}`;
    hosts[field] = host;
    // A derived host can outgrow 253 characters although the domain alone is valid.
    if (!ctx.checks.host(`${path}.${field}`, host)) continue;
    const first = seen.get(host);
    if (first) ctx.checks.issues.add(`${path}.${field}`, `${quote(host)} is already the ${first} host; each host belongs to exactly one Ingress`);
    else seen.set(host, field);
  }
  return hosts;
}

/** Declares one database's credentials Secret for `readers`, and builds its JDBC URL. */
export function resolveDatabase(
  ctx: StackContext,
  path: string,
  key: 'apim_db' | 'shared_db',
  spec: Wso2DatabaseSpec,
  readers: readonly string[],
  client: { readonly truststoreFile: string; readonly readers: readonly string[] },
): ResolvedWso2Database {
  const options = spec.urlOptions!;
  const tls = resolveDatabaseTls(ctx, path, spec.tls, client.readers, client.readers.length > 0);
  if (tls.mode === 'DISABLED' && options.allowPublicKeyRetrieval !== 'true')
    ctx.checks.issues.add(
      `${path}.urlOptions.allowPublicKeyRetrieval`,
      'must be "true" with tls.mode "DISABLED" (MySQL 8 refuses the login otherwise); better, keep TLS on',
    );
  for (const reserved of ['sslMode', 'useSSL', 'requireSSL', 'verifyServerCertificate'])
    if (options[reserved] !== undefined)
      ctx.checks.issues.add(`${path}.urlOptions.${reserved}`, `is set by tls.mode; remove it here and set tls: { mode: ... } instead`);
  let credentialsSecret = '';
  for (const reader of readers) credentialsSecret = ctx.secrets.use(`${path}.credentials`, spec.credentials, reader, ['username', 'password']) ?? '';
  // Connector/J 8 verifies against the truststore it is given: the keystores Secret's truststore,
  // mounted in every WSO2 pod at the same path (the entrypoint copies it into the server home too).
  const transport: Record<string, string> = { sslMode: tls.mode };
  if (verifiesServer(tls.mode)) transport.trustCertificateKeyStoreUrl = `file:${wso2ConfigVolume}/${wso2Paths.security}/${client.truststoreFile}`;
  // WSO2 renders the URL into XML, so parameters are joined with an escaped ampersand.
  const query = Object.entries({ ...transport, ...options })
    .map(([k, v]) => `${k}=${v}`)
    .join('&amp;');
  const name = spec.name ?? key;
  const port = spec.port!;
  return {
    key,
    type: 'mysql',
    driver: 'com.mysql.cj.jdbc.Driver',
    host: spec.host,
    port,
    name,
    url: `jdbc:mysql://${spec.host}:${port}/${name}${query ? `?${query}` : ''}`,
    credentialsSecret,
    tls,
  };
}

/** Declares the keystore Secret, with every store file as a key, for `readers`; no file may serve two stores. */
export function resolveKeystores(ctx: StackContext, path: string, spec: Wso2KeystoresSpec, readers: readonly string[]): ResolvedWso2Keystores {
  const files: string[] = [];
  for (const field of ['keystoreFile', 'truststoreFile', 'internalKeystoreFile'] as const) {
    const file = spec[field];
    if (file === undefined) continue;
    if (files.includes(file)) ctx.checks.issues.add(`${path}.${field}`, `${quote(file)} is already used by another store`);
    else files.push(file);
  }
  const keystores: ResolvedWso2Keystores = {
    secret: '',
    keystoreFile: spec.keystoreFile!,
    keyAlias: spec.keyAlias!,
    truststoreFile: spec.truststoreFile!,
    ...(spec.internalKeystoreFile !== undefined ? { internalKeystoreFile: spec.internalKeystoreFile } : {}),
    keystorePasswordKey: 'keystore-password',
    truststorePasswordKey: 'truststore-password',
  };
  const keys = [...files, keystores.keystorePasswordKey, keystores.truststorePasswordKey];
  let secret = '';
  for (const reader of readers) secret = ctx.secrets.use(`${path}.secret`, spec.secret, reader, keys) ?? '';
  return { ...keystores, secret };
}

/** Gateway environments after defaults; names are gateway labels, so each is used once. */
export function resolveGatewayEnvironments(ctx: StackContext, path: string, list: readonly Wso2GatewayEnvironmentSpec[]): ResolvedWso2GatewayEnvironment[] {
  const names = new Set<string>();
  return list.map((env, i) => {
    if (names.has(env.name)) ctx.checks.issues.add(`${path}[${i}].name`, `${quote(env.name)} is named twice`);
    names.add(env.name);
    return env as ResolvedWso2GatewayEnvironment;
  });
}
