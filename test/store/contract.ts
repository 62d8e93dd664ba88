// The store contract: one suite every backend must pass. Each backend's test file supplies a
// target (how to make an isolated database) and calls defineStoreContract.

import { describe } from 'vitest';
import { cardContract } from './contract-cards.js';
import { commitContract } from './contract-commit.js';
import { coordinationContract } from './contract-coordination.js';
import { lifecycleContract } from './contract-lifecycle.js';
import { mediaContract } from './contract-media.js';
import { meetingContract } from './contract-meetings.js';
import { participantContract } from './contract-participants.js';
import { pendingContract } from './contract-pending.js';
import { recapContract } from './contract-recap.js';
import { roomContract } from './contract-rooms.js';
import { scheduleContract } from './contract-schedules.js';
import { truthContract } from './contract-truth.js';
import { useHarness, type StoreTarget } from './harness.js';

export type { StoreTarget } from './harness.js';

/** Defines the whole store contract suite against `target`. */
export function defineStoreContract(target: StoreTarget): void {
  describe(`store contract (${target.name})`, () => {
    const h = useHarness(target);
    commitContract(h);
    meetingContract(h);
    participantContract(h);
    mediaContract(h);
    cardContract(h);
    coordinationContract(h);
    pendingContract(h);
    lifecycleContract(h);
    truthContract(h);
    scheduleContract(h);
    recapContract(h);
    roomContract(h);
  });
}
