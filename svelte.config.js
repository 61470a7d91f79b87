import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  compilerOptions: {
    runes: true
  },
  kit: {
    // Every page is prerendered; build/ is a plain static site with no server code.
    // BUILD_DIR lets the benchmarks build a second copy without touching build/.
    adapter: adapter({
      pages: process.env.BUILD_DIR ?? 'build',
      assets: process.env.BUILD_DIR ?? 'build',
      fallback: undefined,
      strict: true
    }),
    prerender: { handleHttpError: 'fail', handleMissingId: 'fail' }
  }
};

export default config;
