import { createInterface, type Interface } from 'node:readline';
import { Writable } from 'node:stream';
import { closest, type ChatRequest, type FrontDoor, type RequestActor } from '../../commands/front-door.js';
import type { MessageRef, Place, View } from '../../src/chat.js';
import type { Logger } from '../../src/log.js';
import type { Store } from '../../src/store/types.js';
import type { VideoApi } from '../../src/video/api.js';
import { Board } from './board.js';
import { complete } from './completion.js';
import { cardChanges } from './deltas.js';
import { LineQueue } from './lines.js';
import { click } from './press.js';
import { ShellCardPublisher } from './publisher.js';
import { controlsOf, controlText, renderView } from './render.js';
import { Simulator, shellUserId, type SimEmulator } from './sim.js';
import { bold, styled, wantsColor } from './style.js';

/** Options of {@link createShell}. */
export interface ShellOptions {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** The core's front door: the only way console lines reach the core. */
  door: FrontDoor;
  log: Logger;
  /** The in-process emulator and what `sim` reads and mints tokens with (absent against Vonage). */
  sim?: { emulator: SimEmulator; store: Store; video: VideoApi };
  /** Prompt and readline editing (default: output is a TTY). */
  interactive?: boolean;
  /** ANSI bold, code and dim (default: a terminal output without NO_COLOR). */
  color?: boolean;
  /** Printed once at start (src/console-banner.ts: where the bot listens, its data, how to leave). */
  banner?: string;
  /** Who you are at start (default `Me`, not a moderator). */
  user?: { name: string; moderator?: boolean };
  channel?: string;
  /** The zone `/video schedule` reads times in without `--tz` (default: this process's zone, TZ). */
  timeZone?: string;
}

/** A running console adapter. */
export interface Shell {
  /** The card publisher for platform 'shell'; register it with the card service. */
  readonly publisher: ShellCardPublisher;
  /** Handles one line as if typed; resolves when it has been handled. */
  submit(line: string): Promise<void>;
  /** Resolves when the input ends or `quit` is typed. */
  readonly done: Promise<void>;
  close(): void;
}

/** The console's own words (also in README.md "The console"). */
export const SHELL_HELP = `Console commands:
  /video <subcommand> ...    run a command (also without the slash); \`/video help\` lists them
  as <name> [--moderator]    act as someone else (moderators may record, mute, kick, ...)
  in <channel>               switch channel
  press <m.n> [choice]       click control n of message m (the numbers in brackets, e.g. \`press 2.3\`)
  watch all | watch channel  show card changes of every channel, or only this one (the default)
  sim join|publish|unpublish|leave <name> [--screen] [--audio-only]   drive emulated participants
  help                       this list
  quit                       leave (or Ctrl-D)`;

/** The first words of console commands (a line typed at a confirmation that starts so runs as one). */
const WORDS = ['/video', 'video', 'as', 'in', 'press', 'watch', 'sim', 'help', '?', 'quit', 'exit', '\\q'];

