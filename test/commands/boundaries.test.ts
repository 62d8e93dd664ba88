import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The dependency rules fail on a deliberate violation: ESLint's boundary rules (eslint.config.js)
// and the import-cycle check (tools/import-cycles.mjs), both run by `npm run lint` in CI.

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

async function problems(filePath: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('dependency direction', () => {
  it('refuses an adapter importing anything from commands/ but the front door', async () => {
    expect(
      await problems(
        'adapters/slack/x.ts',
        "import { execute } from '../../commands/execute.js';\nvoid execute;\n",
      ),
    ).toEqual([expect.stringContaining('only through commands/front-door.ts')]);
    expect(
      await problems(
        'adapters/slack/x.ts',
        "import type { FrontDoor } from '../../commands/front-door.js';\nexport type X = FrontDoor;\n",
      ),
    ).toEqual([]);
  });

  it('refuses src/ importing commands/ or adapters/, except the composition root', async () => {
    const code = "import type { Ask } from '../../commands/request.js';\nexport type X = Ask;\n";
    expect(await problems('src/replica/x.ts', code)).toEqual([expect.stringContaining('src/ never imports')]);
    expect(await problems('src/x.ts', "import { x } from '../adapters/shell/index.js';\nvoid x;\n")).toEqual([
      expect.stringContaining('src/ never imports'),
    ]);
    expect(
      await problems('src/main.ts', "import { x } from '../adapters/shell/index.js';\nvoid x;\n"),
    ).toEqual([]);
  });

  it('refuses commands/ importing adapters/', async () => {
    expect(
      await problems('commands/x.ts', "import { x } from '../adapters/slack/render.js';\nvoid x;\n"),
    ).toEqual([expect.stringContaining('never imports adapters/')]);
  });
});

describe('import cycles', () => {
  const run = (cwd: string, ...dirs: string[]) =>
    spawnSync(process.execPath, [join(ROOT, 'tools/import-cycles.mjs'), ...dirs], { cwd, encoding: 'utf8' });

  it('the project has no new cycle', () => {
    const out = run(ROOT);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('no new cycles');
  });

  it('fails on a cycle, one behind a dynamic import() included, and names its modules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
    try {
      mkdirSync(join(dir, 'commands'));
      // The shape help.ts and registry.ts had: the registry lists help, help loads the registry lazily.
      writeFileSync(
        join(dir, 'commands/registry.ts'),
        "import { help } from './help.js';\nexport const commands = [help];\n",
      );
      writeFileSync(
        join(dir, 'commands/help.ts'),
        "export const help = { run: async () => (await import('./registry.js')).commands };\n",
      );
      writeFileSync(
        join(dir, 'commands/types.ts'),
        "import type { help } from './help.js';\nexport type Help = typeof help;\n",
      );
      writeFileSync(
        join(dir, 'commands/view.ts'),
        "import type { Help } from './types.js';\nexport type V = Help;\n",
      );
      const out = run(dir, 'commands');
      expect(out.status).toBe(1);
      expect(out.stderr).toContain('import cycle: commands/help.ts <-> commands/registry.ts');
      // Type-only imports are erased at compile time; --types counts them as well.
      writeFileSync(join(dir, 'commands/registry.ts'), 'export const commands = [];\n');
      writeFileSync(
        join(dir, 'commands/help.ts'),
        "import type { V } from './view.js';\nexport const help: V[] = [];\n",
      );
      expect(run(dir, 'commands').status).toBe(0);
      const typed = run(dir, '--types', 'commands');
      expect(typed.status).toBe(1);
      expect(typed.stderr).toContain(
        'import cycle: commands/help.ts <-> commands/types.ts <-> commands/view.ts',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
