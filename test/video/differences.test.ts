// The deliberate differences from the official package (src/video/README.md), each pinned on both
// sides: what the official package does, and what ours does instead.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION as S } from './helpers/fixtures.js';
import { CALLBACK, RENDER } from './helpers/recorder.js';
import { errorView, SideBySide, wire, type Done, type Sdk } from './helpers/side-by-side.js';

const sbs = new SideBySide();
beforeAll(() => sbs.start());
afterAll(() => sbs.close());

const body = (o: { requests: Array<{ body: string }> }) =>
  JSON.parse(o.requests[0]!.body) as Record<string, unknown>;

describe('options the official package drops or mangles are sent as documented', () => {
  it.each([
    [
      'startCaptions statusCallbackUrl',
      (o: Sdk, d: Done) => o.startCaptions(S, 't', { statusCallbackUrl: 'https://example.com/captions' }, d),
      { without: 'statusCallbackUrl' },
      { statusCallbackUrl: 'https://example.com/captions' },
    ],
    [
      'websocketConnect audioRate',
      (o: Sdk, d: Done) => o.websocketConnect(S, 't', 'wss://x.example/ws', { audioRate: 8000 }, d),
      { match: { websocket: { uri: 'wss://x.example/ws' } } },
      { websocket: { uri: 'wss://x.example/ws', audioRate: 8000 } },
    ],
    [
      'addBroadcastStream hasAudio false',
      (o: Sdk, d: Done) => o.addBroadcastStream('BC1', 'ST1', { hasAudio: false }, d),
      { match: { hasAudio: true } },
      { hasAudio: false },
    ],
    [
      'forceMuteAll with the documented excudedStreamIds spelling',
      (o: Sdk, d: Done) => o.forceMuteAll(S, { excudedStreamIds: ['a'] }, d),
      { without: 'excludedStreamIds' },
      { excludedStreamIds: ['a'] },
    ],
    [
      'startRender properties',
      (o: Sdk, d: Done) =>
        o.startRender({ sessionId: S, token: 't', url: 'https://x.example/', properties: { name: 'EC' } }, d),
      { without: 'properties' },
      { properties: { name: 'EC' } },
    ],
  ] as Array<[string, (o: Sdk, d: Done) => unknown, { without?: string; match?: object }, object]>)(
    '%s',
    async (_name, invoke, official, ours) => {
      const theirs = body(await sbs.run(sbs.official, invoke));
      if (official.without) expect(theirs).not.toHaveProperty(official.without);
      if (official.match) expect(theirs).toMatchObject(official.match);
      expect(body(await sbs.run(sbs.ours, invoke))).toMatchObject(ours);
    },
  );
});

describe('official bugs that ours does not have', () => {
  it('a missing stream ID is reported once, and nothing is sent', async () => {
    const calls: unknown[][] = [];
    const invoke = (o: Sdk, d: Done) =>
      o.removeArchiveStream('A', '', (...a: unknown[]) => (calls.push(a), d(...a)));
    const official = await sbs.run(sbs.official, invoke, undefined, true);
    expect([official.requests.length, calls.length]).toEqual([1, 2]);
    calls.length = 0;
    const ours = await sbs.run(sbs.ours, invoke, undefined, true);
    expect([ours.requests.length, calls.length]).toEqual([0, 1]);
  });

  it('Callback#unregister works (the official one throws a TypeError)', async () => {
    const reg = (o: Sdk, d: Done) =>
      o.registerCallback({ group: 'archive', event: 'status', url: 'https://x.example/cb' }, d);
    const theirs = (await sbs.run(sbs.official, reg)).args?.[1] as { unregister: (cb: Done) => void };
    expect(() => theirs.unregister(() => undefined)).toThrow(TypeError);
    const mine = (await sbs.run(sbs.ours, reg)).args?.[1] as { unregister: (cb: Done) => void };
    const out = await sbs.run(sbs.ours, (_o, d) => mine.unregister(d));
    expect([out.args?.[0], wire(out.requests[0])?.url]).toEqual([
      null,
      `/v2/project/123456/callback/${CALLBACK.id}`,
    ]);
  });

  it('listRenders applies the documented sessionId filter', async () => {
    const reply = { body: { count: 2, items: [RENDER, { ...RENDER, id: 'R2', sessionId: S }] } };
    const list = (o: Sdk, d: Done) => o.listRenders({ sessionId: S }, d);
    const ids = (x: { args?: unknown[] }) =>
      (x.args?.[1] as { items: Array<{ id: string }> }).items.map((r) => r.id);
    expect(ids(await sbs.run(sbs.official, list, reply))).toEqual(['R1', 'R2']);
    expect(ids(await sbs.run(sbs.ours, list, reply))).toEqual(['R2']);
  });

  it('getStream reads a JSON reply (the official package parses it twice and fails)', async () => {
    const get = (o: Sdk, d: Done) => o.getStream(S, 'ST1', d);
    expect((await sbs.run(sbs.official, get)).args?.[0]).toBeInstanceOf(SyntaxError);
    expect((await sbs.run(sbs.ours, get)).args?.[1]).toMatchObject({ id: 'ST1' });
  });

  it('an early callback receives layout argument errors (the official package throws a TypeError)', async () => {
    const invoke = (o: Sdk, d: Done) => o.setArchiveLayout(42, 'pip', d);
    expect((await sbs.run(sbs.official, invoke)).thrown).toBeInstanceOf(TypeError);
    expect(errorView((await sbs.run(sbs.ours, invoke)).args?.[0], 'ours')).toEqual({
      class: 'Error',
      message: 'Invalid arguments -- must provide an archiveId string.',
    });
  });

  it('an error status with a JSON content type and no body is reported (the official package crashes)', async () => {
    const get = (o: Sdk, d: Done) => o.getArchive('ARCH1', d);
    const out = await sbs.run(sbs.ours, get, {
      status: 500,
      headers: { 'content-type': 'application/json' },
    });
    expect(errorView(out.args?.[0], 'ours')).toEqual({
      class: 'RequestError',
      message: 'Unexpected response from OpenTok: "{"message":""}"',
    });
  });

  it('methods without a callback return promises that reject with the official error', async () => {
    sbs.rec.fallback = () => ({ status: 404, body: { message: 'nope' } });
    const p = sbs.ours.getArchive('ARCH1') as Promise<unknown>;
    await expect(p).rejects.toMatchObject({ message: 'Archive not found', status: 404, code: 'not_found' });
    expect(() => sbs.official.getArchive('ARCH1')).toThrow('No callback given to getArchive');
  });
});
