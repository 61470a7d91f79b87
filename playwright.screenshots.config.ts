import { defineConfig } from '@playwright/test';
import base from './playwright.config';

// `npm run screenshots`: the README's pictures, taken from the built app.
export default defineConfig({
  ...base,
  testDir: 'tests/screenshots',
  testMatch: '**/*.shots.ts',
  retries: 0
});
