// Enforces STYLE.md section 1 ("What may import what") per folder, plus promise hygiene everywhere.
const { builtinModules } = require('node:module');
const { defineConfig, globalIgnores } = require('eslint/config');
const tseslint = require('typescript-eslint');

const TS_FILES = ['src/**/*.ts', 'test/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts'];

/** Matches a module path and everything beneath it, e.g. `../db` and `../db/pool`. */
const under = (...names) => names.flatMap((name) => [`**/${name}`, `**/${name}/**`]);

const escapeRegex = (text) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

const NODE_BUILTINS = {
  group: ['node:*'],
  message: 'Node built-ins are I/O; this folder is bundled into workflows.',
};
const BARE_NODE_BUILTINS = builtinModules
  .filter((name) => !name.startsWith('_'))
  .map((name) => ({ name, message: 'Node built-ins are I/O; this folder is bundled into workflows.' }));
const TEMPORAL_ANY = { group: ['@temporalio/*'], message: 'No Temporal here.' };
const TEMPORAL_NON_WORKFLOW = {
  group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity'],
  message: 'Workflow code may use @temporalio/workflow only.',
};

// Anything not already named above and not zod, luxon or a sibling domain file (`./x`).
const DOMAIN_ALLOWED_OR_NAMED = [
  'zod',
  'luxon',
  'pg',
  'express',
  ...builtinModules.filter((name) => !name.startsWith('_') && !name.includes('/')),
];
const domainOnly = (localPrefix) => ({
  regex: `^(?!(?:${DOMAIN_ALLOWED_OR_NAMED.map(escapeRegex).join('|')})(?:/|$)|node:|@temporalio/|${localPrefix}|\\.\\./(?:db|api|activities|workflows|stack)(?:/|$))`,
  message: 'domain/ may import only zod, luxon and other domain/ files.',
});
const DOMAIN_ONLY = domainOnly('\\./');
// A subfolder of domain/ (catalogue/, notices/) may also reach domain/ itself: `../x`, never `../../x`.
const DOMAIN_SUBFOLDER_ONLY = domainOnly('\\./|\\.\\./(?!\\.\\.)');

const restrictImports = (patterns, paths = []) => ({ 'no-restricted-imports': ['error', { paths, patterns }] });

module.exports = defineConfig([
  globalIgnores(['node_modules/', 'dist/', '.data/', '.tools/', 'coverage/', 'jest.config.js', 'eslint.config.js']),

  {
    files: TS_FILES,
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: __dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      // Express recognises an error handler by its four parameters, so `_next` must stay.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },

  {
    // HTTP bodies in e2e tests are untyped JSON checked by `expect`; fake activities are async
    // without awaiting to match the activity signatures. Promise rules stay on.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },

  {
    // `AnyRoute` erases each route's schema types to `any` on purpose, so registerRoutes can hold
    // a heterogeneous list; the values are re-validated by those same schemas at runtime.
    files: ['src/api/route.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },

  ...[
    ['src/domain/*.ts', DOMAIN_ONLY],
    ['src/domain/*/**/*.ts', DOMAIN_SUBFOLDER_ONLY],
  ].map(([files, domainOnlyRule]) => ({
    files: [files],
    rules: restrictImports(
      [
        NODE_BUILTINS,
        { group: ['pg', 'pg/**', 'express', 'express/**'], message: 'domain/ does no I/O.' },
        TEMPORAL_ANY,
        { group: under('db', 'api', 'activities', 'workflows', 'stack'), message: 'domain/ imports only domain/.' },
        domainOnlyRule,
      ],
      BARE_NODE_BUILTINS,
    ),
  })),
  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'domain/ is bundled into workflows: take values as arguments.' },
      ],
    },
  },

  {
    files: ['src/workflows/**/*.ts'],
    rules: restrictImports([
      NODE_BUILTINS,
      { group: ['pg', 'pg/**', 'express', 'express/**'], message: 'Workflows do no I/O; call an activity.' },
      TEMPORAL_NON_WORKFLOW,
      { group: under('db', 'api', 'stack'), message: 'Workflows import domain/, messages and activities (types only).' },
      {
        group: under('activities'),
        allowTypeImports: true,
        message: 'Import activities with `import type` and call them through proxyActivities.',
      },
    ]),
  },

  {
    files: ['src/activities/**/*.ts'],
    rules: restrictImports([
      { group: under('api'), message: 'Activities do not depend on the HTTP layer.' },
      { group: ['express', 'express/**'], message: 'Activities do not depend on the HTTP layer.' },
      { group: ['@temporalio/client', '@temporalio/worker'], message: 'Only entry points create clients and workers.' },
    ]),
  },

  {
    files: ['src/db/**/*.ts'],
    rules: restrictImports([
      { group: ['express', 'express/**'], message: 'db/ has no HTTP.' },
      TEMPORAL_ANY,
      { group: under('api', 'activities', 'workflows'), message: 'db/ depends on pg and domain/ types only.' },
    ]),
  },

  {
    files: ['src/api/**/*.ts'],
    rules: restrictImports([
      { group: ['@temporalio/worker', '@temporalio/activity'], message: 'The API talks to Temporal through @temporalio/client.' },
      {
        group: under('activities'),
        allowTypeImports: true,
        message: 'The API writes through a workflow Update, never by calling activities.',
      },
      { group: under('stack'), message: 'Only entry points wire the stack.' },
    ]),
  },
]);
