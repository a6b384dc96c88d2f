import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { isIP, isIPv4, type LookupFunction } from 'node:net';

/** An outbound target refused by the SSRF guard: the host, the address refused (if any) and why. */
export class SsrfBlockedError extends Error {
  constructor(
    readonly host: string,
    readonly address: string | undefined,
    readonly reason: string,
  ) {
    super(address === undefined || address === host ? `Refused ${host}: ${reason}` : `Refused ${host} (${address}): ${reason}`);
    this.name = 'SsrfBlockedError';
  }
}

/** Settings of the guard: CIDRs (`10.0.0.0/8`, `::1/128`) or exact host names that may be reached anyway. */
export interface SsrfGuardOptions {
  allowlist: readonly string[];
}

/** Checks outbound webhook targets: the URL up front, and every resolved address at connect time. */
export interface SsrfGuard {
  /** Throws TypeError for an unparsable URL, SsrfBlockedError for a bad scheme, credentials or a refused IP literal. */
  checkUrl(url: string): void;
  /** A `lookup` for http.request / net.connect that refuses the host if any of its addresses is refused. */
  lookup: LookupFunction;
  /** Whether `ip` may be reached when connecting to `host` (the name in the URL). */
  isAllowedAddress(ip: string, host: string): boolean;
}

interface Cidr {
  bytes: Uint8Array;
  prefix: number;
}

interface LabelledRange {
  cidr: Cidr;
  label: string;
}

const range = (cidr: string, label: string): LabelledRange => ({ cidr: parseCidr(cidr), label });

// Ordered: the first match names the reason, so broadcast precedes reserved.
const IPV4_REFUSED: readonly LabelledRange[] = [
  range('0.0.0.0/8', 'unspecified ("this network", 0.0.0.0/8)'),
  range('10.0.0.0/8', 'private (10.0.0.0/8)'),
  range('100.64.0.0/10', 'carrier-grade NAT (100.64.0.0/10)'),
  range('127.0.0.0/8', 'loopback (127.0.0.0/8)'),
  range('169.254.0.0/16', 'link-local, incl. cloud metadata (169.254.0.0/16)'),
  range('172.16.0.0/12', 'private (172.16.0.0/12)'),
  range('192.0.0.0/24', 'IETF protocol assignments (192.0.0.0/24)'),
  range('192.0.2.0/24', 'documentation (192.0.2.0/24)'),
  range('192.88.99.0/24', '6to4 relay anycast (192.88.99.0/24)'),
  range('192.168.0.0/16', 'private (192.168.0.0/16)'),
  range('198.18.0.0/15', 'benchmarking (198.18.0.0/15)'),
  range('198.51.100.0/24', 'documentation (198.51.100.0/24)'),
  range('203.0.113.0/24', 'documentation (203.0.113.0/24)'),
  range('224.0.0.0/4', 'multicast (224.0.0.0/4)'),
  range('255.255.255.255/32', 'broadcast (255.255.255.255)'),
  range('240.0.0.0/4', 'reserved (240.0.0.0/4)'),
];

const IPV6_REFUSED: readonly LabelledRange[] = [
  range('::/128', 'unspecified (::)'),
  range('::1/128', 'loopback (::1)'),
  range('::/96', 'IPv4-compatible, deprecated (::/96)'),
  range('64:ff9b:1::/48', 'local-use NAT64 (64:ff9b:1::/48)'),
  range('100::/64', 'discard-only (100::/64)'),
  range('2001::/32', 'Teredo tunnel (2001::/32)'),
  range('2001::/23', 'IETF protocol assignments (2001::/23)'),
  range('2001:db8::/32', 'documentation (2001:db8::/32)'),
  range('3fff::/20', 'documentation (3fff::/20)'),
  range('5f00::/16', 'SRv6 segment identifiers (5f00::/16)'),
  range('fc00::/7', 'unique local, private (fc00::/7)'),
  range('fe80::/10', 'link-local (fe80::/10)'),
  range('fec0::/10', 'site-local, deprecated (fec0::/10)'),
  range('ff00::/8', 'multicast (ff00::/8)'),
];

