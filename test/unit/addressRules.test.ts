import * as assert from 'assert';
import { classifyAddress, parseIpv6, refusedRange } from '../../src/core/download/addressRules';
import { checkDownloadUrl } from '../../src/core/download/download';
import { SparkError } from '../../src/core/spec/errors';
import { REFUSED } from './refusedAddresses';

const PUBLIC = ['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '169.255.0.1', '2606:4700::6810:84e5', '::ffff:8.8.8.8', '2001:db8::1'];

describe('download destinations: the address rule', () => {
  it('puts one address of every refused range in its block', () => {
    for (const [address, block] of REFUSED) {
      assert.strictEqual(classifyAddress(address)?.block, block, address);
    }
  });

  it('lets public addresses through, v4 and v6', () => {
    for (const address of PUBLIC) {
      assert.strictEqual(refusedRange(address, { allowLoopback: false }), undefined, address);
    }
  });

  it('allows loopback, in every spelling, only when the policy does', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      assert.strictEqual(refusedRange(address, { allowLoopback: true }), undefined, address);
      assert.strictEqual(refusedRange(address, { allowLoopback: false })?.range, 'loopback', address);
    }
    // The exception is loopback only: the local network stays refused with a loopback API.
    assert.strictEqual(refusedRange('10.0.0.8', { allowLoopback: true })?.range, 'private');
  });

  it('reads IPv6 the way the URL parser and DNS write it', () => {
    assert.deepStrictEqual(parseIpv6('[fe80::1%eth0]'), [0xfe80, 0, 0, 0, 0, 0, 0, 1]);
    assert.deepStrictEqual(parseIpv6('::ffff:1.2.3.4'), [0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    assert.strictEqual(parseIpv6('1::2::3'), undefined);
    assert.strictEqual(parseIpv6('example.com'), undefined);
    assert.strictEqual(parseIpv6('1:2:3:4:5:6:7:8:9'), undefined);
  });

  it('refuses every literal range in an image URL before anything is fetched, naming the rule and the address', () => {
    for (const [address, block] of REFUSED) {
      const host = address.includes(':') ? `[${address}]` : address;
      assert.throws(
        () => checkDownloadUrl(`https://${host}/latest/meta-data/x.png`),
        (error: unknown) => {
          assert.ok(error instanceof SparkError && error.kind === 'download', String(error));
          assert.ok(error.message.includes(block), error.message);
          assert.match(error.message, /Refused to download .*only from public addresses/);
          return true;
        },
        address,
      );
    }
  });

  it('refuses the spellings the URL parser turns into a private IPv4 address', () => {
    for (const raw of ['https://2852039166/x.png', 'https://0xa9.0xfe.0xa9.0xfe/x.png', 'https://0251.0376.0251.0376/x.png', 'https://169.254.43518/x.png']) {
      assert.throws(() => checkDownloadUrl(raw), /169\.254\.169\.254 is a link-local address \(169\.254\.0\.0\/16\)/, raw);
    }
  });

  it('refuses localhost names unless the API is loopback, and plain http stays loopback-only', () => {
    assert.throws(() => checkDownloadUrl('http://localhost:8080/x.png'), /localhost is a loopback address/);
    assert.throws(() => checkDownloadUrl('http://127.0.0.1:8080/x.png'), /127\.0\.0\.1 is a loopback address/);
    assert.strictEqual(checkDownloadUrl('http://127.0.0.1:8080/x.png', undefined, { allowLoopback: true }).port, '8080');
    assert.strictEqual(checkDownloadUrl('http://images.localhost:8080/x.png', undefined, { allowLoopback: true }).hostname, 'images.localhost');
    assert.throws(() => checkDownloadUrl('http://example.com/x.png', undefined, { allowLoopback: true }), /plain http is allowed only for localhost/);
    assert.strictEqual(checkDownloadUrl('https://images.example.com/x.png').hostname, 'images.example.com');
  });
});
