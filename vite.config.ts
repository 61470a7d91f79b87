import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * PouchDB's three CommonJS dependencies (`events`, `spark-md5`, `vuvuzela`: no `require` in
 * any) given to the bundler as ES modules, their `module.exports` as the default export.
 * Bundled as CommonJS they need the bundler's interop helpers (`__commonJS`, `__toESM`),
 * which go into the runtime chunk every page shares: 0.2 KB gzip more on `/review` for code
 * only the lazy sync chunk runs.
 */
function pouchCommonJsAsEsm(): Plugin {
  const wrapped =
    /node_modules[\\/](events[\\/]events|spark-md5[\\/]spark-md5|vuvuzela[\\/]index)\.js$/;
  return {
    name: 'pouchdb-commonjs-as-esm',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!wrapped.test(id)) return undefined;
      return {
        code: `const module = { exports: {} };\nconst exports = module.exports;\n${code}\nexport default module.exports;\n`,
        map: null
      };
    }
  };
}

export default defineConfig({
  plugins: [pouchCommonJsAsEsm(), sveltekit()],
  build: {
    // `SOURCEMAP=1 npm run build` keeps source maps, for `npm run size -- --sources`.
    sourcemap: process.env.SOURCEMAP === '1',
    // `MINIFY=0` keeps function names, for reading `npm run bench -- --profile` (such a build
    // is slower than the real one: take no timings from it).
    minify: process.env.MINIFY === '0' ? false : undefined,
    // The layout's lazy imports (the sync starter, the wipe check) load small files whose own
    // imports the page has already: no preload list for them in the layout every page carries.
    modulePreload: {
      resolveDependencies: (_file, deps, { hostId }) =>
        /nodes[\\/]0\.[^/\\]*\.js$/.test(hostId) ? [] : deps
    },
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
