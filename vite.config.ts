import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  // The optimizer's worker imports its WebAssembly on demand, which needs an ES-module worker.
  worker: { format: 'es' },
  resolve: {
    // Dexie's default import wraps its ES5 build; the modern ES build is about 3 KB smaller
    // gzipped, and every browser that has service workers runs it.
    alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }]
  },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // A test that asserts nothing fails instead of passing quietly.
    expect: { requireAssertions: true }
  }
});
