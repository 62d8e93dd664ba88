import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { OAUTH_REDIRECT_PATH } from '../../../adapters/slack/installations.js';
import { BOT_SCOPES } from '../../../adapters/slack/scopes.js';
import { commands } from '../../../commands/registry.js';

// js-yaml ships with the dev toolchain (eslint); loaded through require so no type package is needed.
const yaml = createRequire(import.meta.url)('js-yaml') as { load(text: string): unknown };

interface Manifest {
  features: {
    slash_commands: Array<{ command: string; url: string; usage_hint: string; should_escape: boolean }>;
  };
  oauth_config: { redirect_urls: string[]; scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { request_url: string; bot_events: string[] };
    interactivity: { is_enabled: boolean; request_url: string };
    socket_mode_enabled: boolean;
  };
}

const manifest = yaml.load(
  readFileSync(new URL('../../../manifest.yml', import.meta.url), 'utf8'),
) as Manifest;
const video = manifest.features.slash_commands.find((c) => c.command === '/video');

/** `record start|stop` -> [record, [start, stop]]; every segment of the usage hint. */
function hintGroups(hint: string): Array<{ head: string; subs: string[] }> {
  return hint.split(' | ').map((seg) => {
    const [head = '', second = ''] = seg.trim().split(/\s+/);
    return { head, subs: second.split('|').map((s) => s.replace(/^\[|\]$/g, '')) };
  });
}

describe('manifest.yml', () => {
  it('declares /video with mentions escaped to user IDs', () => {
    expect(video).toBeDefined();
    expect(video!.should_escape).toBe(true);
  });

  it('lists every registered subcommand in the usage hint', () => {
    const groups = hintGroups(video!.usage_hint);
    const missing = commands
      .map((c) => c.name)
      .filter((name) => {
        const [head, sub] = name.split(' ');
        return !groups.some((g) => g.head === head && (sub === undefined || g.subs.includes(sub)));
      });
    expect(missing).toEqual([]);
  });

  it('names no subcommand the registry does not have', () => {
    const heads = new Set(commands.map((c) => c.name.split(' ')[0]));
    expect(
      hintGroups(video!.usage_hint)
        .map((g) => g.head)
        .filter((h) => !heads.has(h)),
    ).toEqual([]);
  });

  it('asks for exactly the bot scopes the adapter uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...BOT_SCOPES].sort());
  });

  it('sends commands, interactivity and events to /slack/events and OAuth to the redirect route', () => {
    expect(new URL(video!.url).pathname).toBe('/slack/events');
    expect(new URL(manifest.settings.interactivity.request_url).pathname).toBe('/slack/events');
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(new URL(manifest.settings.event_subscriptions.request_url).pathname).toBe('/slack/events');
    expect(manifest.settings.event_subscriptions.bot_events.sort()).toEqual([
      'app_home_opened',
      'app_uninstalled',
      'tokens_revoked',
    ]);
    expect(manifest.oauth_config.redirect_urls.map((u) => new URL(u).pathname)).toEqual([
      OAUTH_REDIRECT_PATH,
    ]);
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });
});
