import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

/** Imports the domain core must never use, so it always runs in plain Node. */
const coreForbidden = {
  patterns: [
    { group: ['svelte', 'svelte/*'], message: 'src/lib/core must not depend on Svelte.' },
    { group: ['dexie', 'dexie/*'], message: 'src/lib/core must not depend on Dexie.' },
    { group: ['$app/*'], message: 'src/lib/core must not depend on SvelteKit.' },
    {
      group: [
        '$lib/db/*',
        '$lib/state/*',
        '$lib/components/*',
        '**/db/*',
        '**/state/*',
        '**/components/*'
      ],
      message: 'src/lib/core is the bottom layer.'
    }
  ]
};

export default ts.config(
  {
    ignores: [
      'build/',
      '.svelte-kit/',
      'node_modules/',
      'test-results/',
      'playwright-report/',
      'tools/',
      'bench/results/',
      'static/',
      '**/*.tmp.mjs'
    ]
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  prettier,
  ...svelte.configs.prettier,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname }
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }
      ]
    }
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
    languageOptions: {
      parserOptions: {
        projectService: true,
        extraFileExtensions: ['.svelte'],
        parser: ts.parser,
        svelteConfig
      }
    }
  },
  {
    // The core runs in Node tests: no DOM globals, no UI or storage imports.
    files: ['src/lib/core/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': ['error', coreForbidden],
      'no-restricted-globals': [
        'error',
        ...[
          'window',
          'document',
          'navigator',
          'localStorage',
          'indexedDB',
          'HTMLElement',
          'Element'
        ].map((name) => ({
          name,
          message: 'src/lib/core must not touch the DOM.'
        }))
      ]
    }
  },
  {
    // State classes keep private working collections (card states, queues); what components
    // read is exposed through $state fields, so these need not be reactive.
    files: ['src/lib/state/**/*.svelte.ts'],
    rules: { 'svelte/prefer-svelte-reactivity': 'off' }
  },
  {
    // The content compiler (markdown-it, sanitize-html) runs at build time only: pages import
    // the small modules they need, never the compiler, so it never reaches the browser bundle.
    files: [
      'src/routes/**/*.svelte',
      'src/routes/**/+page.ts',
      'src/routes/**/+layout.ts',
      'src/lib/components/**',
      'src/lib/state/**'
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['markdown-it', 'sanitize-html', 'yaml', '$lib/core/content'].map((name) => ({
            name,
            message: 'Build-time only: import from $lib/core/content/types or labels instead.'
          })),
          patterns: [
            {
              group: [
                '$lib/core/content/compile',
                '$lib/core/content/cards',
                '$lib/core/content/markdown',
                '$lib/core/content/diagram',
                '$lib/core/content/fix-ids'
              ],
              message: 'Build-time only.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['eslint.config.js', 'svelte.config.js'],
    ...ts.configs.disableTypeChecked
  }
);
