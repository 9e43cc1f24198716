import ipaddr from 'ipaddr.js';

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
      if (trimmed.includes('/')) return ipaddr.parseCIDR(trimmed);
      const addr = ipaddr.parse(trimmed);
      return [addr, addr.kind() === 'ipv4' ? 32 : 128];
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
    return addr.range() === 'unicast';
  }
}
