import { describe, expect, it } from 'vitest';

import { AddressPolicy } from './address-policy.js';

const policy = new AddressPolicy();

describe('AddressPolicy without an allow-list', () => {
  it.each([
    ['10.0.0.1', '10/8 private'],
    ['10.255.255.254', '10/8 private (top)'],
    ['172.16.0.1', '172.16/12 private'],
    ['172.31.255.254', '172.16/12 private (top)'],
    ['192.168.1.1', '192.168/16 private'],
    ['127.0.0.1', '127/8 loopback'],
    ['127.255.255.254', '127/8 loopback (top)'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', '0/8 "this network"'],
    ['169.254.169.254', 'cloud metadata (link-local)'],
    ['169.254.0.1', '169.254/16 link-local'],
    ['100.64.0.1', '100.64/10 CGNAT'],
    ['100.127.255.254', '100.64/10 CGNAT (top)'],
    ['224.0.0.1', '224/4 multicast'],
    ['239.255.255.250', '224/4 multicast (SSDP)'],
    ['255.255.255.255', 'limited broadcast'],
    ['192.0.0.1', '192.0.0/24 IETF protocol assignments'],
    ['192.0.2.1', '192.0.2/24 documentation (TEST-NET-1)'],
    ['198.51.100.7', '198.51.100/24 documentation (TEST-NET-2)'],
    ['203.0.113.9', '203.0.113/24 documentation (TEST-NET-3)'],
    ['198.18.0.1', '198.18/15 benchmarking'],
    ['198.19.255.254', '198.18/15 benchmarking (top)'],
    ['240.0.0.1', '240/4 reserved'],
    ['::1', 'IPv6 loopback'],
    ['::', 'IPv6 unspecified'],
    ['fe80::1', 'fe80::/10 link-local'],
    ['fe80::1%eth0', 'link-local with a zone'],
    ['fc00::1', 'fc00::/7 ULA'],
    ['fd12:3456:789a::1', 'fd00::/8 ULA'],
    ['ff02::1', 'ff00::/8 multicast'],
    ['64:ff9b::a00:1', '64:ff9b::/96 NAT64 (rfc6052), embedding 10.0.0.1'],
    ['64:ff9b::808:808', '64:ff9b::/96 NAT64 even embedding a public address'],
    ['64:ff9b:1::1', '64:ff9b:1::/48 local-use NAT64'],
    ['2002:7f00:1::1', '2002::/16 6to4 (embedding 127.0.0.1)'],
    ['2002:808:808::1', '2002::/16 6to4'],
    ['2001::1', '2001::/32 Teredo'],
    ['2001:db8::1', '2001:db8::/32 documentation'],
    ['100::1', '100::/64 discard'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:10.0.0.1', 'IPv4-mapped private'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback in hex'],
    ['::7f00:1', 'IPv4-compatible ::127.0.0.1 (deprecated)'],
    ['::808:808', 'IPv4-compatible ::8.8.8.8 (deprecated)'],
    ['fec0::1', 'deprecated site-local'],
    ['5f00::1', 'segment routing'],
    ['4000::1', 'outside 2000::/3 (unassigned)'],
  ])('blocks %s (%s)', (address) => {
    expect(policy.allows(address)).toBe(false);
  });

  it.each([
    ['8.8.8.8'],
    ['1.1.1.1'],
    ['93.184.215.14'],
    ['2606:4700:4700::1111'],
    ['2a00:1450:4001:80b::200e'],
    ['::ffff:8.8.8.8'],
  ])('allows public unicast %s', (address) => {
    expect(policy.allows(address)).toBe(true);
  });

  it.each([['localhost'], ['example.com'], [''], ['1.2.3.4.5'], ['::ffff::1'], ['http://8.8.8.8']])(
    'refuses %j, which is not an IP literal',
    (address) => {
      expect(policy.allows(address)).toBe(false);
    },
  );
});

describe('AddressPolicy with an allow-list', () => {
  it("'127.0.0.1/32' re-opens loopback only", () => {
    const loopback = new AddressPolicy(['127.0.0.1/32']);
    expect(loopback.allows('127.0.0.1')).toBe(true);
    expect(loopback.allows('::ffff:127.0.0.1')).toBe(true);
    expect(loopback.allows('127.0.0.2')).toBe(false);
    expect(loopback.allows('::1')).toBe(false);
    expect(loopback.allows('10.0.0.1')).toBe(false);
    expect(loopback.allows('169.254.169.254')).toBe(false);
    expect(loopback.allows('8.8.8.8')).toBe(true);
  });

  it('accepts exact addresses, CIDRs of both families and IPv4-mapped entries', () => {
    const lan = new AddressPolicy([' 10.1.0.0/16 ', '::1', 'fd00::/8', '::ffff:192.168.1.0/120']);
    expect(lan.allows('10.1.2.3')).toBe(true);
    expect(lan.allows('10.2.0.1')).toBe(false);
    expect(lan.allows('::1')).toBe(true);
    expect(lan.allows('fd12::1')).toBe(true);
    expect(lan.allows('fc00::1')).toBe(false);
    expect(lan.allows('192.168.1.20')).toBe(true);
    expect(lan.allows('192.168.2.20')).toBe(false);
  });

  it('throws on an entry that is not an address or CIDR', () => {
    expect(() => new AddressPolicy(['localhost'])).toThrow();
    expect(() => new AddressPolicy(['10.0.0.0/33'])).toThrow();
  });
});