// Only 2000::/3 is allocated for global unicast; anything else is reserved or special-purpose.
const IPV6_GLOBAL_UNICAST = parseCidr('2000::/3');

// IPv6 forms that carry an IPv4 address a translator or tunnel will connect to: judged by that address.
const IPV4_MAPPED = parseCidr('::ffff:0:0/96');
const NAT64 = parseCidr('64:ff9b::/96');
const SIX_TO_FOUR = parseCidr('2002::/16');

/** Why `ip` is refused as an outbound target, or undefined when it is a public unicast address. */
export function addressBlockReason(ip: string): string | undefined {
  const bytes = parseIp(ip);
  if (bytes === undefined) return `not an IP address`;
  return bytesBlockReason(bytes);
}

function bytesBlockReason(bytes: Uint8Array): string | undefined {
  if (bytes.length === 4) return IPV4_REFUSED.find((entry) => contains(entry.cidr, bytes))?.label;
  if (contains(IPV4_MAPPED, bytes)) return embeddedReason('IPv4-mapped', bytes.subarray(12, 16));
  if (contains(NAT64, bytes)) return embeddedReason('NAT64', bytes.subarray(12, 16));
  if (contains(SIX_TO_FOUR, bytes)) {
    const reason = embeddedReason('6to4', bytes.subarray(2, 6));
    if (reason !== undefined) return reason;
  }
  const refused = IPV6_REFUSED.find((entry) => contains(entry.cidr, bytes));
  if (refused !== undefined) return refused.label;
  return contains(IPV6_GLOBAL_UNICAST, bytes) ? undefined : 'not global unicast (outside 2000::/3)';
}

function embeddedReason(kind: string, ipv4: Uint8Array): string | undefined {
  const reason = bytesBlockReason(ipv4);
  return reason === undefined ? undefined : `${kind} ${Array.from(ipv4).join('.')}: ${reason}`;
}

/** The guard for outbound webhook targets; throws TypeError for a malformed allowlist entry. */
export function createSsrfGuard({ allowlist }: SsrfGuardOptions): SsrfGuard {
  const allowedCidrs: Cidr[] = [];
  const allowedHosts = new Set<string>();
  for (const entry of allowlist) {
    const trimmed = entry.trim();
    if (trimmed.includes('/')) allowedCidrs.push(parseCidr(trimmed));
    else if (isIP(trimmed) !== 0) allowedCidrs.push(parseCidr(`${trimmed}/${isIPv4(trimmed) ? 32 : 128}`));
    else if (/^[a-z0-9.-]+$/i.test(trimmed) && trimmed.length > 0) allowedHosts.add(normalizeHost(trimmed));
    else throw new TypeError(`SSRF allowlist entry is neither a CIDR nor a host name: ${JSON.stringify(entry)}`);
  }

  const refusal = (ip: string, host: string): string | undefined => {
    if (allowedHosts.has(normalizeHost(host))) return undefined;
    const bytes = parseIp(ip);
    if (bytes === undefined) return 'not an IP address';
    const canonical = contains(IPV4_MAPPED, bytes) ? bytes.subarray(12, 16) : bytes;
    if (allowedCidrs.some((cidr) => contains(cidr, canonical) || contains(cidr, bytes))) return undefined;
    return bytesBlockReason(bytes);
  };

  const isAllowedAddress = (ip: string, host: string): boolean => refusal(ip, host) === undefined;

  const checkUrl = (url: string): void => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch (error) {
      // The URL itself is left out: a webhook URL may carry a token in its path or query.
      throw new TypeError('Webhook target is not a valid absolute URL', { cause: error });
    }
    const host = normalizeHost(parsed.hostname);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new SsrfBlockedError(host, undefined, `scheme ${parsed.protocol} is not allowed, only http: and https:`);
    }
    if (parsed.username !== '' || parsed.password !== '') {
      throw new SsrfBlockedError(host, undefined, 'credentials in the URL are not allowed');
    }
    if (host === '') throw new SsrfBlockedError(host, undefined, 'the URL has no host');
    // Node connects to an IP literal without calling `lookup`, so it is judged here.
    if (isIP(host) !== 0) {
      const reason = refusal(host, host);
      if (reason !== undefined) throw new SsrfBlockedError(host, host, reason);
    }
  };

  const lookup: LookupFunction = (hostname, options, callback) => {
    const host = normalizeHost(hostname);
    const lookupOptions: LookupAllOptions = { ...options, all: true };
    // Every address is judged, not just the one connected to: with autoSelectFamily net tries several,
    // and judging here, at connect time, leaves no window for a DNS-rebinding answer.
    dnsLookup(hostname, lookupOptions, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, options.all ? [] : '');
      if (addresses.length === 0) {
        return callback(Object.assign(new Error(`No addresses for ${hostname}`), { code: 'ENOTFOUND' }), options.all ? [] : '');
      }
      for (const { address } of addresses) {
        const reason = refusal(address, host);
        if (reason !== undefined) return callback(new SsrfBlockedError(host, address, reason), options.all ? [] : '');
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses as [LookupAddress, ...LookupAddress[]];
      return callback(null, first.address, first.family);
    });
  };

  return { checkUrl, lookup, isAllowedAddress };
}

