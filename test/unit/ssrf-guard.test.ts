import type { LookupAddress } from 'node:dns';
import { addressBlockReason, createSsrfGuard, SsrfBlockedError, type SsrfGuard } from '../../src/delivery/ssrf-guard';

/** What the test resolver answers for host names an attacker controls; any other name goes to the real resolver. */
const mockDnsAnswers: Record<string, LookupAddress[]> = {
  'metadata.attacker.test': [{ address: '169.254.169.254', family: 4 }],
  'private.attacker.test': [{ address: '10.0.0.7', family: 4 }],
  'home-router.attacker.test': [{ address: '192.168.1.1', family: 4 }],
  'loopback6.attacker.test': [{ address: '::1', family: 6 }],
  'link-local6.attacker.test': [{ address: 'fe80::1', family: 6 }],
  'ula.attacker.test': [{ address: 'fd00::7', family: 6 }],
  'mapped.attacker.test': [{ address: '::ffff:169.254.169.254', family: 6 }],
  'rebinding.attacker.test': [
    { address: '93.184.215.14', family: 4 },
    { address: '127.0.0.1', family: 4 },
  ],
  'dual-stack.attacker.test': [
    { address: '2606:4700::1111', family: 6 },
    { address: '10.0.0.7', family: 4 },
  ],
  'hooks.public.test': [
    { address: '93.184.215.14', family: 4 },
    { address: '2606:4700::1111', family: 6 },
  ],
};

jest.mock('node:dns', () => {
  const actual = jest.requireActual<typeof import('node:dns')>('node:dns');
  return {
    ...actual,
    lookup: (hostname: string, options: { all?: boolean }, callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void) => {
      const answers = mockDnsAnswers[hostname];
      if (answers === undefined) return actual.lookup(hostname, options as never, callback as never);
      process.nextTick(() => (options.all ? callback(null, answers) : callback(null, answers[0]!.address, answers[0]!.family)));
    },
  };
});

interface LookupOutcome {
  error: NodeJS.ErrnoException | null;
  address: string | LookupAddress[];
  family?: number;
}

function lookupWith(guard: SsrfGuard, hostname: string, all: boolean): Promise<LookupOutcome> {
  return new Promise((resolve) => {
    guard.lookup(hostname, { all }, (error, address, family) => resolve({ error, address, family }));
  });
}

function thrownBy(action: () => void): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  throw new Error('expected the action to throw');
}

