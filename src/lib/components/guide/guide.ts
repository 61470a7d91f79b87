/** Whether the first-run guide was seen (or skipped) on this device; kept in localStorage. */
const seenKey = 'sdr-guide-seen';

export function guideSeen(): boolean {
  try {
    return localStorage.getItem(seenKey) !== null;
  } catch {
    // Storage blocked: do not ask on every visit.
    return true;
  }
}

export function markGuideSeen(): void {
  try {
    localStorage.setItem(seenKey, '1');
  } catch {
    // Nothing to keep it in; the guide stays reachable from Settings.
  }
}