/** Starts the console adapter: reads lines from `input`, prints cards and replies to `output`. */
export function createShell(opts: ShellOptions): Shell {
  const interactive = opts.interactive ?? Boolean((opts.output as { isTTY?: boolean }).isTTY);
  const style = { color: opts.color ?? wantsColor(opts.output) };
  let actor: RequestActor = {
    platform: 'shell',
    id: shellUserId(opts.user?.name ?? 'Me'),
    name: opts.user?.name ?? 'Me',
    moderator: opts.user?.moderator ?? false,
  };
  let place: Place = { platform: 'shell', teamId: 'local', channelId: opts.channel ?? 'general' };
  let watchAll = false;
  const board = new Board();
  // The card as last shown, by message: edits print only what changed since.
  const shown = new Map<string, View>();
  let muted = false;
  const queue = new LineQueue();
  const sim = opts.sim ? new Simulator(opts.sim, opts.sim.emulator) : null;
  // Readline echoes what is typed; a muted pass-through hides secret answers (stream keys).
  const echo = new Writable({ write: (chunk, _enc, cb) => (muted ? cb() : opts.output.write(chunk, cb)) });
  const rl: Interface = createInterface({
    input: opts.input,
    output: interactive ? echo : undefined,
    terminal: interactive,
    ...(interactive ? { completer: complete } : {}),
  });
  let busy = false;
  const write = (text: string) => {
    opts.output.write(text);
  };
  /** One of the console's own sentences (neutral text: `code` and **bold** are styled). */
  const say = (text: string) => write(`${styled(text, style)}\n`);
  const show = (view: View) => {
    const header = view.visibility === 'ephemeral' ? '(only you see this)' : `#${place.channelId}:`;
    write(renderView(view, style, header, board.fresh()));
  };
  // A card is printed whole once (and again when its title changes, as when the meeting ends), then
  // only as one line per change; cards of other channels only with `watch all`.
  const printCard = (view: View, ref: MessageRef, edit: boolean, replyTo?: string): string | undefined => {
    const key = `${ref.channelId}/${ref.messageId}`;
    const numbering = board.card(key, view);
    if (!watchAll && ref.channelId !== place.channelId) return undefined;
    const last = shown.get(key);
    shown.set(key, view);
    if (!view.cardOf || !last || last.title !== view.title) {
      // A thread reply (the meeting recap) is printed under its card and says which card it answers.
      const what = view.cardOf ? 'card' : replyTo ? 'reply' : 'message';
      const under = replyTo && !edit ? ` under card ${replyTo}` : '';
      return renderView(
        view,
        style,
        `#${ref.channelId} — ${what} ${edit ? 'updated' : 'posted'}${under}:`,
        numbering,
      );
    }
    const lines = cardChanges(last, view).map((c) => styled(c, style));
    const before = new Map(controlsOf(last).map((c) => [c.identity, controlText('', c.control)]));
    const changed = controlsOf(view).filter(
      (c) =>
        before.get(c.identity) !== controlText('', c.control) &&
        (c.control.kind === 'button' || !before.has(c.identity)),
    );
    if (changed.length > 0)
      lines.push(
        `now: ${changed.map((c) => controlText(board.label(key, c.identity) ?? '?', c.control)).join('  ')}`,
      );
    if (lines.length === 0) return undefined;
    const where = `#${ref.channelId} · ${bold(view.title ?? 'card', style)}`;
    return lines.map((l) => `${where}: ${l}\n`).join('');
  };
  // A card edit can arrive while someone is typing: clear the prompt line, print, then redraw it.
  const publisher = new ShellCardPublisher((view, ref, edit, replyTo) => {
    const text = printCard(view, ref, edit, replyTo);
    if (!text) return;
    if (interactive && !busy) write('\r\x1b[K');
    write(text);
    if (interactive && !busy) rl.prompt(true);
  });
  // The console is its own platform; each line waits for its reply, which run() hands back (so
  // several consoles may share one core), and `as --moderator` is the only moderator verdict.
  opts.door.serve({
    platform: 'shell',
    durable: false,
    isModerator: async () => false,
    timeZone: async () => opts.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone ?? null,
    deliver: async () => {},
  });
  const ask = async (request: Omit<ChatRequest, 'actor' | 'place'>): Promise<void> => {
    const answer = await opts.door.accept({ ...request, actor, place });
    if (answer.kind === 'busy') return say(answer.text);
    if (answer.kind !== 'accepted') return;
    const view = await opts.door.run(answer.ticket);
    if (view) show(view);
  };
  const prompt = () =>
    interactive && rl.setPrompt(`${actor.name}${actor.moderator ? ' (mod)' : ''} #${place.channelId}> `);
  const question = async (text: string, o?: { secret?: boolean }) => {
    muted = Boolean(o?.secret) && interactive;
    if (interactive && !muted) {
      // Readline owns the line while asking, so what is typed redraws after the question.
      rl.setPrompt(text);
      rl.prompt();
    } else {
      // A secret answer is typed blind: the question goes out directly, readline's echo is muted.
      if (muted) rl.setPrompt('');
      write(text);
    }
    const p = await queue.next();
    muted = false;
    if (o?.secret && interactive) write('\n');
    p?.done();
    return p ? p.line : null;
  };

  async function handle(line: string): Promise<boolean> {
    const text = line.trim();
    if (!text || text.startsWith('#')) return true;
    const [word = '', ...restWords] = text.split(/\s+/);
    const lower = word.toLowerCase();
    if (lower === '/video' || lower === 'video') {
      await ask({ ask: { kind: 'text', text: text.slice(word.length).trim() }, source: 'shell' });
      return true;
    }
    if (lower === 'quit' || lower === 'exit' || lower === '\\q') return false;
    if (lower === 'help' || lower === '?') return (await help(restWords.join(' ')), true);
    if (lower === 'watch') return (watch(restWords[0]), true);
    if (lower === 'as') return (switchUser(text.slice(2)), true);
    if (lower === 'in') {
      place = {
        ...place,
        channelId: (restWords[0] ?? 'general').replace(/^#/, '').slice(0, 80) || 'general',
      };
      return (say(`Now in #${place.channelId}.`), true);
    }
    if (lower === 'press') return press(restWords);
    if (lower === 'sim') return (await simulate(text.slice(3)), true);
    const hint = closest(
      lower,
      WORDS.filter((w) => /^[a-z]{2,}$/.test(w)),
    );
    const known = opts.door.commands.some((c) => c.name.split(' ')[0] === lower);
    say(
      known
        ? `\`${word}\` is a bot command: type \`/video ${text.slice(0, 200)}\`.`
        : `Unknown console command \`${word.slice(0, 40)}\`${hint ? `: did you mean \`${hint}\`?` : '.'} Type \`help\` for the console's commands (bot commands start with \`/video\`).`,
    );
    return true;
  }

  async function help(topic: string): Promise<void> {
    const first = (topic.split(/\s+/)[0] ?? '').toLowerCase();
    if (!topic || WORDS.includes(first)) return say(SHELL_HELP);
    // `help record` (or `help recrod`) means the bot command: answered as `/video help …` is.
    await ask({ ask: { kind: 'text', text: `help ${topic}` }, source: 'shell' });
  }

  function watch(what: string | undefined): void {
    const w = (what ?? '').toLowerCase();
    if (w === 'all') watchAll = true;
    else if (w === 'channel' || w === 'here' || w === 'none') watchAll = false;
    else return say('Usage: `watch all` (card changes of every channel) or `watch channel` (only this one).');
    say(
      watchAll
        ? 'Showing card changes of every channel.'
        : `Showing card changes of #${place.channelId} only.`,
    );
  }

  function switchUser(rest: string): void {
    const words = splitWords(rest);
    const moderator = words.includes('--moderator');
    const name = words
      .filter((w) => w !== '--moderator')
      .join(' ')
      .slice(0, 80);
    if (!name) return say('Usage: `as <name> [--moderator]`');
    actor = { platform: 'shell', id: shellUserId(name), name, moderator };
    say(`You are now ${name}${moderator ? ' (moderator)' : ''}.`);
  }

  async function press(words: string[]): Promise<boolean> {
    const found = board.find(words[0] ?? '');
    if ('problem' in found) return (say(found.problem), true);
    const target = found.control;
    const key = target.kind === 'button' ? target.button.key : target.select.key;
    const subject = [...shown.values()].find((v) => v.cardOf === key)?.title;
    const result = await click(target, words.slice(1).join(' ') || undefined, {
      ask: question,
      open: (action, k) => opts.door.open({ actor, place, action, key: k }),
      ...(subject ? { subject } : {}),
      isCommand: (line) => WORDS.includes((line.trim().split(/\s+/)[0] ?? '').toLowerCase()),
    });
    if (result.kind === 'say') return (say(result.error ? `✗ ${result.text}` : result.text), true);
    if (result.kind === 'line') {
      say('Cancelled.');
      return handle(result.line);
    }
    await ask({ ask: result.ask, source: result.source });
    return true;
  }

  async function simulate(rest: string): Promise<void> {
    if (!sim) return say('`sim` drives the built-in emulator; it is not available against Vonage.');
    const words = splitWords(rest);
    const flags = new Set(words.filter((w) => w.startsWith('--')));
    const [verb = '', ...name] = words.filter((w) => !w.startsWith('--'));
    if (name.length === 0)
      return say('Usage: `sim join|publish|unpublish|leave <name> [--screen] [--audio-only]`');
    try {
      say(await sim.run(verb.toLowerCase(), name.join(' ').slice(0, 80), flags, place));
    } catch (err) {
      write(`The emulator refused: ${(err as Error).message.slice(0, 200)}\n`);
    }
  }

  const done = (async () => {
    prompt();
    if (opts.banner) write(opts.banner);
    if (interactive || opts.banner) {
      say(
        `You are ${actor.name} in #${place.channelId}. Type \`/video help\` for the bot's commands, \`help\` for the console's.`,
      );
    }
    if (interactive) rl.prompt();
    for (;;) {
      const p = await queue.next();
      if (!p) break;
      let keepGoing = true;
      busy = true;
      try {
        keepGoing = await handle(p.line);
      } catch (err) {
        opts.log.error('shell line failed', { err });
        say('Something went wrong; it has been logged.');
      }
      busy = false;
      p.done();
      if (!keepGoing) break;
      prompt();
      if (interactive) rl.prompt();
    }
    queue.discard();
    rl.close();
  })();
  rl.on('line', (line) => void queue.push(line));
  rl.on('close', () => queue.end());
  return { publisher, submit: (line) => queue.push(line), done, close: () => rl.close() };
}

/** The words of a console line; double or single quotes keep spaces inside one word. */
function splitWords(text: string): string[] {
  return [...text.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3] ?? '');
}
