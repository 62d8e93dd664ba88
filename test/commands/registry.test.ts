import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/registry.js';
import { LAYOUTS, RESOLUTIONS } from '../../commands/schema.js';

// Discord registers slash commands from these specs, so they must satisfy Discord's rules.
const DISCORD_NAME = /^[-_\p{Ll}\p{N}]{1,32}$/u;

describe('the command registry', () => {
  it('lists every subcommand of the design once', () => {
    const names = commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of [
      'start',
      'join',
      'status',
      'participants',
      'record start',
      'record stop',
      'recordings',
      'recordings delete',
      'recording link',
      'live start',
      'live stop',
      'layout',
      'focus',
      'mute',
      'kick',
      'dial',
      'dtmf',
      'signal',
      'compose start',
      'compose stop',
      'audio-stream start',
      'audio-stream stop',
      'room',
      'room off',
      'end',
      'help',
    ]) {
      expect(names).toContain(n);
    }
  });

  it('describes every command and option in a way Discord accepts', () => {
    for (const c of commands) {
      expect(c.usage.startsWith(`/video ${c.name}`), c.name).toBe(true);
      expect(c.summary.length, c.name).toBeGreaterThan(0);
      expect(c.summary.length, c.name).toBeLessThanOrEqual(100);
      for (const word of c.name.split(' ')) expect(word).toMatch(DISCORD_NAME);
      let seenOptional = false;
      for (const o of c.options) {
        expect(o.name, `${c.name} ${o.name}`).toMatch(DISCORD_NAME);
        expect(o.description.length, `${c.name} --${o.name}`).toBeGreaterThan(0);
        expect(o.description.length, `${c.name} --${o.name}`).toBeLessThanOrEqual(100);
        // Discord wants required options before optional ones.
        if (!o.required) seenOptional = true;
        else expect(seenOptional, `${c.name}: required --${o.name} after an optional one`).toBe(false);
        if (/layout|screenshare|^type$/.test(o.name) && c.name === 'layout') expect(o.choices).toBeDefined();
        if (o.name === 'layout') expect(o.choices).toEqual(LAYOUTS);
        if (o.name.includes('resolution')) expect(o.choices).toEqual(RESOLUTIONS);
        expect(o.choices?.length ?? 0).toBeLessThanOrEqual(25);
      }
      const positionals = c.options.filter((o) => o.positional);
      expect(
        positionals.slice(0, -1).some((o) => o.rest),
        `${c.name}: only the last positional may take the rest`,
      ).toBe(false);
    }
  });

  it('puts the moderation commands behind the moderator role', () => {
    const moderated = commands
      .filter((c) => c.role === 'moderator')
      .map((c) => c.name)
      .sort();
    expect(moderated).toEqual(
      [
        'audio-stream start',
        'audio-stream stop',
        'captions start',
        'captions stop',
        'compose start',
        'compose stop',
        'dial',
        'dtmf',
        'end',
        'focus',
        'kick',
        'layout',
        'live start',
        'live stop',
        'mute',
        'record start',
        'record stop',
        'recordings delete',
        'room off',
        'signal',
      ].sort(),
    );
  });
});
