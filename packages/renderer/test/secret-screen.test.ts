import { describe, expect, it } from 'vitest';
import type { Json } from '../src';
import { screenSecrets } from '../src';

// None of these is a real credential: a key body of repeated text, a token with an empty payload.
const pemKey = `-----BEGIN RSA PRIVATE KEY-----\n${'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun\n'.repeat(4)}-----END RSA PRIVATE KEY-----\n`;
const wrapped = (text: string, width: number) => text.match(new RegExp(`.{1,${width}}`, 'g'))!.join('\n');
const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZG1pbiJ9.c2lnbmF0dXJlLW5vdC1yZWFs';
const certificate = `-----BEGIN CERTIFICATE-----\n${'MIIDdzCCAl+gAwIBAgIEAgAAuTANBgkqhkiG9w0BAQUFADBaMQswCQYDVQQGEwJJ\n'.repeat(3)}-----END CERTIFICATE-----\n`;

const toml = (...lines: string[]) => ['[server]', 'hostname = "gw.example.org"', ...lines, ''].join('\n');

function configMap(data: Record<string, string>, annotations: Record<string, string> = {}): Json {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'wso2-gateway-config', annotations }, data };
}

function deployment(container: Record<string, Json>): Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'wso2-gateway' },
    spec: { template: { spec: { containers: [{ name: 'gw', image: 'registry.example.org/apim/wso2am-universal-gw:4.5.0', ...container }] } } },
  };
}

const bad: [string, Json, string, string][] = [
  [
    'a literal password in deployment.toml',
    configMap({ 'deployment.toml': toml('[database.apim_db]', 'password = "hunter2"') }),
    'data.deployment.toml',
    'line 4: "password" holds a literal secret value',
  ],
  [
    'a literal password in an XML element of jvm.xml',
    configMap({ 'jvm.xml': '<ConfigurationFragment>\n  <password>hunter2</password>\n</ConfigurationFragment>\n' }),
    'data.jvm.xml',
    'line 2: "password" holds a literal secret value',
  ],
  [
    'a literal password in an XML attribute',
    configMap({ 'store.xml': '<Store\n  keystorePassword="changeit"/>\n' }),
    'data.store.xml',
    'line 2: "keystorePassword" holds a literal secret value',
  ],
  ['a token as a ConfigMap key', configMap({ API_TOKEN: 'abc123' }), 'data.API_TOKEN', '"API_TOKEN" holds a literal secret value'],
  [
    'an env var with a password as its value',
    deployment({ env: [{ name: 'CASS_PASS', value: 'changeme' }] }),
    'spec.template.spec.containers[0].env[0].value',
    'env var "CASS_PASS" holds a literal value: use valueFrom.secretKeyRef instead',
  ],
  [
    'a JVM option with a keystore password',
    deployment({ args: ['-Djavax.net.ssl.keyStorePassword=changeit'] }),
    'spec.template.spec.containers[0].args[0]',
    '"-Djavax.net.ssl.keyStorePassword" holds a literal secret value',
  ],
  [
    'credentials in a URL',
    configMap({ 'config.yaml': 'upstream:\n  url: https://deploy:s3cr3t@git.example.org/repo.git\n' }),
    'data.config.yaml',
    'line 2: holds credentials in a URL (https://deploy:…@)',
  ],
  [
    'credentials in a JDBC URL',
    deployment({ env: [{ name: 'DB_URL', value: 'jdbc:mysql://apim:hunter2@db.example.org:3306/apim_db' }] }),
    'spec.template.spec.containers[0].env[0].value',
    'holds credentials in a URL (jdbc:mysql://apim:…@)',
  ],
  [
    'a JDBC password parameter',
    configMap({ 'deployment.toml': toml('url = "jdbc:mysql://db:3306/apim_db?useSSL=true&amp;password=hunter2"') }),
    'data.deployment.toml',
    'line 3: holds a literal "password=" URL parameter',
  ],
  [
    'registry credentials in an image reference',
    deployment({ image: 'bob:hunter2@registry.example.org/apim/wso2am:4.5.0' }),
    'spec.template.spec.containers[0].image',
    'holds registry credentials (user:password@) in the image reference',
  ],
  ['a JWT in an annotation', configMap({}, { 'example.org/owner': `bearer ${jwt}` }), 'metadata.annotations.example.org/owner', 'holds a JSON Web Token'],
  [
    'a secret-looking annotation key',
    configMap({}, { 'example.org/api-token': 'abc123' }),
    'metadata.annotations.example.org/api-token',
    '"example.org/api-token" holds a literal secret value',
  ],
  ['a PEM private key', configMap({ 'tls.pem': `${certificate}${pemKey}` }), 'data.tls.pem', 'line 6: holds a PEM private key'],
  ['base64 of a PEM private key on one line', configMap({ 'key.b64': btoa(pemKey) }), 'data.key.b64', 'holds base64 of a PEM private key'],
  [
    'base64 of a PEM private key wrapped at 76 characters',
    configMap({ 'values.yaml': `cert: ok\nkey: |\n${wrapped(btoa(pemKey), 76)}\n` }),
    'data.values.yaml',
    'line 3: holds base64 of a PEM private key',
  ],
  [
    'a JWT in a description',
    { apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { name: 'apim' }, spec: { description: `token ${jwt}` } },
    'spec.description',
    'holds a JSON Web Token',
  ],
];

