// Token minting benchmark: ours vs the official opentok SDK vs hand-built JWTs on node:crypto.
import {
  createHmac,
  createPrivateKey,
  createSecretKey,
  generateKeyPairSync,
  randomUUID,
  sign,
} from 'node:crypto';
import { createRequire } from 'node:module';
import { VideoClient, encodeSessionId } from '../dist/src/video/index.js';
import { interleavedOps } from './client-measure.mjs';

const OpenTokOfficial = createRequire(import.meta.url)('opentok');
const API_KEY = '123456';
const SECRET = 'bench-secret-0123456789abcdef0123';
const APP_ID = '00000000-0000-4000-8000-000000000000';
const HS_HEADER = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
const RS_HEADER = Buffer.from('{"typ":"JWT","alg":"RS256"}').toString('base64url');

/** Runs the token benchmark; returns ops/s per contender and the ratios. */
export function runTokenBench({ batches = 300 } = {}) {
  const sid = encodeSessionId(API_KEY);
  const appSid = encodeSessionId(APP_ID, { prefix: '2_' });
  const ours = new VideoClient({ apiKey: API_KEY, apiSecret: SECRET });
  const official = new OpenTokOfficial(API_KEY, SECRET);
  const secretKey = createSecretKey(Buffer.from(SECRET));

  // The floor: the same claims as the official JWT, signed with node:crypto and nothing else.
  const floorHs = () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      iss: API_KEY,
      ist: 'project',
      iat: now,
      exp: now + 86400,
      session_id: sid,
      create_time: now,
      nonce: Math.random(),
      role: 'publisher',
      expire_time: now + 86400,
      initial_layout_class_list: '',
      scope: 'session.connect',
    };
    const input = HS_HEADER + '.' + Buffer.from(JSON.stringify(claims)).toString('base64url');
    return input + '.' + createHmac('sha256', secretKey).update(input).digest('base64url');
  };
  const hs = interleavedOps(
    { floor: floorHs, ours: () => ours.generateToken(sid), opentok: () => official.generateToken(sid) },
    { batches, batch: (name) => (name === 'opentok' ? 4 : 100), warmup: 2000 },
  );

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const parsed = createPrivateKey(pem);
  const app = new VideoClient({ applicationId: APP_ID, privateKey: pem });
  const floorRs = () => {
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      scope: 'session.connect',
      session_id: appSid,
      role: 'publisher',
      initial_layout_class_list: '',
      exp: now + 86400,
      sub: 'video',
      acl: { paths: { '/session/**': {} } },
      jti: randomUUID(),
      iat: now,
      application_id: APP_ID,
    };
    const input = RS_HEADER + '.' + Buffer.from(JSON.stringify(claims)).toString('base64url');
    return input + '.' + sign('sha256', Buffer.from(input), parsed).toString('base64url');
  };
  const rs = interleavedOps(
    { floor: floorRs, ours: () => app.generateToken(appSid) },
    { batches, batch: () => 4, warmup: 50 },
  );
  void ours.close();
  void app.close();
  return {
    hs256: { ...hs, oursRatio: hs.ours / hs.floor, opentokRatio: hs.opentok / hs.floor },
    rs256: { ...rs, oursRatio: rs.ours / rs.floor },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(JSON.stringify(runTokenBench(), null, 2));
