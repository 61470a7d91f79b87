/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { build, files, prerendered, version } from '$service-worker';
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute } from 'workbox-routing';

const worker = self as unknown as ServiceWorkerGlobalScope;

// Every built asset (hashed names, so no revision needed), every static file and every
// prerendered page and data file (revisioned by the build's version): the first visit installs
// the whole app and all lessons.
precacheAndRoute(
  [
    ...build.map((url) => ({ url, revision: null })),
    ...files.map((url) => ({ url, revision: version })),
    ...prerendered.map((url) => ({ url, revision: version })),
    // The app's "Page not found" page (adapter-static's fallback), for unknown addresses.
    { url: '/404.html', revision: version }
  ],
  {
    // `/review` is stored as `/review`, the way the static server answers it; a link with a
    // query or a trailing `.html` still finds it.
    cleanURLs: true,
    ignoreURLParametersMatching: [/.*/]
  }
);

cleanupOutdatedCaches();

// An address the app does not have: ask the network (a host may have more than the app), and
// with no network show the app's own "Page not found" instead of the browser's offline page.
// Registered after the precache route, so every page of the app is still served from the cache.
registerRoute(
  ({ request, url }) => request.mode === 'navigate' && url.origin === worker.location.origin,
  async ({ request }) => {
    try {
      return await fetch(request);
    } catch {
      return (await matchPrecache('/404.html')) ?? Response.error();
    }
  }
);

// A new worker waits until the page says the learner pressed "Reload": never an
// unconditional skipWaiting, which would pull chunks from under an open tab.
worker.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | undefined)?.type === 'SKIP_WAITING')
    void worker.skipWaiting();
});

// The first worker takes control at once, so the very first visit already works offline.
clientsClaim();

// The data of a page the app does not have (`/lessons/no-such-lesson/__data.json`): every real
// page's data is precached, so with no network this answers "not found", and the page says so
// instead of failing to load.
registerRoute(
  ({ url }) => url.origin === worker.location.origin && url.pathname.endsWith('/__data.json'),
  async ({ request }) => {
    try {
      return await fetch(request);
    } catch {
      return new Response('Not found', { status: 404 });
    }
  }
);
