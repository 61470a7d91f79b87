/** A marker of the wipe detector: that this browser once held answers, and how many. */
export interface WipeMarker {
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