describe('createSsrfGuard', () => {
  const guard = createSsrfGuard({ allowlist: [] });

  describe('isAllowedAddress', () => {
    it.each([
      ['127.0.0.1', /loopback/],
      ['127.255.255.254', /loopback/],
      ['::1', /loopback/],
      ['10.1.2.3', /private/],
      ['172.16.0.1', /private/],
      ['172.31.255.255', /private/],
      ['192.168.1.1', /private/],
      ['fc00::1', /unique local/],
      ['fd12:3456::1', /unique local/],
      ['169.254.169.254', /link-local.*metadata/],
      ['169.254.0.1', /link-local/],
      ['fe80::1', /link-local/],
      ['fe80::1%eth0', /link-local/],
      ['0.0.0.0', /unspecified/],
      ['0.1.2.3', /unspecified/],
      ['::', /unspecified/],
      ['100.64.0.1', /carrier-grade NAT/],
      ['100.127.255.255', /carrier-grade NAT/],
      ['224.0.0.1', /multicast/],
      ['239.255.255.250', /multicast/],
      ['ff02::1', /multicast/],
      ['240.0.0.1', /reserved/],
      ['255.255.255.255', /broadcast/],
      ['::ffff:127.0.0.1', /IPv4-mapped 127\.0\.0\.1: loopback/],
      ['::ffff:7f00:1', /IPv4-mapped 127\.0\.0\.1: loopback/],
      ['::ffff:169.254.169.254', /IPv4-mapped 169\.254\.169\.254: link-local/],
      ['::ffff:10.0.0.1', /IPv4-mapped 10\.0\.0\.1: private/],
      ['64:ff9b::169.254.169.254', /NAT64 169\.254\.169\.254: link-local/],
      ['64:ff9b::7f00:1', /NAT64 127\.0\.0\.1: loopback/],
      ['2002:7f00:1::1', /6to4 127\.0\.0\.1: loopback/],
      ['2002:c0a8:101::1', /6to4 192\.168\.1\.1: private/],
      ['2001:0:4136:e378:8000:63bf:3fff:fdd2', /Teredo/],
      ['::127.0.0.1', /IPv4-compatible/],
      ['2001:db8::1', /documentation/],
      ['192.0.2.1', /documentation/],
      ['198.51.100.7', /documentation/],
      ['203.0.113.9', /documentation/],
      ['198.18.0.1', /benchmarking/],
      ['fec0::1', /site-local/],
      ['1000::1', /not global unicast/],
      ['not-an-ip', /not an IP address/],
    ])('refuses %s', (ip, reason) => {
      expect(guard.isAllowedAddress(ip, 'hooks.example.com')).toBe(false);
      expect(addressBlockReason(ip)).toMatch(reason);
    });

    it.each([
      '93.184.215.14',
      '8.8.8.8',
      '1.1.1.1',
      '172.32.0.1',
      '100.128.0.1',
      '2606:4700::1111',
      '2001:4860:4860::8888',
      '::ffff:93.184.215.14',
      '64:ff9b::5db8:d70e',
      '2002:5db8:d70e::1',
    ])('allows the public address %s', (ip) => {
      expect(guard.isAllowedAddress(ip, 'hooks.example.com')).toBe(true);
      expect(addressBlockReason(ip)).toBeUndefined();
    });
  });

  describe('allowlist', () => {
    it('allows an address inside an allowlisted IPv4 CIDR, also IPv4-mapped, and nothing next to it', () => {
      const allowing = createSsrfGuard({ allowlist: ['127.0.0.1/32'] });

      expect(allowing.isAllowedAddress('127.0.0.1', 'a.example')).toBe(true);
      expect(allowing.isAllowedAddress('::ffff:127.0.0.1', 'a.example')).toBe(true);
      expect(allowing.isAllowedAddress('127.0.0.2', 'a.example')).toBe(false);
      expect(allowing.isAllowedAddress('::1', 'a.example')).toBe(false);
    });

    it('allows a private network by CIDR and still refuses other private ranges', () => {
      const allowing = createSsrfGuard({ allowlist: ['10.0.0.0/8', '::1/128'] });

      expect(allowing.isAllowedAddress('10.9.8.7', 'a.example')).toBe(true);
      expect(allowing.isAllowedAddress('::1', 'a.example')).toBe(true);
      expect(allowing.isAllowedAddress('192.168.0.1', 'a.example')).toBe(false);
      expect(allowing.isAllowedAddress('169.254.169.254', 'a.example')).toBe(false);
    });

    it('allows any address of an allowlisted host name, matched case-insensitively, and only for that host', () => {
      const allowing = createSsrfGuard({ allowlist: ['hooks.internal.example'] });

      expect(allowing.isAllowedAddress('10.0.0.5', 'hooks.internal.example')).toBe(true);
      expect(allowing.isAllowedAddress('10.0.0.5', 'HOOKS.Internal.Example.')).toBe(true);
      expect(allowing.isAllowedAddress('10.0.0.5', 'other.internal.example')).toBe(false);
      expect(allowing.isAllowedAddress('10.0.0.5', 'evil.hooks.internal.example')).toBe(false);
    });

    it.each(['10.0.0.0/33', '10.0.0.0/8/8', '::1/129', 'not a host!', '', '300.0.0.0/8'])(
      'rejects the malformed entry %j with a TypeError',
      (entry) => {
        expect(() => createSsrfGuard({ allowlist: [entry] })).toThrow(TypeError);
      },
    );
  });

  describe('checkUrl', () => {
    it.each(['https://hooks.example.com/dpo', 'http://93.184.215.14:8080/hook', 'https://[2606:4700::1111]/hook'])(
      'accepts %s',
      (url) => {
        expect(() => guard.checkUrl(url)).not.toThrow();
      },
    );

    it.each([
      ['http://127.0.0.1/hook', '127.0.0.1', /loopback/],
      ['http://[::1]:8080/hook', '::1', /loopback/],
      ['http://0.0.0.0/', '0.0.0.0', /unspecified/],
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254', /metadata/],
      ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1', /IPv4-mapped 127\.0\.0\.1/],
      ['http://2130706433/', '127.0.0.1', /loopback/],
      ['http://0x7f.1/', '127.0.0.1', /loopback/],
      ['https://10.0.0.1/', '10.0.0.1', /private/],
      ['http://127.1/', '127.0.0.1', /loopback/],
      ['http://172.16.0.1/', '172.16.0.1', /private/],
      ['http://192.168.1.1:8080/', '192.168.1.1', /private/],
      ['http://[fd00::7]/', 'fd00::7', /unique local/],
      ['http://[fe80::1]/', 'fe80::1', /link-local/],
      ['http://[::]/', '::', /unspecified/],
      ['http://169.254.169.254./latest/meta-data/', '169.254.169.254', /metadata/],
      ['http://2852039166/latest/meta-data/', '169.254.169.254', /metadata/],
      ['http://0xa9.0xfe.0xa9.0xfe/', '169.254.169.254', /metadata/],
      ['http://0251.0376.0251.0376/', '169.254.169.254', /metadata/],
      ['http://[::ffff:169.254.169.254]/', '::ffff:a9fe:a9fe', /IPv4-mapped 169\.254\.169\.254: link-local/],
      ['http://[::ffff:a9fe:a9fe]/', '::ffff:a9fe:a9fe', /IPv4-mapped 169\.254\.169\.254: link-local/],
      ['http://[0:0:0:0:0:ffff:7f00:1]/', '::ffff:7f00:1', /IPv4-mapped 127\.0\.0\.1: loopback/],
      ['http://[::ffff:10.0.0.1]/', '::ffff:a00:1', /IPv4-mapped 10\.0\.0\.1: private/],
      ['http://[64:ff9b::a9fe:a9fe]/', '64:ff9b::a9fe:a9fe', /NAT64 169\.254\.169\.254/],
    ])('refuses the IP-literal URL %s', (url, address, reason) => {
      const error = thrownBy(() => guard.checkUrl(url));

      expect(error).toBeInstanceOf(SsrfBlockedError);
      expect(error).toMatchObject({ name: 'SsrfBlockedError', host: address, address });
      expect((error as SsrfBlockedError).reason).toMatch(reason);
    });

    it.each(['https://user:secret@hooks.example.com/', 'https://user@hooks.example.com/'])('refuses %s, which carries credentials', (url) => {
      const error = thrownBy(() => guard.checkUrl(url));

      expect(error).toBeInstanceOf(SsrfBlockedError);
      expect((error as SsrfBlockedError).reason).toMatch(/credentials/);
    });

    it.each(['file:///etc/passwd', 'ftp://hooks.example.com/', 'gopher://hooks.example.com/', 'data:text/plain,hi'])(
      'refuses the non-HTTP scheme of %s',
      (url) => {
        const error = thrownBy(() => guard.checkUrl(url));

        expect(error).toBeInstanceOf(SsrfBlockedError);
        expect((error as SsrfBlockedError).reason).toMatch(/scheme/);
      },
    );

    it('throws a TypeError for a string that is not a URL', () => {
      expect(() => guard.checkUrl('not a url')).toThrow(TypeError);
    });

    it('leaves a host name to the connect-time lookup', () => {
      expect(() => guard.checkUrl('http://localhost:8080/')).not.toThrow();
    });
  });

  describe('lookup', () => {
    it.each([false, true])('refuses localhost, which resolves to loopback (all: %s)', async (all) => {
      const { error, address } = await lookupWith(guard, 'localhost', all);

      expect(error).toBeInstanceOf(SsrfBlockedError);
      expect(error).toMatchObject({ host: 'localhost', reason: expect.stringMatching(/loopback/) });
      expect(['127.0.0.1', '::1']).toContain((error as SsrfBlockedError).address);
      expect(address).toEqual(all ? [] : '');
    });

    it('resolves localhost when the host name is allowlisted', async () => {
      const allowing = createSsrfGuard({ allowlist: ['localhost'] });

      const { error, address } = await lookupWith(allowing, 'localhost', true);

      expect(error).toBeNull();
      expect(Array.isArray(address) && address.length > 0).toBe(true);
      for (const entry of address as LookupAddress[]) expect(['127.0.0.1', '::1']).toContain(entry.address);
    });

    it('passes a public address through in the single-address form with its family', async () => {
      const { error, address, family } = await lookupWith(guard, '93.184.215.14', false);

      expect(error).toBeNull();
      expect(address).toBe('93.184.215.14');
      expect(family).toBe(4);
    });

    it.each([
      ['metadata.attacker.test', '169.254.169.254', /link-local, incl\. cloud metadata/],
      ['private.attacker.test', '10.0.0.7', /private \(10\.0\.0\.0\/8\)/],
      ['home-router.attacker.test', '192.168.1.1', /private \(192\.168\.0\.0\/16\)/],
      ['loopback6.attacker.test', '::1', /loopback/],
      ['link-local6.attacker.test', 'fe80::1', /link-local/],
      ['ula.attacker.test', 'fd00::7', /unique local/],
      ['mapped.attacker.test', '::ffff:169.254.169.254', /IPv4-mapped 169\.254\.169\.254: link-local/],
      ['rebinding.attacker.test', '127.0.0.1', /loopback/],
      ['dual-stack.attacker.test', '10.0.0.7', /private/],
    ])('refuses %s, whose DNS answer includes %s, in both answer forms', async (hostname, address, reason) => {
      for (const all of [false, true]) {
        const { error, address: answered } = await lookupWith(guard, hostname, all);

        expect(error).toBeInstanceOf(SsrfBlockedError);
        expect(error).toMatchObject({ host: hostname, address, reason: expect.stringMatching(reason) });
        expect(answered).toEqual(all ? [] : '');
      }
    });

    it('resolves a name whose every address is public, in both answer forms', async () => {
      const single = await lookupWith(guard, 'hooks.public.test', false);
      const every = await lookupWith(guard, 'hooks.public.test', true);

      expect(single).toEqual({ error: null, address: '93.184.215.14', family: 4 });
      expect(every).toEqual({ error: null, address: mockDnsAnswers['hooks.public.test'], family: undefined });
    });

    it('keeps refusing metadata and other loopback addresses when only 127.0.0.1/32 is allowlisted', async () => {
      const allowing = createSsrfGuard({ allowlist: ['127.0.0.1/32'] });

      expect((await lookupWith(allowing, 'metadata.attacker.test', true)).error).toBeInstanceOf(SsrfBlockedError);
      expect((await lookupWith(allowing, 'loopback6.attacker.test', true)).error).toBeInstanceOf(SsrfBlockedError);
      expect((await lookupWith(allowing, 'rebinding.attacker.test', true)).error).toBeNull();
      expect(() => allowing.checkUrl('http://169.254.169.254/')).toThrow(SsrfBlockedError);
      expect(() => allowing.checkUrl('http://127.0.0.2/')).toThrow(SsrfBlockedError);
    });

    it('allows an allowlisted host name only, not another name resolving to the same private address', async () => {
      const allowing = createSsrfGuard({ allowlist: ['private.attacker.test'] });

      expect((await lookupWith(allowing, 'private.attacker.test', true)).error).toBeNull();
      expect((await lookupWith(allowing, 'dual-stack.attacker.test', true)).error).toBeInstanceOf(SsrfBlockedError);
      expect((await lookupWith(allowing, 'metadata.attacker.test', true)).error).toBeInstanceOf(SsrfBlockedError);
    });

    it('refuses a private IP literal handed to it directly', async () => {
      const { error } = await lookupWith(guard, '192.168.0.10', false);

      expect(error).toBeInstanceOf(SsrfBlockedError);
      expect(error).toMatchObject({ host: '192.168.0.10', address: '192.168.0.10' });
    });
  });
});
