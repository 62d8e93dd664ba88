import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'data/', 'docs/', 'src/join/public/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // Benchmarks and scripts are plain Node ESM.
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: {
      globals: Object.fromEntries(
        [
          'process',
          'console',
          'setTimeout',
          'clearTimeout',
          'setInterval',
          'clearInterval',
          'setImmediate',
          'performance',
          'Buffer',
          'URL',
          'URLSearchParams',
          'fetch',
          'AbortController',
          'AbortSignal',
          'TextEncoder',
          'TextDecoder',
          'structuredClone',
          'queueMicrotask',
        ].map((g) => [g, 'readonly']),
      ),
    },
  },
  // Dependencies point one way: adapters -> commands -> src. Adapters reach the core only through
  // commands/front-door.ts; src/ never imports commands/ or adapters/ (src/main.ts, the composition
  // root, is the one exception). Import cycles are checked by tools/import-cycles.mjs (npm run lint).
  {
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+(commands|adapters)(/|$)',
              message: 'src/ never imports commands/ or adapters/; only src/main.ts composes them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['commands/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+adapters(/|$)',
              message: 'commands/ never imports adapters/: adapters call the core, not the other way.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['adapters/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+commands/(?!front-door\\.js$)',
              message: 'Adapters reach the core only through commands/front-door.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='vi'][callee.property.name='mock']",
          message: 'Fake the boundary, not the module.',
        },
      ],
    },
  },
  // SQLite re-prepares an ORDER BY ... `LIMIT ?` statement at every run (it reads the bound value
  // while planning); the store writes LIMIT and OFFSET as src/store/sql.ts's LIMIT and OFFSET.
  {
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            ':matches(TemplateElement[value.raw=/(LIMIT|OFFSET) \\?/], Literal[value=/(LIMIT|OFFSET) \\?/])',
          message:
            'Write ${LIMIT} / ${OFFSET} (src/store/sql.ts): a bare LIMIT ? is re-planned at every run.',
        },
      ],
    },
  },
);
