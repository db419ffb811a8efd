/**
 * Which IP addresses an image may be downloaded from. A task result or a redirect is written by a
 * server, so it must never make us connect to this machine's or the user's network (cloud
 * metadata at 169.254.169.254, a router at 192.168.1.1, a service on localhost).
 */

/** The ranges refused, each with the words a message names it by. */
export type AddressRange =
  | 'loopback'
  | 'private'
  | 'linkLocal'
  | 'sharedCgnat'
  | 'uniqueLocal'
  | 'siteLocal'
  | 'multicast'
  | 'thisNetwork'
  | 'unspecified'
  | 'reserved';

export interface AddressClass {
  range: AddressRange;
  /** The CIDR block the address falls in, e.g. "10.0.0.0/8". */
  block: string;
}

export interface DestinationPolicy {
  /** Loopback is allowed only when the API itself is on this machine (the mock, a local proxy). */
  allowLoopback: boolean;
}

/** Four octets, or undefined when the text is not a dotted-decimal IPv4 address. */
export function parseIpv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part))) {
    return undefined;
  }
  const octets = parts.map(Number);
  return octets.every((octet) => octet <= 255) ? octets : undefined;
}

/** Eight 16-bit groups, or undefined when the text is not an IPv6 address (brackets and zone allowed). */
export function parseIpv6(text: string): number[] | undefined {
  let host = text.replace(/^\[(.*)\]$/, '$1');
  const zone = host.indexOf('%');
  if (zone >= 0) {
    host = host.slice(0, zone);
  }
  if (!host.includes(':') || !/^[0-9a-fA-F:.]+$/.test(host)) {
    return undefined;
  }
  const lastColon = host.lastIndexOf(':');
  if (host.slice(lastColon + 1).includes('.')) {
    // A dotted IPv4 tail ("::ffff:10.0.0.8") stands for the last two groups.
    const v4 = parseIpv4(host.slice(lastColon + 1));
    if (!v4) {
      return undefined;
    }
    host = `${host.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = host.split('::');
  if (halves.length > 2) {
    return undefined;
  }
  const groupsOf = (part: string): number[] | undefined => {
    if (part === '') {
      return [];
    }
    const groups = part.split(':');
    return groups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group)) ? groups.map((group) => parseInt(group, 16)) : undefined;
  };
  const head = groupsOf(halves[0]);
  const rest = halves.length === 2 ? groupsOf(halves[1]) : [];
  if (!head || !rest) {
    return undefined;
  }
  const given = head.length + rest.length;
  if (halves.length === 1) {
    return given === 8 ? head : undefined;
  }
  if (given > 7) {
    return undefined;
  }
  return [...head, ...new Array<number>(8 - given).fill(0), ...rest];
}

function classifyIpv4([a, b]: number[]): AddressClass | undefined {
  if (a === 0) {
    return { range: 'thisNetwork', block: '0.0.0.0/8' };
  }
  if (a === 10) {
    return { range: 'private', block: '10.0.0.0/8' };
  }
  if (a === 100 && b >= 64 && b <= 127) {
    return { range: 'sharedCgnat', block: '100.64.0.0/10' };
  }
  if (a === 127) {
    return { range: 'loopback', block: '127.0.0.0/8' };
  }
  if (a === 169 && b === 254) {
    return { range: 'linkLocal', block: '169.254.0.0/16' };
  }
  if (a === 172 && b >= 16 && b <= 31) {
    return { range: 'private', block: '172.16.0.0/12' };
  }
  if (a === 192 && b === 168) {
    return { range: 'private', block: '192.168.0.0/16' };
  }
  if (a >= 224 && a <= 239) {
    return { range: 'multicast', block: '224.0.0.0/4' };
  }
  if (a >= 240) {
    return { range: 'reserved', block: '240.0.0.0/4' };
  }
  return undefined;
}

/** The IPv4 address an IPv6 address carries inside, for the forms that reach it. */
function embeddedIpv4(groups: number[]): number[] | undefined {
  const v4 = [groups[6] >> 8, groups[6] & 255, groups[7] >> 8, groups[7] & 255];
  const zero = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0);
  // ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (translated), ::a.b.c.d (compatible, deprecated).
  if (zero(0, 5) && groups[5] === 0xffff) {
    return v4;
  }
  if (zero(0, 4) && groups[4] === 0xffff && groups[5] === 0) {
    return v4;
  }
  if (zero(0, 6)) {
    return v4;
  }
  // 64:ff9b::a.b.c.d (NAT64) reaches the IPv4 address through the network's translator.
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zero(2, 6)) {
    return v4;
  }
  // 2002:AABB:CCDD::/48 (6to4) carries the IPv4 address in its second and third groups.
  if (groups[0] === 0x2002) {
    return [groups[1] >> 8, groups[1] & 255, groups[2] >> 8, groups[2] & 255];
  }
  return undefined;
}

function classifyIpv6(groups: number[]): AddressClass | undefined {
  if (groups.every((group) => group === 0)) {
    return { range: 'unspecified', block: '::/128' };
  }
  if (groups.slice(0, 7).every((group) => group === 0) && groups[7] === 1) {
    return { range: 'loopback', block: '::1/128' };
  }
  const inner = embeddedIpv4(groups);
  if (inner) {
    return classifyIpv4(inner);
  }
  if ((groups[0] & 0xffc0) === 0xfe80) {
    return { range: 'linkLocal', block: 'fe80::/10' };
  }
  if ((groups[0] & 0xffc0) === 0xfec0) {
    return { range: 'siteLocal', block: 'fec0::/10' };
  }
  if ((groups[0] & 0xfe00) === 0xfc00) {
    return { range: 'uniqueLocal', block: 'fc00::/7' };
  }
  if ((groups[0] & 0xff00) === 0xff00) {
    return { range: 'multicast', block: 'ff00::/8' };
  }
  return undefined;
}

/** The refused range an IP address falls in; undefined for a public address or a text that is no IP. */
export function classifyAddress(address: string): AddressClass | undefined {
  const v4 = parseIpv4(address);
  if (v4) {
    return classifyIpv4(v4);
  }
  const v6 = parseIpv6(address);
  return v6 ? classifyIpv6(v6) : undefined;
}

/** The range that refuses this address under the policy, or undefined when it may be connected to. */
export function refusedRange(address: string, policy: DestinationPolicy): AddressClass | undefined {
  const found = classifyAddress(address);
  if (found?.range === 'loopback' && policy.allowLoopback) {
    return undefined;
  }
  return found;
}
