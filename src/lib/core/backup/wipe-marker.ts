/** A marker of the wipe detector: that this browser once held answers, and when it last saw them. */
export interface WipeMarker {
  /**
   * The log's last sequence number when the marker was written (above zero: there were
   * answers). Markers written before 2026-12-05 hold a count of the answers; either serves.
   */
  answers: number;
  at: number;
}

export function readWipeMarker(text: string | null | undefined): WipeMarker | undefined {
  if (!text) return undefined;
  try {
    const value = JSON.parse(text) as Partial<WipeMarker> | null;
    return value &&
      typeof value.answers === 'number' &&
      value.answers > 0 &&
      typeof value.at === 'number'
      ? { answers: value.answers, at: value.at }
      : undefined;
  } catch {
    return undefined;
  }
}
