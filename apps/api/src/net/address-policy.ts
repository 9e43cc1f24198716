import ipaddr from 'ipaddr.js';

const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

const exact = (addr: ipaddr.IPv4 | ipaddr.IPv6): [ipaddr.IPv4 | ipaddr.IPv6, number] => [
  addr,
  addr.kind() === 'ipv4' ? 32 : 128,
];

/**
 * Which destination addresses outbound calls may reach (DESIGN §5, SSRF guard). Everything that is
 * not plain public unicast is refused: private, loopback, link-local (incl. 169.254.169.254 cloud
 * metadata), CGNAT, multicast, broadcast, reserved, documentation, NAT64, 6to4/Teredo, ULA and
 * IPv4-mapped IPv6 (checked as the IPv4 it carries). `allow` entries (CIDRs or exact addresses)
 * re-open ranges on purpose: tests allow-list loopback, self-hosted networks their LAN.
 */
export class AddressPolicy {
  private readonly allowed: [ipaddr.IPv4 | ipaddr.IPv6, number][];

  constructor(allow: readonly string[] = []) {
    this.allowed = allow.map((entry) => {
      const trimmed = entry.trim();
      const [addr, bits] = trimmed.includes('/') ? ipaddr.parseCIDR(trimmed) : exact(ipaddr.parse(trimmed));
      // Addresses are checked as the IPv4 they map, so a mapped entry must be too.
      if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress() && bits >= 96) {
        return [(addr as ipaddr.IPv6).toIPv4Address(), bits - 96];
      }
      return [addr, bits];
    });
  }

  /** True when `address` (an IP literal) may be connected to. */
  allows(address: string): boolean {
    if (!ipaddr.isValid(address)) return false;
    let addr = ipaddr.parse(address);
    if (addr.kind() === 'ipv6' && (addr as ipaddr.IPv6).isIPv4MappedAddress()) {
      addr = (addr as ipaddr.IPv6).toIPv4Address();
    }
    if (this.allowed.some(([net, bits]) => net.kind() === addr.kind() && addr.match(net, bits))) return true;
    if (addr.range() !== 'unicast') return false;
    // ipaddr.js calls every IPv6 address it has no name for 'unicast', including IPv4-compatible
    // ::a.b.c.d and unassigned space; only 2000::/3 is global unicast (IANA).
    return addr.kind() === 'ipv4' || addr.match(GLOBAL_UNICAST_V6);
  }
}
