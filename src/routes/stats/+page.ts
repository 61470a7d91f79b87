import { browser } from '$app/environment';
import { loadDeck } from '$lib/state/deck';
import type { PageLoad } from './$types';

// The deck index is the first thing the page needs: its download starts as soon as the page's
// code runs (as on /review), and the page finds it in flight.
export const load: PageLoad = () => {
  if (browser) loadDeck().catch(() => undefined);
};
