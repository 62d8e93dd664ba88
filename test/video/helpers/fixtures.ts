// Shared credentials and IDs for the Video client tests.
import { generateKeyPairSync } from 'node:crypto';
import { encodeSessionId } from '../../../src/video/session-id.js';

export const API_KEY = '123456';
export const API_SECRET = 'test-secret-0123456789abcdef';
export const APP_ID = '00000000-0000-4000-8000-000000000000';

const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const PRIVATE_PEM = pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
export const PUBLIC_KEY = pair.publicKey;

/** A session ID owned by API_KEY. */
export const SESSION = encodeSessionId(API_KEY, { location: '', random: 0.5, createdAt: new Date(0) });
/** A session ID owned by another key. */
export const FOREIGN_SESSION = encodeSessionId('999999', { random: 0.25, createdAt: new Date(0) });
/** A session ID owned by APP_ID. */
export const APP_SESSION = encodeSessionId(APP_ID, { prefix: '2_', random: 0.75, createdAt: new Date(0) });
