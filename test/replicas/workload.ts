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
  /**
   * Every delivery was refused in its ack ("try again in a moment": the store was too slow for the
   * ack, or the bot too busy); like a person would, the workload sends the command again, anew.
   */
  refused?: boolean;
  /** Acked, then answered "try again" (its record failed after the ack): it must not run either. */
  refusedInReply?: boolean;
}

/** The ack sentence of a request the bot refused without running it. */
const REFUSED = /try again in a (moment|minute)/;

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

  /**
   * Sends one command; `repeat` delivers it a second time (x-slack-retry-num: 1), concurrently or
   * after the reply. A command refused in its ack is sent again (up to `tries` times).
   */
  async command(
    channel: string,
    user: string,
    text: string,
    repeat?: 'concurrent' | 'after',
    tries = 5,
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
      const ack = await sendSlash(this.d.lbUrl, this.d.slack.url, d);
      cmd.statuses.push(ack.status);
      return REFUSED.test(ack.text);
    };
    const refusals = repeat === 'concurrent' ? await Promise.all([deliver(), deliver(1)]) : [await deliver()];
    // One delivery refused and the other acked: the acked one may be a repeat of the refused one's
    // record (the refused one's late record is then dropped), so its reply may never come.
    const refused = refusals.every(Boolean) || (refusals.some(Boolean) && !(await this.replied(cmd, 15_000)));
    if (refused && tries > 1) {
      cmd.refused = true;
      return this.command(channel, user, text, repeat, tries - 1);
    }
    await this.replyOf(cmd);
    // Acked while the store was slow, then not recorded after all: the reply says "try again".
    const [reply] = this.d.slack.responses(cmd.replyId);
    if (REFUSED.test(JSON.stringify(reply?.body ?? '')) && tries > 1) {
      cmd.refusedInReply = true;
      return this.command(channel, user, text, repeat, tries - 1);
    }
    if (repeat === 'after') await deliver(1);
    return cmd;
  }

  /** Whether the command's reply arrives within `ms`. */
  private async replied(cmd: SentCommand, ms: number): Promise<boolean> {
    for (const until = Date.now() + ms; Date.now() < until; await sleep(25))
      if (this.d.slack.responses(cmd.replyId).length > 0) return true;
    return false;
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
    const started = await this.command(ch, host, `start Room ${i}`, i % 9 === 0 ? 'concurrent' : undefined);
    const meeting = await this.d.store.getActiveMeetingInChannel('slack', 'T1', ch);
    if (!meeting) {
      const reply = JSON.stringify(this.d.slack.responses(started.replyId).map((r) => r.body.text));
      throw new Error(`no meeting in ${ch} after start (trigger ${started.triggerId}, reply ${reply})`);
    }
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
