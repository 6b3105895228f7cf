import { mergeDefaults } from '../merge-defaults';
import { quote } from '../spec-error';
import type { StackContext } from '../stack-context';
import { imageRef } from '../stack-context';
import type { Wso2GatewayEnvironmentSpec, Wso2HostnamesSpec, Wso2ImageSpec } from './spec';
import { wso2Defaults, wso2HostPrefixes } from './spec';

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

const mysqlIdentifier = /^[A-Za-z0-9_$]{1,64}$/;
const urlOptionKey = /^[A-Za-z][A-Za-z0-9]*$/;
const urlOptionValue = /^[A-Za-z0-9._:/-]*$/;
const secretKey = /^[-._a-zA-Z0-9]+$/;
const repository = /^[a-z0-9]+([._-][a-z0-9]+)*(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const tag = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** Checks an image and returns its full reference in the environment's registry. */
export function resolveImage(ctx: StackContext, path: string, user: unknown, defaults: Wso2ImageSpec, defaultTag: string): string {
  if (user !== undefined && !ctx.checks.object(path, user)) return '';
  ctx.checks.knownKeys(path, user, ['repository', 'tag']);
  const image = mergeDefaults<Wso2ImageSpec>(defaults, user);
  const resolved = { repository: image.repository, tag: image.tag ?? defaultTag };
  if (ctx.checks.string(`${path}.repository`, resolved.repository) && !repository.test(resolved.repository))
    ctx.checks.issues.add(`${path}.repository`, `${quote(resolved.repository)} is not a valid image repository (lower case path such as "wso2/wso2am")`);
  if (ctx.checks.string(`${path}.tag`, resolved.tag) && !tag.test(resolved.tag))
    ctx.checks.issues.add(`${path}.tag`, `${quote(resolved.tag)} is not a valid image tag`);
  return imageRef(ctx.env, resolved);
}

/** Public hosts after defaults; each must be a DNS name and no two may be equal. */
export function resolveHostnames(ctx: StackContext, path: string, user: unknown): Required<Wso2HostnamesSpec> {
  if (user !== undefined && ctx.checks.object(path, user)) ctx.checks.knownKeys(path, user, Object.keys(wso2HostPrefixes));
  const given = (user ?? {}) as Wso2HostnamesSpec;
  const hosts = {} as Record<keyof Wso2HostnamesSpec, string>;
  const seen = new Map<string, string>();
  for (const [field, prefix] of Object.entries(wso2HostPrefixes) as [keyof Wso2HostnamesSpec, string][]) {
    const host = given[field] ?? `${prefix}.${ctx.env.domain}`;
    hosts[field] = host;
    if (!ctx.checks.host(`${path}.${field}`, host)) continue;
    const first = seen.get(host);
    if (first) ctx.checks.issues.add(`${path}.${field}`, `${quote(host)} is already the ${first} host; each host belongs to exactly one Ingress`);
    else seen.set(host, field);
  }
  return hosts;
}

/** Checks one database, declares its credentials Secret for `readers`, and builds its JDBC URL. */
export function resolveDatabase(
  ctx: StackContext,
  path: string,
  key: 'apim_db' | 'shared_db',
  user: unknown,
  readers: readonly string[],
): ResolvedWso2Database {
  const { checks } = ctx;
  const fallback = { key, type: 'mysql', driver: 'com.mysql.cj.jdbc.Driver', host: '', port: 3306, name: key, url: '', credentialsSecret: '' } as const;
  if (!checks.object(path, user)) return fallback;
  checks.knownKeys(path, user, ['type', 'host', 'port', 'name', 'urlOptions', 'credentials']);
  const spec = mergeDefaults({ ...wso2Defaults.database, name: key } as Record<string, any>, user);
  if (spec.type !== undefined) checks.oneOf(`${path}.type`, spec.type, ['mysql'] as const);
  checks.host(`${path}.host`, spec.host);
  checks.port(`${path}.port`, spec.port);
  if (checks.string(`${path}.name`, spec.name) && !mysqlIdentifier.test(spec.name))
    checks.issues.add(`${path}.name`, `${quote(spec.name)} is not a MySQL database name (letters, digits, '_' and '$')`);
  const options: Record<string, string> = {};
  if (checks.object(`${path}.urlOptions`, spec.urlOptions)) {
    for (const [name, value] of Object.entries(spec.urlOptions)) {
      if (!urlOptionKey.test(name)) checks.issues.add(`${path}.urlOptions.${name}`, 'is not a JDBC parameter name (letters and digits)');
      else if (typeof value !== 'string' || !urlOptionValue.test(value))
        checks.issues.add(`${path}.urlOptions.${name}`, `must be a string without spaces, '&' or '=' (got ${quote(value)})`);
      else options[name] = value;
    }
  }
  if (options.useSSL === 'false' && options.allowPublicKeyRetrieval !== 'true')
    checks.issues.add(`${path}.urlOptions.allowPublicKeyRetrieval`, 'must be "true" when useSSL is "false" (MySQL 8 refuses the login otherwise); better, use useSSL "true"');
  let credentialsSecret = '';
  for (const reader of readers) credentialsSecret = ctx.secrets.use(`${path}.credentials`, spec.credentials, reader, ['username', 'password']) ?? '';
  const query = Object.entries(options).map(([k, v]) => `${k}=${v}`).join('&amp;');
  const host = typeof spec.host === 'string' ? spec.host : '';
  const port = typeof spec.port === 'number' ? spec.port : 3306;
  const name = typeof spec.name === 'string' ? spec.name : key;
  return { ...fallback, host, port, name, url: `jdbc:mysql://${host}:${port}/${name}${query ? `?${query}` : ''}`, credentialsSecret };
}

/** Checks the store files, declares the keystore Secret for `readers`. */
export function resolveKeystores(ctx: StackContext, path: string, user: unknown, readers: readonly string[]): ResolvedWso2Keystores {
  const { checks } = ctx;
  const spec = mergeDefaults(wso2Defaults.keystores as Record<string, any>, checks.object(path, user) ? user : {});
  checks.knownKeys(path, user, ['secret', 'keystoreFile', 'keyAlias', 'truststoreFile', 'internalKeystoreFile']);
  const files: string[] = [];
  for (const field of ['keystoreFile', 'truststoreFile', 'internalKeystoreFile']) {
    const file = spec[field];
    if (file === undefined && field === 'internalKeystoreFile') continue;
    if (!checks.string(`${path}.${field}`, file)) continue;
    if (!secretKey.test(file)) checks.issues.add(`${path}.${field}`, `${quote(file)} is not a valid file name and Secret key (letters, digits, '-', '_' and '.')`);
    else if (files.includes(file)) checks.issues.add(`${path}.${field}`, `${quote(file)} is already used by another store`);
    else files.push(file);
  }
  checks.string(`${path}.keyAlias`, spec.keyAlias);
  const keystores: ResolvedWso2Keystores = {
    secret: '',
    keystoreFile: spec.keystoreFile,
    keyAlias: spec.keyAlias,
    truststoreFile: spec.truststoreFile,
    ...(spec.internalKeystoreFile !== undefined ? { internalKeystoreFile: spec.internalKeystoreFile } : {}),
    keystorePasswordKey: 'keystore-password',
    truststorePasswordKey: 'truststore-password',
  };
  const keys = [...files, keystores.keystorePasswordKey, keystores.truststorePasswordKey];
  let secret = '';
  for (const reader of readers) secret = ctx.secrets.use(`${path}.secret`, spec.secret, reader, keys) ?? '';
  return { ...keystores, secret };
}

/** Gateway environments after defaults: at least one, unique names usable as gateway labels. */
export function resolveGatewayEnvironments(ctx: StackContext, path: string, user: unknown): ResolvedWso2GatewayEnvironment[] {
  const { checks } = ctx;
  const list = user ?? wso2Defaults.gatewayEnvironments;
  if (!Array.isArray(list)) {
    checks.issues.add(path, `must be a list of gateway environments (got ${quote(list)})`);
    return [];
  }
  if (list.length === 0) checks.issues.add(path, 'must name at least one gateway environment, e.g. [{ name: "Default" }]');
  const names = new Set<string>();
  return list.map((item: unknown, i: number) => {
    const at = `${path}[${i}]`;
    if (!checks.object(at, item)) return { ...wso2Defaults.gatewayEnvironment, name: '' };
    checks.knownKeys(at, item, ['name', 'type', 'description', 'displayInApiConsole']);
    const env = mergeDefaults(wso2Defaults.gatewayEnvironment as Record<string, any>, item) as ResolvedWso2GatewayEnvironment;
    if (checks.string(`${at}.name`, env.name)) {
      if (!/^[A-Za-z0-9_-]{1,64}$/.test(env.name)) checks.issues.add(`${at}.name`, `${quote(env.name)} must be letters, digits, '_' and '-' (it is a gateway label)`);
      else if (names.has(env.name)) checks.issues.add(`${at}.name`, `${quote(env.name)} is named twice`);
      names.add(env.name);
    }
    checks.oneOf(`${at}.type`, env.type, ['hybrid', 'production', 'sandbox'] as const);
    checks.string(`${at}.description`, env.description);
    if (typeof env.displayInApiConsole !== 'boolean') checks.boolean(`${at}.displayInApiConsole`, env.displayInApiConsole);
    return env;
  });
}

/** User store after defaults; properties must be plain values. */
export function resolveUserStore(ctx: StackContext, path: string, user: unknown): { type: 'database_unique_id' | 'database'; properties: Record<string, string | number | boolean> } {
  const { checks } = ctx;
  if (user !== undefined && !checks.object(path, user)) return { ...wso2Defaults.userStore, properties: {} };
  checks.knownKeys(path, user, ['type', 'properties']);
  const spec = mergeDefaults(wso2Defaults.userStore as Record<string, any>, user);
  checks.oneOf(`${path}.type`, spec.type, ['database_unique_id', 'database'] as const);
  const properties: Record<string, string | number | boolean> = {};
  if (checks.object(`${path}.properties`, spec.properties)) {
    for (const [name, value] of Object.entries(spec.properties)) {
      if (!/^[A-Za-z][A-Za-z0-9_.]*$/.test(name)) checks.issues.add(`${path}.properties.${name}`, 'is not a user store property name');
      else if (!['string', 'number', 'boolean'].includes(typeof value))
        checks.issues.add(`${path}.properties.${name}`, `must be a string, number or boolean (got ${quote(value)})`);
      else properties[name] = value as string | number | boolean;
    }
  }
  return { type: spec.type, properties };
}
