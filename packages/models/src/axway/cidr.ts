// IPv4 dotted quads without leading zeros, which some parsers read as octal.
const octet = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const ipv4Cidr = new RegExp(`^${octet}(\\.${octet}){3}/(3[0-2]|[12]?\\d)$`);

const ipv4Address = new RegExp(`^${octet}(\\.${octet}){3}$`);

/** True for an IPv4 address such as `192.0.2.10` (no leading zeros). */
export function isIpv4Address(value: string): boolean {
  return ipv4Address.test(value);
}

/** True for an IPv6 address such as `2001:db8::10` (no zone, no embedded IPv4). */
export function isIpv6Address(value: string): boolean {
  if (!/^[0-9a-fA-F:]+$/.test(value) || value.includes(':::')) return false;
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')));
  if (groups.some((g) => g.length < 1 || g.length > 4)) return false;
  return halves.length === 2 ? groups.length < 8 : groups.length === 8;
}

/** True for an IPv4 (`10.0.0.0/8`) or IPv6 (`fd00::/8`) CIDR block with a prefix length. */
export function isCidr(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  if (ipv4Cidr.test(value)) return true;
  const [address, prefix, extra] = value.split('/');
  if (extra !== undefined || prefix === undefined || !/^(12[0-8]|1[01]\d|[1-9]?\d)$/.test(prefix)) return false;
  return isIpv6Address(address ?? '');
}
