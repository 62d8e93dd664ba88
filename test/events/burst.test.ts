import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registry } from '../../src/metrics.js';
import { textOf } from '../cards/recording-publisher.js';
import { startHarness, type Harness } from './harness.js';

// Bursts of callbacks become few card edits; the last edit shows the exact final state; a
// platform's Retry-After is waited out.

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ outOfOrder: true });
});
afterAll(async () => {
  await h?.close();
});

const edits = (messageId: string) => h.publisher.updates.filter((u) => u.ref.messageId === messageId);

describe('card refresh under bursts', () => {
  it('coalesces a burst of joins into a few edits with the exact final state', async () => {
    const m = await h.meeting('All hands');
    const cardId = h.publisher.posts.at(-1)!.ref.messageId;
    const names = Array.from({ length: 24 }, (_, i) => `P${String(i).padStart(2, '0')}`);
    const ids = await Promise.all(names.map((n) => h.join(m, n)));
    await Promise.all(ids.map((id) => h.emulator.publish(id, { videoType: 'camera' })));
    await Promise.all(ids.slice(0, 4).map((id) => h.emulator.disconnect(id)));
    await h.settle();
    const callbacks = h.emulator.deliveries().filter((d) => d.sessionId === m.sessionId).length;
    const done = edits(cardId);
    expect(callbacks).toBeGreaterThanOrEqual(24 * 2 + 4 * 2);
    expect(done.length).toBeLessThan(callbacks / 4);
    for (let i = 1; i < done.length; i++) expect(done[i]!.at - done[i - 1]!.at).toBeGreaterThanOrEqual(1000);
    const card = textOf(h.publisher.latest(cardId));
    expect(card).toContain('Participants: 20');
    expect(card).toContain('and 10 more');
    // Joins race each other, so which ten are listed depends on the emulator's join times; each
    // listed one is someone still there, publishing a camera.
    const listed = [...card.matchAll(/• \*\*(P\d\d)\*\* — camera$/gm)].map((x) => x[1]!);
    expect(listed).toHaveLength(10);
    for (const name of listed) expect(names.slice(4)).toContain(name);
  });

  it('waits out a 429 Retry-After before editing again, and the edit still lands', async () => {
    const m = await h.meeting('Rate limited');
    const cardId = h.publisher.posts.at(-1)!.ref.messageId;
    h.publisher.rateLimits.push(1500);
    await h.join(m, 'Late');
    await h.settle();
    expect(h.publisher.refusals).toHaveLength(1);
    const refusal = h.publisher.refusals[0]!;
    const done = edits(cardId);
    expect(done.length).toBeGreaterThan(0);
    expect(done[0]!.at - refusal.at).toBeGreaterThanOrEqual(1500);
    expect(textOf(h.publisher.latest(cardId))).toContain('**Late**');
    const metrics = await registry.metrics();
    expect(metrics).toMatch(/chatops_rate_limit_waits_total\{platform="shell"\} [1-9]/);
    expect(metrics).toMatch(/chatops_card_edits_total\{platform="shell",outcome="rate_limited"\} [1-9]/);
  });
});
