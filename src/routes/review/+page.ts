import { browser } from '$app/environment';
import { loadDeck, loadLessonCards } from '$lib/state/deck';
import { preloadSession } from '$lib/state/review-preload';
import { readsDayStates, sessionKindFrom } from '$lib/state/session.svelte';
import type { PageLoad } from './$types';

// The deck index and the first lesson's cards are what the session needs first: their downloads
// start here, with the reads of the card states and settings (review-preload.ts), as soon as
// the page's code runs, and the session finds them in flight. Not a <link rel="preload">:
// WebKit never hands a preload to fetch(), so it downloaded each file twice before the
// worker's precache fetched it a third time, and warned the preload was unused.
export const load: PageLoad = ({ data, url }) => {
  if (browser) {
    // For the benchmark's account of the first card (bench/run.ts): the page's code runs.
    performance.mark('review:load');
    loadDeck().catch(() => undefined);
    // The states the session's policy plans from: the day's for the daily review, else all.
    preloadSession(readsDayStates(sessionKindFrom(url.searchParams)));
    if (data.firstLesson) loadLessonCards(data.firstLesson).catch(() => undefined);
  }
  return data;
};
