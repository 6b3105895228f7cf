import { isCidr } from '../axway/cidr';
import { dnsProblem, isDnsLabel, isDnsSubdomain } from '../field-checks';
import { cpuMillis, memoryBytes } from '../quantity';
import { quote } from '../spec-error';

/**
 * A named string format a spec field declares with `@format <name>`: the rule, and the message a
 * value that breaks it gets. One table, so a rule and its wording live in one place.
 */
export interface SpecFormat {
  readonly test: (value: string) => boolean;
  readonly problem: (value: string) => string;
}

const imageRepository = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;
const imageTag = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** The formats of every spec: DNS names (Kubernetes' DNS-1123 rules), quantities, image parts, CIDRs. */
export const specFormats: Readonly<Record<string, SpecFormat>> = {
  'dns-label': { test: isDnsLabel, problem: (v) => dnsProblem(v, 63) },
  'dns-subdomain': { test: isDnsSubdomain, problem: (v) => dnsProblem(v, 253) },
  'secret-name': { test: isDnsSubdomain, problem: (v) => `${quote(v)} is not a valid Secret name (lower case letters, digits, '-' and '.')` },
  'secret-key': {
    test: (v) => /^[-._a-zA-Z0-9]+$/.test(v),
    problem: (v) => `${quote(v)} is not a valid file name and Secret key (letters, digits, '-', '_' and '.')`,
  },
  'cpu-quantity': {
    test: (v) => (cpuMillis(v) ?? 0) > 0,
    problem: (v) => `must be a positive CPU quantity such as "500m" or "2" (got ${quote(v)})`,
  },
  'memory-quantity': {
    test: (v) => (memoryBytes(v) ?? 0) > 0,
    problem: (v) => `must be a positive memory quantity such as "512Mi" or "2Gi" (got ${quote(v)})`,
  },
  'image-repository': {
    test: (v) => imageRepository.test(v),
    problem: (v) => `${quote(v)} is not a valid image repository (lower case path such as "wso2/wso2am")`,
  },
  'image-tag': { test: (v) => imageTag.test(v), problem: (v) => `${quote(v)} is not a valid image tag` },
  cidr: { test: isCidr, problem: (v) => `${quote(v)} is not a CIDR block such as "10.0.0.0/8"` },
};
