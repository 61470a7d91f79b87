/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/// <reference types="@sveltejs/kit" />
import { build, files, prerendered, version } from '$service-worker';
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, precacheAndRoute } from 'workbox-precaching';

const worker = self as unknown as ServiceWorkerGlobalScope;

// Every built asset (hashed names, so no revision needed), every static file and every
// prerendered page and data file (revisioned by the build's version): the first visit installs
// the whole app and all lessons.
precacheAndRoute(
  [
    ...build.map((url) => ({ url, revision: null })),
    ...files.map((url) => ({ url, revision: version })),
    ...prerendered.map((url) => ({ url, revision: version }))
  ],
  {
    // `/review` is stored as `/review`, the way the static server answers it; a link with a
    // query or a trailing `.html` still finds it.
    cleanURLs: true,
    ignoreURLParametersMatching: [/.*/]
  }
);

cleanupOutdatedCaches();

// A new worker waits until the page says the learner pressed "Reload": never an
// unconditional skipWaiting, which would pull chunks from under an open tab.
worker.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | undefined)?.type === 'SKIP_WAITING')
    void worker.skipWaiting();
});

// The first worker takes control at once, so the very first visit already works offline.
clientsClaim();
