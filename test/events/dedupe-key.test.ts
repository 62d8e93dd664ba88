import { describe, expect, it } from 'vitest';
import { dedupeKey } from '../../src/events/order.js';
import { parseCallback, type Callback } from '../../src/events/schemas.js';

// The key of a callback is the same for a redelivery and sorts by the event's time, so the claims
// of a turn land next to each other in the keys' index (docs/bench/callbacks.md, "Stop 25").

const callback = (connectionId: string, timestamp: number): Callback => {
  const parsed = parseCallback({
    sessionId: 'S1',
    projectId: '1',
    event: 'connectionCreated',
    timestamp,
    connection: { id: connectionId, createdAt: 1000, data: '' },
  });
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.callback;
};

describe('dedupeKey', () => {
  it('is the same for the same event delivered twice and differs for another event', () => {
    const t = 1_780_000_000_123;
    expect(dedupeKey(callback('c1', t), t)).toBe(dedupeKey(callback('c1', t), t));
    expect(dedupeKey(callback('c1', t), t)).not.toBe(dedupeKey(callback('c2', t), t));
    expect(dedupeKey(callback('c1', t), t)).not.toBe(dedupeKey(callback('c1', t + 1), t + 1));
  });

  it('sorts as text in the order of the events’ times', () => {
    // Ascending, across digit-count boundaries (a plain decimal or unpadded prefix would misorder them).
    const times = [
      999, 1_000, 4_096, 1_780_000_000_000, 1_780_000_000_001, 1_780_000_086_400, 253_402_300_799_000,
    ];
    const keys = times.map((t, i) => dedupeKey(callback(`c${i}`, t), t));
    expect([...keys].sort()).toEqual(keys);
    expect(keys.every((k) => /^[0-9a-f]{12}\.[A-Za-z0-9_-]{43}$/.test(k))).toBe(true);
  });
});
