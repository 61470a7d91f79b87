import type { ReviewSettings } from '$lib/core/review/settings';
import { onLogChange, writesInThisTab } from '$lib/db/changes';
import { clock } from './clock';
import { loadPlanStates, loadSettings, type DayStates } from '$lib/db/reviews';

// The card states and the settings are what a study session reads first, and reading the states
// takes IndexedDB tens of milliseconds: the review page's load function starts both as
// its code runs, and the session, set up later by the component, takes what is in flight.

interface Preloaded {
  states: Promise<DayStates>;
  /** Read for the daily review (the day's states) or for any other session (every state). */
  dayOnly: boolean;
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

/**
 * Starts reading the card states (the day's for the daily review, `dayOnly`) and the settings,
 * unless the same reads, still current, are under way.
 */
export function preloadSession(dayOnly: boolean): void {
  if (preloaded && preloaded.dayOnly === dayOnly && current(preloaded)) return;
  preloaded?.stop();
  const early: Preloaded = {
    states: loadPlanStates(dayOnly, clock.now()),
    dayOnly,
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
export function takePreloaded(
  dayOnly: boolean
): Pick<Preloaded, 'states' | 'settings'> | undefined {
  const early = preloaded;
  preloaded = undefined;
  early?.stop();
  if (!early || early.dayOnly !== dayOnly || !current(early)) return undefined;
  return { states: early.states, settings: early.settings };
}
