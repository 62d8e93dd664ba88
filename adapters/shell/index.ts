import { createInterface, type Interface } from 'node:readline';
import { Writable } from 'node:stream';
import type { ChatRequest, FrontDoor, RequestActor } from '../../commands/front-door.js';
import type { Place, View } from '../../src/chat.js';
import type { Logger } from '../../src/log.js';
import type { Store } from '../../src/store/types.js';
import type { VideoApi } from '../../src/video/api.js';
import { complete } from './completion.js';
import { LineQueue } from './lines.js';
import { click } from './press.js';
import { ShellCardPublisher } from './publisher.js';
import { renderView, type Clickable } from './render.js';
import { Simulator, shellUserId, type SimEmulator } from './sim.js';

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
  /** ANSI bold (default: same as interactive). */
  color?: boolean;
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

const HELP = `Commands:
  /video <subcommand> ...   run a command (also without the slash); /video help lists them
  as <name> [--moderator]   act as someone else (moderators may record, mute, kick, ...)
  in <channel>              switch channel
  press <n> [choice]        click button or menu <n> of the last card or reply
  sim join|publish|unpublish|leave <name> [--screen] [--audio-only]   drive emulated participants
  help, quit`;

/** Starts the console adapter: reads lines from `input`, prints cards and replies to `output`. */
export function createShell(opts: ShellOptions): Shell {
  const interactive = opts.interactive ?? Boolean((opts.output as { isTTY?: boolean }).isTTY);
  const style = { color: opts.color ?? interactive };
  let actor: RequestActor = {
    platform: 'shell',
    id: shellUserId(opts.user?.name ?? 'Me'),
    name: opts.user?.name ?? 'Me',
    moderator: opts.user?.moderator ?? false,
  };
  let place: Place = { platform: 'shell', teamId: 'local', channelId: opts.channel ?? 'general' };
  let clickables: Clickable[] = [];
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
  const show = (view: View, header?: string) => {
    const rendered = renderView(
      view,
      style,
      header ?? (view.visibility === 'ephemeral' ? '(only you see this)' : `#${place.channelId}:`),
    );
    if (rendered.clickables.length > 0) clickables = rendered.clickables;
    write(rendered.text);
  };
  // A card edit can arrive while someone is typing: clear the prompt line, print, then redraw it.
  const publisher = new ShellCardPublisher((view, header) => {
    if (interactive && !busy) write('\r\x1b[K');
    show(view, header);
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
    if (answer.kind === 'busy') return write(`${answer.text}\n`);
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
    if (lower === 'help' || lower === '?') return (write(`${HELP}\n`), true);
    if (lower === 'as') return (switchUser(text.slice(2)), true);
    if (lower === 'in') {
      place = {
        ...place,
        channelId: (restWords[0] ?? 'general').replace(/^#/, '').slice(0, 80) || 'general',
      };
      return (write(`Now in #${place.channelId}.\n`), true);
    }
    if (lower === 'press') return (await press(restWords), true);
    if (lower === 'sim') return (await simulate(text.slice(3)), true);
    write(`Unknown shell command \`${word.slice(0, 40)}\`; type \`help\` (commands start with /video).\n`);
    return true;
  }

  function switchUser(rest: string): void {
    const words = splitWords(rest);
    const moderator = words.includes('--moderator');
    const name = words
      .filter((w) => w !== '--moderator')
      .join(' ')
      .slice(0, 80);
    if (!name) return void write('Usage: as <name> [--moderator]\n');
    actor = { platform: 'shell', id: shellUserId(name), name, moderator };
    write(`You are now ${name}${moderator ? ' (moderator)' : ''}.\n`);
  }

  async function press(words: string[]): Promise<void> {
    const n = Number(words[0]);
    const target = Number.isInteger(n) ? clickables[n - 1] : undefined;
    if (!target)
      return void write(
        clickables.length
          ? `Press a number from 1 to ${clickables.length}.\n`
          : 'There is nothing to press yet.\n',
      );
    const result = await click(target, words.slice(1).join(' ') || undefined, question);
    if (result.kind === 'say') return void write(`${result.text}\n`);
    await ask({ ask: result.ask, source: result.source });
  }

  async function simulate(rest: string): Promise<void> {
    if (!sim) return void write('`sim` drives the built-in emulator; it is not available against Vonage.\n');
    const words = splitWords(rest);
    const flags = new Set(words.filter((w) => w.startsWith('--')));
    const [verb = '', ...name] = words.filter((w) => !w.startsWith('--'));
    if (name.length === 0)
      return void write('Usage: sim join|publish|unpublish|leave <name> [--screen] [--audio-only]\n');
    try {
      write(`${await sim.run(verb.toLowerCase(), name.join(' ').slice(0, 80), flags, place)}\n`);
    } catch (err) {
      write(`The emulator refused: ${(err as Error).message.slice(0, 200)}\n`);
    }
  }

  const done = (async () => {
    prompt();
    if (interactive) {
      write(
        `video-chatops console: you are ${actor.name} in #${place.channelId}. Type \`/video help\` for commands, \`help\` for the console.\n`,
      );
      rl.prompt();
    }
    for (;;) {
      const p = await queue.next();
      if (!p) break;
      let keepGoing = true;
      busy = true;
      try {
        keepGoing = await handle(p.line);
      } catch (err) {
        opts.log.error('shell line failed', { err });
        write('Something went wrong; it has been logged.\n');
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
