import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [sveltekit()],
  build: {
    // `SOURCEMAP=1 npm run build` keeps source maps, for `npm run size -- --sources`.
    sourcemap: process.env.SOURCEMAP === '1',
    rolldownOptions: {
      output: {
        // Every page loads Svelte's runtime and SvelteKit's client, and every page that reads
        // the study data loads Dexie: one file each compresses better than the pieces the
        // automatic splitting made (1.8 KB less gzip on /review, and less on every page).
        codeSplitting: {
          groups: [
            {
              name: 'framework',
              test: /node_modules[\\/](svelte|@sveltejs[\\/]kit)[\\/]/,
              priority: 2
            },
            { name: 'dexie', test: /node_modules[\\/]dexie[\\/]/, priority: 1 }
          ]
        }
      }
    }
  },
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
