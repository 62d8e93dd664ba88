import { describe, expect, it } from 'vitest';
import { importDiscordPublicKey, InteractionVerifier } from '../../../adapters/discord/verify.js';
import { signHeaders, testKeys } from './signing.js';

describe('InteractionVerifier', () => {
  const keys = testKeys();
  const now = 1_800_000_000_000;
  const verifier = new InteractionVerifier(keys.publicKeyHex, () => now);
  const body = '{"type":1}';
  const ts = now / 1000;

  it('accepts a good signature over timestamp + raw body', () => {
    const h = signHeaders(keys, body, ts);
    expect(verifier.verify(h['x-signature-ed25519'], h['x-signature-timestamp'], Buffer.from(body))).toEqual({
      ok: true,
    });
  });

  it('refuses a body that differs by one byte', () => {
    const h = signHeaders(keys, body, ts);
    expect(
      verifier.verify(h['x-signature-ed25519'], h['x-signature-timestamp'], Buffer.from('{"type":2}')),
    ).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a signature made with another key', () => {
    const h = signHeaders(testKeys(), body, ts);
    expect(verifier.verify(h['x-signature-ed25519'], h['x-signature-timestamp'], Buffer.from(body))).toEqual({
      ok: false,
      reason: 'bad-signature',
    });
  });

  it('refuses missing and malformed headers', () => {
    expect(verifier.verify(undefined, String(ts), Buffer.from(body))).toEqual({
      ok: false,
      reason: 'missing-headers',
    });
    expect(verifier.verify('ab', String(ts), Buffer.from(body))).toEqual({
      ok: false,
      reason: 'malformed-signature',
    });
    expect(verifier.verify('a'.repeat(128), 'soon', Buffer.from(body))).toEqual({
      ok: false,
      reason: 'malformed-signature',
    });
  });

  it('refuses timestamps more than five minutes off, even when correctly signed', () => {
    const old = signHeaders(keys, body, ts - 301);
    const future = signHeaders(keys, body, ts + 301);
    expect(
      verifier.verify(old['x-signature-ed25519'], old['x-signature-timestamp'], Buffer.from(body)),
    ).toEqual({ ok: false, reason: 'stale-timestamp' });
    expect(
      verifier.verify(future['x-signature-ed25519'], future['x-signature-timestamp'], Buffer.from(body)),
    ).toEqual({ ok: false, reason: 'stale-timestamp' });
  });

  it('explains a malformed public key in one sentence', () => {
    expect(() => importDiscordPublicKey('xyz')).toThrow(/64-hex-digit public key/);
  });
});
