import { type IssueList, quote } from './spec-error';

// The rules follow Kubernetes' apimachinery validation (IsDNS1123Label / IsDNS1123Subdomain).
const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** True for a DNS-1123 label: lower case alphanumerics and '-', at most 63 characters. */
export function isDnsLabel(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && dnsLabel.test(value);
}

/** True for a DNS-1123 subdomain (host names, Service FQDNs): at most 253 characters. */
export function isDnsSubdomain(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && dnsSubdomain.test(value);
}

/** Explains why a value is not a DNS-1123 name, for error messages. */
export function dnsProblem(value: string, maxLength: number): string {
  if (value.length === 0) return 'must not be empty';
  if (value.length > maxLength) return `${quote(value)} is longer than ${maxLength} characters`;
  if (/\s/.test(value)) return `${quote(value)} is not a valid DNS name (no spaces allowed)`;
  if (/[A-Z]/.test(value)) return `${quote(value)} is not a valid DNS name (use lower case: ${quote(value.toLowerCase())})`;
  if (value.includes('_')) return `${quote(value)} is not a valid DNS name (use '-' instead of '_')`;
  return `${quote(value)} is not a valid DNS name (lower case letters, digits, '-' and '.', starting and ending with a letter or digit)`;
}

/** Field checks that record an issue and return whether the value passed. */
export class FieldChecks {
  constructor(readonly issues: IssueList) {}

  string(path: string, value: unknown, opts: { optional?: boolean } = {}): value is string {
    if (value === undefined && opts.optional) return false;
    if (typeof value !== 'string') {
      this.issues.add(path, value === undefined ? 'is required (a string)' : `must be a string (got ${quote(value)})`);
      return false;
    }
    if (value.trim() === '') {
      this.issues.add(path, 'must not be empty');
      return false;
    }
    return true;
  }

  boolean(path: string, value: unknown): value is boolean {
    if (value === undefined) return false;
    if (typeof value !== 'boolean') {
      this.issues.add(path, `must be true or false (got ${quote(value)})`);
      return false;
    }
    return true;
  }

  integer(path: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): value is number {
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      this.issues.add(path, `must be a whole number (got ${quote(value)})`);
      return false;
    }
    if (value < min) {
      this.issues.add(path, `must be at least ${min} (got ${value})`);
      return false;
    }
    if (value > max) {
      this.issues.add(path, `must be at most ${max} (got ${value})`);
      return false;
    }
    return true;
  }

  port(path: string, value: unknown): value is number {
    return this.integer(path, value, 1, 65535);
  }

  dnsLabel(path: string, value: unknown): value is string {
    if (!this.string(path, value)) return false;
    if (!isDnsLabel(value)) {
      this.issues.add(path, dnsProblem(value, 63));
      return false;
    }
    return true;
  }

  host(path: string, value: unknown): value is string {
    if (!this.string(path, value)) return false;
    if (!isDnsSubdomain(value)) {
      this.issues.add(path, dnsProblem(value, 253));
      return false;
    }
    return true;
  }

  /** A DNS-1123 subdomain such as an IngressClass or StorageClass name. */
  dnsSubdomain(path: string, value: unknown): value is string {
    return this.host(path, value);
  }

  oneOf<T extends string>(path: string, value: unknown, allowed: readonly T[]): value is T {
    if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
      this.issues.add(path, `must be one of ${allowed.map((a) => quote(a)).join(', ')} (got ${quote(value)})`);
      return false;
    }
    return true;
  }

  object(path: string, value: unknown, opts: { optional?: boolean } = {}): value is Record<string, unknown> {
    if (value === undefined && opts.optional) return false;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      this.issues.add(path, value === undefined ? 'is required' : `must be an object (got ${quote(value)})`);
      return false;
    }
    return true;
  }
}
