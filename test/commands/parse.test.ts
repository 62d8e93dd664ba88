import { describe, expect, it } from 'vitest';
import { CommandError } from '../../commands/errors.js';
import { MAX_INPUT, mentionUserId, parseOptions, tokenize } from '../../commands/parse.js';
import type { OptionSpec } from '../../commands/types.js';

const words = (text: string) => tokenize(text).map((t) => t.text);
const target = (options: OptionSpec[]) => ({ name: 'x', usage: '/video x', options });
const parse = (text: string, options: OptionSpec[]) => parseOptions(tokenize(text), target(options));
const message = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CommandError);
    return (err as CommandError).message;
  }
  throw new Error('expected a CommandError');
};

describe('tokenize', () => {
  it('splits on whitespace and keeps quoted text together', () => {
    expect(words(`record start "Weekly sync"  'it''s' --layout pip`)).toEqual([
      'record',
      'start',
      'Weekly sync',
      'its',
      '--layout',
      'pip',
    ]);
  });
  it('handles escapes inside double quotes and outside quotes', () => {
    expect(words(String.raw`"say \"hi\" \\ now" a\ b`)).toEqual(['say "hi" \\ now', 'a b']);
  });
  it('accepts curly quotes from Slack and apostrophes inside words', () => {
    expect(words("start \u201cAlice\u2019s sync\u201d Bob's")).toEqual([
      'start',
      'Alice\u2019s sync',
      "Bob's",
    ]);
  });
  it('keeps Slack angle-bracket words whole, spaces in labels included', () => {
    expect(words('kick <@U1|Ann Lee> now <https://x.example/a b|label x> <b>')).toEqual([
      'kick',
      '<@U1|Ann Lee>',
      'now',
      '<https://x.example/a b|label x>',
      '<b>',
    ]);
  });
  it('marks quoted words so "--x" is not a flag', () => {
    expect(tokenize('"--layout"')[0]).toEqual({ text: '--layout', quoted: true });
  });
  it('refuses unclosed quotes and a lone backslash with one sentence', () => {
    expect(message(() => tokenize('start "oops'))).toMatch(/unclosed " quote/);
    expect(message(() => tokenize("start 'oops"))).toMatch(/unclosed ' quote/);
    expect(message(() => tokenize('start oops\\'))).toMatch(/lone backslash/);
  });
  it('refuses input over the limit before parsing', () => {
    expect(message(() => tokenize('a'.repeat(MAX_INPUT + 1)))).toMatch(/too long/);
  });
});

describe('mentionUserId', () => {
  it('reads Slack and Discord mentions', () => {
    expect(mentionUserId('<@U123ABC>')).toBe('U123ABC');
    expect(mentionUserId('<@U123|alice>')).toBe('U123');
    expect(mentionUserId('<@!81234567>')).toBe('81234567');
    expect(mentionUserId('<@81234567>')).toBe('81234567');
    expect(mentionUserId('alice')).toBeNull();
  });
});

describe('parseOptions', () => {
  const specs: OptionSpec[] = [
    { name: 'name', type: 'string', description: 'n', positional: true, rest: true },
    { name: 'layout', type: 'string', description: 'l', choices: ['bestFit', 'pip'] },
    { name: 'count', type: 'integer', description: 'c' },
    { name: 'individual', type: 'boolean', description: 'i' },
    { name: 'except', type: 'string[]', description: 'e' },
    { name: 'rtmp', type: 'string[]', description: 'r', arity: 2 },
    { name: 'user', type: 'user', description: 'u' },
  ];
  it('maps flags, =values, booleans, repeated flags and the rest positional', () => {
    expect(parse('Weekly sync --layout=PIP --count 3 --individual --except a --except "b c"', specs)).toEqual(
      {
        name: 'Weekly sync',
        layout: 'pip',
        count: 3,
        individual: true,
        except: ['a', 'b c'],
      },
    );
  });
  it('takes two values for --rtmp and converts mentions for user options', () => {
    expect(parse('--rtmp rtmp://a/live key1 --rtmp rtmp://b/live key2 --user <@U9|z>', specs)).toEqual({
      rtmp: ['rtmp://a/live key1', 'rtmp://b/live key2'],
      user: 'U9',
    });
  });
  it('accepts --flag=false and -- to end flags', () => {
    expect(parse('--individual=false -- --not-a-flag', specs)).toEqual({
      individual: false,
      name: '--not-a-flag',
    });
  });
  it('unwraps Slack-formatted links and phone numbers', () => {
    expect(parse('<https://example.com/a|example.com/a> --rtmp <rtmp://a.example/live> KEY', specs)).toEqual({
      name: 'https://example.com/a',
      rtmp: ['rtmp://a.example/live KEY'],
    });
    expect(parse('<tel:+14155550100|+1 415 555 0100>', specs)).toEqual({ name: '+14155550100' });
    expect(parse('<not a link>', specs)).toEqual({ name: '<not a link>' });
  });
  it('keeps a non-number for zod to reject', () => {
    expect(parse('--count ten', specs)).toEqual({ count: 'ten' });
  });
  it('names unknown flags with a suggestion', () => {
    expect(message(() => parse('--layot pip', specs))).toBe(
      '`x` has no option `--layot`; did you mean `--layout`?',
    );
    expect(message(() => parse('--zzzzzz', specs))).toBe('`x` has no option `--zzzzzz`.');
  });
  it('refuses missing values, repeats of single flags and bad switch values', () => {
    expect(message(() => parse('--layout', specs))).toMatch(
      /`--layout` needs a value \(one of `bestFit`, `pip`\)/,
    );
    expect(message(() => parse('--rtmp rtmp://a/x', specs))).toMatch(/needs 2 values/);
    expect(message(() => parse('--count 1 --count 2', specs))).toMatch(/more than once/);
    expect(message(() => parse('--individual=maybe', specs))).toMatch(/is a switch/);
  });
  it('refuses extra positionals when nothing takes the rest', () => {
    const one: OptionSpec[] = [{ name: 'id', type: 'string', description: 'id', positional: true }];
    expect(parseOptions(tokenize('abc'), target(one))).toEqual({ id: 'abc' });
    expect(message(() => parseOptions(tokenize('abc def'), target(one)))).toMatch(/Unexpected `def`/);
  });
});

describe('parseOptions: what newcomers type', () => {
  const specs: OptionSpec[] = [
    { name: 'title', type: 'string', description: 't', positional: true, rest: true },
    { name: 'relayed', type: 'boolean', description: 'r' },
    { name: 'except', type: 'string[]', description: 'e' },
    { name: 'rtmp', type: 'string[]', description: 'r', arity: 2, values: 'a URL and a stream key' },
  ];
  const cmd = (usage: string) => ({ name: 'x', usage, options: specs });
  it('refuses one dash (or an autocorrected long dash) before an option name, unless quoted', () => {
    expect(message(() => parse('Standup -relayed', specs))).toBe(
      '`-relayed` looks like an option: write `--relayed` (two dashes), or quote it to mean the text.',
    );
    expect(message(() => parse('\u2014relayed', specs))).toMatch(
      /^`\u2014relayed` looks like an option: write `--relayed`/,
    );
    expect(message(() => parse('-rlayed', specs))).toMatch(/write `--relayed`/);
    expect(message(() => parse('-xyzzy', specs))).toBe(
      '`-xyzzy` looks like an option, and `x` has none by that name; quote it to mean the text.',
    );
    expect(parse('"-relayed" -5 minutes', specs)).toEqual({ title: '-relayed -5 minutes' });
    expect(parse('-- -relayed', specs)).toEqual({ title: '-relayed' });
  });
  it('splits a repeatable option on commas, as help says; a two-value option stays whole', () => {
    expect(parse('--except Eve,Nobody --except " Zed , "', specs)).toEqual({
      except: ['Eve', 'Nobody', 'Zed'],
    });
    expect(parse('--rtmp rtmp://a/b k,1', specs)).toEqual({ rtmp: ['rtmp://a/b k,1'] });
  });
  it('says what a two-value option needs in words', () => {
    expect(message(() => parse('--rtmp rtmp://a/x', specs))).toBe('`--rtmp` needs a URL and a stream key.');
  });
  it('points a usage word written as a flag at the word (`mute --all` -> `mute all`)', () => {
    expect(
      message(() => parseOptions(tokenize('--all'), cmd('/video x all [--except who]... | /video x off'))),
    ).toBe('`x` has no option `--all`; did you mean `x all` (no dashes)?');
  });
});

describe('help placeholders', () => {
  it('takes the words the usage writes after each flag', async () => {
    const { placeholder } = await import('../../commands/help.js');
    const live = '/video live start [--rtmp URL KEY]... [--hls [--dvr|--low-latency]] [--max-duration S]';
    expect(placeholder(live, 'rtmp', 2)).toBe('URL KEY');
    expect(placeholder(live, 'max-duration', 1)).toBe('S');
    expect(placeholder('/video mute all [--except who]... | /video mute off', 'except', 1)).toBe('who');
    expect(placeholder('/video x', 'count', 1)).toBe('value');
  });
});

describe('typedOptions', () => {
  it('splits one typed string for a repeatable option on commas and mention runs', async () => {
    const { typedOptions } = await import('../../commands/typed.js');
    const cmd = {
      name: 'mute',
      usage: '/video mute',
      options: [
        { name: 'except', type: 'string[]', description: 'e' },
        { name: 'rtmp', type: 'string[]', description: 'r', arity: 2 },
        { name: 'count', type: 'integer', description: 'c' },
        { name: 'on', type: 'boolean', description: 'o' },
      ] as OptionSpec[],
    };
    expect(
      typedOptions(
        {
          except: '<@1> <@!2>, Alice Smith,',
          rtmp: 'rtmp://a/b KEY',
          count: ' 7 ',
          on: 'true',
          max_unused: '',
        },
        cmd,
      ),
    ).toEqual({
      except: ['<@1>', '<@!2>', 'Alice Smith'],
      rtmp: ['rtmp://a/b KEY'],
      count: 7,
      on: true,
    });
    expect(() => typedOptions({ nope: 1 }, cmd)).toThrow('`mute` has no option `nope`.');
  });
});
