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
      'static/'
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
    files: ['eslint.config.js', 'svelte.config.js'],
    ...ts.configs.disableTypeChecked
  }
);
