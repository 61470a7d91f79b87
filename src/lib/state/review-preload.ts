import type { CardState } from '$lib/core/review/card-state';
import type { ReviewSettings } from '$lib/core/review/settings';
import { onLogChange, writesInThisTab } from '$lib/db/changes';
import { loadSettings, loadStates } from '$lib/db/reviews';

// The card states and the settings are what a study session reads first, and reading 8,500
// states takes IndexedDB tens of milliseconds: the review page's load function starts both as
// its code runs, and the session, set up later by the component, takes what is in flight.

interface Preloaded {
  states: Promise<Map<string, CardState>>;
  settings: Promise<ReviewSettings>;
  /** Another tab wrote to the log since the reads began: they may be out of date. */
  changed: boolean;
  /** This tab's writes when the reads began (links preload on hover, long before a visit). */
  writes: number;
  begun: number;
  stop: () => void;
}

let preloaded: Preloaded | undefined;

/** How long reads begun early are taken as current. */
const freshForMs = 5000;

function current(early: Preloaded): boolean {
  return (
    !early.changed &&
    early.writes === writesInThisTab() &&
    // A hover long ago: settings saved since then are not announced, so read them afresh.
    performance.now() - early.begun <= freshForMs
  );
}

/** Starts reading the card states and the settings, unless reads still current are under way. */
export function preloadSession(): void {
  if (preloaded && current(preloaded)) return;
  preloaded?.stop();
  const early: Preloaded = {
    states: loadStates(),
    settings: loadSettings(),
    changed: false,
    writes: writesInThisTab(),
    begun: performance.now(),
    stop: () => undefined
  };
  // Awaited by the session, which reports a failure.
  early.states.catch(() => undefined);
  early.settings.catch(() => undefined);
  early.stop = onLogChange(() => (early.changed = true));
  preloaded = early;
}

/**
 * The reads begun by `preloadSession`, once; undefined when none were begun, when anything was
 * written since (in this tab or another) or when they are over 5 s old: the caller reads
 * afresh. Call it after listening for other tabs' changes yourself, so no change falls between.
 */
export function takePreloaded(): Pick<Preloaded, 'states' | 'settings'> | undefined {
  const early = preloaded;
  preloaded = undefined;
  early?.stop();
  if (!early || !current(early)) return undefined;
  return { states: early.states, settings: early.settings };
}
