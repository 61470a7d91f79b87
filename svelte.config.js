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
      // The app's own "Page not found" page, for unknown addresses: static hosts send 404.html
      // with status 404, and the service worker shows it offline.
      fallback: '404.html',
      // Writes .br and .gz beside every file: `npm start` (sirv) sends them, as any real host
      // compresses; a phone on a slow line downloads a third of the bytes.
      precompress: true,
      strict: true
    }),
    prerender: { handleHttpError: 'fail', handleMissingId: 'fail' },
    // Only this origin, and scripts only by hash or file: no inline scripts, no other hosts.
    // No 'manifest-src': WebKit does not know it and logs an error on every page, and
    // 'default-src' already limits the manifest to this origin.
    csp: {
      mode: 'hash',
      directives: {
        'default-src': ['self'],
        // 'wasm-unsafe-eval' lets this origin's own WebAssembly compile (sql.js for the Anki
        // export, the FSRS optimizer); it allows no eval of JavaScript and no other host.
        'script-src': ['self', 'wasm-unsafe-eval'],
        // Inline style attributes (SvelteKit's route announcer sets one); scripts stay strict.
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'font-src': ['self'],
        // Sync (Settings → Sync) talks to the learner's own CouchDB database: any https
        // server, or the local test server on this computer. Nothing else, and no plain http
        // beyond localhost (the app refuses such an address before trying it, too).
        'connect-src': ['self', 'https:', 'http://localhost:*', 'http://127.0.0.1:*'],
        'worker-src': ['self'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'form-action': ['self']
      }
    },
    // The page registers the worker itself (workbox-window), to offer "Update available".
    serviceWorker: { register: false },
    // Set once per build by scripts/build.js; shown in Settings. A deploy with another version
    // is what an open tab's update check finds.
    version: { name: process.env.APP_VERSION ?? 'dev' }
  }
};

export default config;
