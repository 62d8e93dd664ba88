import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/** An Ed25519 key pair like a Discord application's, for signing fixture interactions. */
export interface TestKeys {
  publicKeyHex: string;
  privateKey: KeyObject;
}

/** Generates a key pair; the public key is exported as Discord shows it (64 hex digits). */
export function testKeys(): TestKeys {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const der = publicKey.export({ format: 'der', type: 'spki' });
  return { publicKeyHex: der.subarray(der.length - 32).toString('hex'), privateKey };
}

/** Signs `timestamp + body` the way Discord does; returns the two headers. */
export function signHeaders(
  keys: TestKeys,
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
): Record<string, string> {
  const ts = String(timestamp);
  const sig = sign(null, Buffer.from(ts + body), keys.privateKey).toString('hex');
  return { 'x-signature-ed25519': sig, 'x-signature-timestamp': ts, 'content-type': 'application/json' };
}
