// The replica test's traffic: per channel, a meeting driven by slash commands (some delivered twice)
// and by participants joining and leaving through the emulator, which calls back through the
// balancer. Every command waits for its reply (response_url) before the channel's next step.
import { randomUUID } from 'node:crypto';
import type { Emulator } from '../../src/emulator/index.js';
import { connectionData } from '../../src/identity.js';
import type { Store } from '../../src/store/types.js';
import type { FakeSlack } from './fake-slack.js';
import { sendSlash, type SlashDelivery } from './slack-requests.js';
import type { TokenMinter } from './tokens.js';

/** A sent command: what was asked, and every delivery of it. */
export interface SentCommand {
  channel: string;
  text: string;
  triggerId: string;
  replyId: string;
  deliveries: number;
  statuses: number[];
}

/** What the workload needs. */
export interface WorkloadDeps {
  lbUrl: string;
  slack: FakeSlack;
  store: Store;
  emulator: Emulator;
  mint: TokenMinter;
  /** Pause between a channel's steps (spreads the run over time so cards are edited many times). */
  pauseMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Everything the workload sent, for the checks. */
export class Workload {
  readonly commands: SentCommand[] = [];
  /** Participants that should be present at the end, by channel: connection IDs. */
  readonly stays = new Map<string, string[]>();
  readonly left = new Map<string, string[]>();
  private n = 0;

  constructor(private readonly d: WorkloadDeps) {}

  /** Deliveries made so far (repeats included). */
  get deliveries(): number {
    return this.commands.reduce((sum, c) => sum + c.deliveries, 0);
  }

  /** Sends one command; `repeat` delivers it a second time (x-slack-retry-num: 1), concurrently or after the reply. */
  async command(
    channel: string,
    user: string,
    text: string,
    repeat?: 'concurrent' | 'after',
  ): Promise<SentCommand> {
    const cmd: SentCommand = {
      channel,
      text,
      triggerId: `trig-${randomUUID()}`,
      replyId: `r${++this.n}`,
      deliveries: 0,
      statuses: [],
    };
    this.commands.push(cmd);
    const deliver = async (retryNum?: number) => {
      const d: SlashDelivery = {
        channel,
        user,
        text,
        triggerId: cmd.triggerId,
        replyId: cmd.replyId,
        ...(retryNum ? { retryNum } : {}),
      };
      cmd.deliveries++;
      cmd.statuses.push(await sendSlash(this.d.lbUrl, this.d.slack.url, d));
    };
    if (repeat === 'concurrent') await Promise.all([deliver(), deliver(1)]);
    else await deliver();
    await this.replyOf(cmd);
    if (repeat === 'after') await deliver(1);
    return cmd;
  }

  /** Waits for the command's reply on response_url. */
  async replyOf(cmd: SentCommand, timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.d.slack.responses(cmd.replyId).length === 0) {
      if (Date.now() > deadline)
        throw new Error(
          `no reply to "/video ${cmd.text}" in ${cmd.channel} (trigger ${cmd.triggerId}, HTTP ${cmd.statuses.join(', ')})`,
        );
      await sleep(25);
    }
  }

  /** Runs one channel's whole story. */
  async channel(i: number): Promise<void> {
    const ch = `C${String(i).padStart(3, '0')}`;
    const host = `U${String(i).padStart(3, '0')}`;
    const pause = () => sleep(this.d.pauseMs * (0.5 + Math.random()));
    await this.command(ch, host, `start Room ${i}`, i % 9 === 0 ? 'concurrent' : undefined);
    const meeting = await this.d.store.getActiveMeetingInChannel('slack', 'T1', ch);
    if (!meeting) throw new Error(`no meeting in ${ch} after start`);
    const people: string[] = [];
    for (let p = 0; p < 7; p++) {
      const token = this.d.mint(
        meeting.sessionId,
        connectionData({ platform: 'slack', userId: `${host}P${p}`, name: `Person ${i}.${p}` }),
      );
      const { connectionId } = await this.d.emulator.connect(meeting.sessionId, token);
      if (p < 5) await this.d.emulator.publish(connectionId, { videoType: 'camera' });
      people.push(connectionId);
    }
    await pause();
    await this.command(ch, host, 'record start', i % 5 === 0 ? 'after' : undefined);
    await pause();
    await this.command(ch, host, 'live start --hls', i % 7 === 0 ? 'concurrent' : undefined);
    await pause();
    await this.command(ch, host, 'mute all', i % 3 === 0 ? 'concurrent' : undefined);
    await pause();
    // Two publishers and one viewer leave; the rest stay to the end.
    const leaving = [people[0]!, people[1]!, people[6]!];
    for (const id of leaving) await this.d.emulator.disconnect(id);
    this.left.set(ch, leaving);
    this.stays.set(
      ch,
      people.filter((id) => !leaving.includes(id)),
    );
    await pause();
    await this.command(ch, host, 'record stop', i % 4 === 0 ? 'after' : undefined);
  }
}
