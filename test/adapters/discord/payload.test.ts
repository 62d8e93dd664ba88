import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commandOf, InteractionSchema, InteractionShape } from '../../../adapters/discord/payload.js';

// The interaction schema is compiled (zod's fast path, runtime fallback): these pin that it accepts
// what Discord sends at every nesting level, refuses what it never sends, and stays compilable.

const base = { id: '1', application_id: '2', type: 2, token: 't', guild_id: 'g', channel_id: 'c' };
const opt = (name: string, type: number, extra: object = {}) => ({ name, type, ...extra });

describe('InteractionSchema', () => {
  it('reads a subcommand group, its subcommand and their options', () => {
    const payload = {
      ...base,
      data: {
        name: 'video',
        options: [
          opt('record', 2, {
            options: [opt('start', 1, { options: [opt('title', 3, { value: 'Q3' })] })],
          }),
        ],
      },
    };
    const parsed = InteractionSchema.safeParse(payload);
    expect(parsed.success).toBe(true);
    expect(commandOf(parsed.data?.data?.options)).toEqual({
      command: 'record start',
      options: { title: 'Q3' },
    });
  });

  it('keeps fields it does not check, as the runtime parser does', () => {
    const payload = { ...base, locale: 'en-GB', member: { user: { id: 'u', avatar: null }, roles: [] } };
    expect(InteractionSchema.parse(payload)).toEqual(InteractionShape.parse(payload));
    expect(InteractionSchema.parse(payload)).toMatchObject({ locale: 'en-GB' });
  });

  it('refuses options nested deeper than Discord nests them', () => {
    const deep = opt('a', 2, {
      options: [opt('b', 1, { options: [opt('c', 3, { options: [opt('d', 3)] })] })],
    });
    expect(InteractionSchema.safeParse({ ...base, data: { options: [deep] } }).success).toBe(false);
  });

  it('gives the same issues as the runtime parser for a bad payload', () => {
    const bad = { ...base, id: 5, data: { options: [opt('mute', 1, { options: [{ name: 1 }] })] } };
    expect(InteractionSchema.safeParse(bad).error?.issues).toEqual(
      InteractionShape.safeParse(bad).error?.issues,
    );
  });

  it('stays compilable (no recursive part that would send every parse to the runtime)', () => {
    expect(() => z.compile(InteractionShape, { strict: true })).not.toThrow();
  });
});