function normalizeHost(host: string): string {
  const lower = host.toLowerCase();
  const unbracketed = lower.startsWith('[') && lower.endsWith(']') ? lower.slice(1, -1) : lower;
  return unbracketed.endsWith('.') ? unbracketed.slice(0, -1) : unbracketed;
}

function contains(cidr: Cidr, bytes: Uint8Array): boolean {
  if (cidr.bytes.length !== bytes.length) return false;
  const fullBytes = Math.floor(cidr.prefix / 8);
  for (let index = 0; index < fullBytes; index++) if (cidr.bytes[index] !== bytes[index]) return false;
  const remainder = cidr.prefix % 8;
  if (remainder === 0) return true;
  const mask = (0xff << (8 - remainder)) & 0xff;
  return ((cidr.bytes[fullBytes] ?? 0) & mask) === ((bytes[fullBytes] ?? 0) & mask);
}

function parseCidr(text: string): Cidr {
  const [address = '', prefixText, ...rest] = text.split('/');
  const bytes = parseIp(address);
  const prefix = Number(prefixText);
  if (bytes === undefined || rest.length > 0 || !/^\d{1,3}$/.test(prefixText ?? '') || prefix > bytes.length * 8) {
    throw new TypeError(`Not a CIDR: ${JSON.stringify(text)}`);
  }
  return { bytes, prefix };
}

/** The 4 or 16 bytes of an IPv4 or IPv6 address (an IPv6 zone id is ignored), or undefined. */
function parseIp(text: string): Uint8Array | undefined {
  const address = normalizeHost(text).replace(/%.*$/, '');
  switch (isIP(address)) {
    case 4:
      return Uint8Array.from(address.split('.').map(Number));
    case 6:
      return parseIpv6(address);
    default:
      return undefined;
  }
}

function parseIpv6(address: string): Uint8Array {
  let text = address;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const groups = (part: string): number[] => (part === '' ? [] : part.split(':').map((group) => parseInt(group, 16)));
  const headGroups = groups(head);
  const tailGroups = tail === undefined ? [] : groups(tail);
  const zeros = new Array<number>(8 - headGroups.length - tailGroups.length).fill(0);
  const bytes = new Uint8Array(16);
  [...headGroups, ...zeros, ...tailGroups].forEach((group, index) => {
    bytes[index * 2] = group >> 8;
    bytes[index * 2 + 1] = group & 0xff;
  });
  return bytes;
}
