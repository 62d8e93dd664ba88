import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHELL_HELP } from '../../adapters/shell/index.js';

// The README's console section must list what the console's own `help` lists, so the two cannot
// drift apart.

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const section = readme.slice(
  readme.indexOf("### The console's own commands"),
  readme.indexOf('## Configuration'),
);

describe("README: the console's own commands", () => {
  it('lists every command the console help lists', () => {
    const words = SHELL_HELP.split('\n')
      .slice(1)
      .map((l) => /^ {2}(\/?\w+)/.exec(l)?.[1])
      .filter((w): w is string => Boolean(w));
    expect(words).toEqual(['/video', 'as', 'in', 'press', 'watch', 'sim', 'help', 'quit']);
    for (const w of words) expect(section).toContain(`| \`${w}`);
  });

  it('says what survives a restart and uses the press numbers the console shows', () => {
    expect(readme).toContain('### What survives a restart');
    expect(readme).not.toMatch(/press \d+ /);
    expect(readme).toMatch(/press \d+\.\d+ /);
  });
});
