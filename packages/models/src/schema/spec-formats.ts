import { isCidr } from '../axway/cidr';
import { dnsProblem, isDnsLabel, isDnsSubdomain } from '../field-checks';
import { cpuMillis, memoryBytes } from '../quantity';
import { quote } from '../spec-error';

/**
 * A named string format a spec field declares with `@format <name>`: the rule, and the message a
 * value that breaks it gets. One table, so a rule and its wording live in one place.
 */
export interface SpecFormat {
  /** The rule; Ajv calls it by this name (its format definition's `validate`), at runtime and from the precompiled validators. */
  readonly validate: (value: string) => boolean;
  readonly problem: (value: string) => string;
}

// Argo CD reads durations with Go's time.ParseDuration; a bare number means seconds in the retry backoff.
const goDuration = /^(\d+|(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+)$/;
const cronField = /^(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?(,(\*|[0-9A-Za-z]+(-[0-9A-Za-z]+)?)(\/\d+)?)*$/;
const ianaTimeZone = /^(UTC|[A-Z][A-Za-z_+-]*(\/[A-Za-z0-9_+-]+)+)$/;
// git check-ref-format's rules that matter here: no leading or doubled '/', no '..', no '.lock' end, no '@{'.
const gitRef = /^(?!\/|.*\/\/|.*\.\.|.*\/$|.*\.lock$|.*@\{)[A-Za-z0-9._/-]+$/;
const httpsUrl = /^https:\/\/[^\s/]+(\/\S*)?$/;
const sshUrl = /^(ssh:\/\/\S+|[\w.-]+@[\w.-]+:\S+)$/;

const imageRepository = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;
const imageTag = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** The formats of every spec: DNS names (Kubernetes' DNS-1123 rules), quantities, image parts, CIDRs. */
export const specFormats: Readonly<Record<string, SpecFormat>> = {
  'dns-label': { validate: isDnsLabel, problem: (v) => dnsProblem(v, 63) },
  'dns-subdomain': { validate: isDnsSubdomain, problem: (v) => dnsProblem(v, 253) },
  'secret-name': { validate: isDnsSubdomain, problem: (v) => `${quote(v)} is not a valid Secret name (lower case letters, digits, '-' and '.')` },
  'secret-key': {
    validate: (v) => /^[-._a-zA-Z0-9]+$/.test(v),
    problem: (v) => `${quote(v)} is not a valid file name and Secret key (letters, digits, '-', '_' and '.')`,
  },
  'cpu-quantity': {
    validate: (v) => (cpuMillis(v) ?? 0) > 0,
    problem: (v) => `must be a positive CPU quantity such as "500m" or "2" (got ${quote(v)})`,
  },
  'memory-quantity': {
    validate: (v) => (memoryBytes(v) ?? 0) > 0,
    problem: (v) => `must be a positive memory quantity such as "512Mi" or "2Gi" (got ${quote(v)})`,
  },
  'image-repository': {
    validate: (v) => imageRepository.test(v),
    problem: (v) => `${quote(v)} is not a valid image repository (lower case path such as "wso2/wso2am")`,
  },
  'image-tag': { validate: (v) => imageTag.test(v), problem: (v) => `${quote(v)} is not a valid image tag` },
  'go-duration': { validate: (v) => goDuration.test(v), problem: (v) => `${quote(v)} is not a duration such as "30s", "2m" or "1h"` },
  'cron-schedule': {
    validate: (v) => {
      const fields = v.trim().split(/\s+/);
      return fields.length === 5 && fields.every((f) => cronField.test(f));
    },
    problem: (v) => `${quote(v)} is not a cron schedule of five fields (minute hour day-of-month month day-of-week), e.g. "0 22 * * 5"`,
  },
  'iana-time-zone': { validate: (v) => ianaTimeZone.test(v), problem: (v) => `${quote(v)} is not an IANA time zone such as "UTC" or "Europe/Berlin"` },
  'git-ref': { validate: (v) => gitRef.test(v), problem: (v) => `${quote(v)} is not a branch or tag name such as "release/prod"` },
  'git-url': {
    validate: (v) => httpsUrl.test(v) || sshUrl.test(v),
    problem: (v) => `${quote(v)} is not a Git URL Argo CD can clone (use "https://host/path.git" or "git@host:path.git")`,
  },
  'cluster-url': {
    validate: (v) => httpsUrl.test(v),
    problem: (v) => `${quote(v)} is not a cluster API server URL (expected "https://host[:port]", e.g. "https://kubernetes.default.svc")`,
  },
  'api-group': {
    validate: (v) => v === '' || isDnsSubdomain(v),
    problem: (v) => (v.includes('*') ? `${quote(v)} is a wildcard; name the group` : `${quote(v)} is not an API group such as "apps" or "networking.k8s.io"`),
  },
  'kind-name': { validate: (v) => /^[A-Z][A-Za-z0-9]*$/.test(v), problem: (v) => `${quote(v)} is not a kind such as "Deployment" (no wildcards)` },
  cidr: { validate: isCidr, problem: (v) => `${quote(v)} is not a CIDR block such as "10.0.0.0/8"` },
};