const good: [string, Json][] = [
  [
    'a placeholder password in deployment.toml',
    configMap({ 'deployment.toml': toml('[database.apim_db]', 'password = "$env{APIM_DB_PASSWORD}"', 'key_password = "$ref{keystore.password}"') }),
  ],
  ['a password from a Secret', deployment({ env: [{ name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'wso2-apim-db', key: 'password' } } }] })],
  ['a password as a Kubernetes expansion', deployment({ env: [{ name: 'AMQP_PASSWORD', value: '$(ADMIN_PASSWORD)' }] })],
  [
    'an AMQP URL whose password is a placeholder',
    configMap({ 'deployment.toml': toml('connection_url = "amqp://$env{ADMIN_USER}:$env{ADMIN_PASSWORD_URLENCODED}@clientID/carbon"') }),
  ],
  ['a URL with a user and no password', configMap({ 'config.yaml': 'repo: https://git@git.example.org/repo.git\n' })],
  [
    'a JDBC URL without credentials',
    configMap({ 'deployment.toml': toml('url = "jdbc:mysql://db:3306/apim_db?useSSL=true&amp;allowPublicKeyRetrieval=false"') }),
  ],
  [
    'an image pinned by digest',
    deployment({ image: 'registry.example.org/apim/wso2am@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' }),
  ],
  ['an image on a registry with a port', deployment({ image: 'registry.example.org:5000/apim/wso2am:4.5.0' })],
  ['a certificate (public)', configMap({ 'ca.pem': certificate })],
  ['a shell script that reads its password from an argument', deployment({ command: ['sh', '-c', 'load() {\n  MYSQL_PWD="$5" mysql -h "$1"\n}\n'] })],
  [
    'key names that hold no secret',
    configMap(
      { 'deployment.toml': toml('token_endpoint = "https://km:9443/oauth2/token"', 'key_manager_url = "https://km:9443"') },
      { 'argocd.argoproj.io/sync-wave': '1' },
    ),
  ],
  [
    'a secret-looking key whose value is a boolean',
    configMap({ 'deployment.toml': toml('[apim.oauth_config]', 'enable_token_encryption = true', 'encrypt_key = false') }),
  ],
  [
    'Sealed Secrets ciphertext',
    {
      apiVersion: 'bitnami.com/v1alpha1',
      kind: 'SealedSecret',
      metadata: { name: 'wso2-admin' },
      spec: { encryptedData: { password: btoa(String.fromCharCode(1, 0, ...Array.from({ length: 300 }, (_, i) => (i * 97 + 13) % 256))) } },
    },
  ],
];

describe('the render-time secret screen', () => {
  it.each(bad)('finds %s, naming the object and field', (_name, object, path, message) => {
    const issues = screenSecrets([object]);
    const kind = (object as { kind: string }).kind;
    const name = (object as { metadata: { name: string } }).metadata.name;
    expect(issues.map((i) => `${i.object}: ${i.path}: ${i.message}`)).toContainEqual(expect.stringContaining(`${kind}/${name}: ${path}: ${message}`));
  });

  it.each(good)('passes %s', (_name, object) => {
    expect(screenSecrets([object])).toEqual([]);
  });
});
