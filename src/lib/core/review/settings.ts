/** What the learner can tune about scheduling, with the ranges /settings explains. */
export interface ReviewSettings {
  /** Share of cards you want to still know when they come back (FSRS desired retention). */
  desiredRetention: number;
  /** Longest gap between two reviews of a card, in days. */
  maximumIntervalDays: number;
  /** Steps a new card goes through before its first real interval, e.g. ["1m", "10m"]. */
  learningSteps: string[];
  /** Steps a forgotten card goes through before it returns to review. */
  relearningSteps: string[];
  /** Spread intervals a little so cards learned together do not stay together. */
  fuzz: boolean;
  newPerDay: number;
  reviewsPerDay: number;
  /** The hour (local time) at which a new study day begins. */
  dayStartsAtHour: number;
  /**
   * Lessons (by slug) left out of the daily review: their cards wait, schedules kept, until the
   * lesson is turned back on. Listed by what is left out, so a new lesson is in by default.
   */
  excludedLessons: string[];
  /** Lapses (Again on a card in review) that make a card a leech; 0 turns leeches off. */
  leechLapses: number;
  /** Whether a card that becomes a leech is suspended (as Anki does by default). */
  suspendLeeches: boolean;
  /**
   * The FSRS model weights in force (21 numbers, from "Optimize parameters"); null keeps
   * FSRS's defaults. Only the optimizer changes them (see `saveSettings`).
   */
  weights: number[] | null;
  /** When the weights in force were chosen, epoch ms; null when they were never changed. */
  weightsSince: number | null;
  /** The set in force before them (null: the defaults), kept so a change can be looked back on. */
  previousWeights: number[] | null;
}

/** FSRS-6 has 21 weights. */
export const weightCount = 21;

/** `raw` as a set of FSRS weights, or null when it is not one. */
export function readWeights(raw: unknown): number[] | null {
  return Array.isArray(raw) &&
    raw.length === weightCount &&
    raw.every((n) => typeof n === 'number' && Number.isFinite(n))
    ? [...(raw as number[])]
    : null;
}

export const defaultSettings: ReviewSettings = {
  desiredRetention: 0.9,
  maximumIntervalDays: 36500,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  fuzz: true,
  newPerDay: 20,
  reviewsPerDay: 200,
  dayStartsAtHour: 4,
  excludedLessons: [],
  leechLapses: 8,
  suspendLeeches: true,
  weights: null,
  weightsSince: null,
  previousWeights: null
};

export const settingRanges = {
  desiredRetention: { min: 0.7, max: 0.97, step: 0.01 },
  maximumIntervalDays: { min: 1, max: 36500, step: 1 },
  newPerDay: { min: 0, max: 9999, step: 1 },
  reviewsPerDay: { min: 0, max: 99999, step: 1 },
  dayStartsAtHour: { min: 0, max: 23, step: 1 },
  leechLapses: { min: 0, max: 99, step: 1 }
} as const;

const stepPattern = /^\d+(\.\d+)?[mhd]$/;

/** Whether `text` is a list of steps like "1m 10m" or "1m, 10m, 1h". Returns them, or undefined. */
export function parseSteps(text: string): string[] | undefined {
  const steps = text
    .split(/[\s,]+/)
    .map((step) => step.trim())
    .filter(Boolean);
  if (steps.length > 10) return undefined;
  return steps.every((step) => stepPattern.test(step) && Number.parseFloat(step) > 0)
    ? steps
    : undefined;
}

function clampNumber(
  value: unknown,
  range: { min: number; max: number },
  fallback: number,
  integer: boolean
): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : fallback;
  const clamped = Math.min(range.max, Math.max(range.min, n));
  return integer ? Math.round(clamped) : clamped;
}

/** Any stored or typed value made into valid settings: out-of-range numbers are clamped. */
export function normalizeSettings(
  input: Partial<Record<keyof ReviewSettings, unknown>> | undefined
): ReviewSettings {
  const value = input ?? {};
  const steps = (raw: unknown, fallback: string[]) =>
    Array.isArray(raw) && raw.every((s) => typeof s === 'string')
      ? (parseSteps(raw.join(' ')) ?? fallback)
      : fallback;
  return {
    desiredRetention:
      Math.round(
        clampNumber(
          value.desiredRetention,
          settingRanges.desiredRetention,
          defaultSettings.desiredRetention,
          false
        ) * 100
      ) / 100,
    maximumIntervalDays: clampNumber(
      value.maximumIntervalDays,
      settingRanges.maximumIntervalDays,
      defaultSettings.maximumIntervalDays,
      true
    ),
    learningSteps: steps(value.learningSteps, defaultSettings.learningSteps),
    relearningSteps: steps(value.relearningSteps, defaultSettings.relearningSteps),
    fuzz: typeof value.fuzz === 'boolean' ? value.fuzz : defaultSettings.fuzz,
    newPerDay: clampNumber(
      value.newPerDay,
      settingRanges.newPerDay,
      defaultSettings.newPerDay,
      true
    ),
    reviewsPerDay: clampNumber(
      value.reviewsPerDay,
      settingRanges.reviewsPerDay,
      defaultSettings.reviewsPerDay,
      true
    ),
    dayStartsAtHour: clampNumber(
      value.dayStartsAtHour,
      settingRanges.dayStartsAtHour,
      defaultSettings.dayStartsAtHour,
      true
    ),
    excludedLessons: Array.isArray(value.excludedLessons)
      ? [
          ...new Set(
            (value.excludedLessons as unknown[]).filter(
              (slug): slug is string => typeof slug === 'string' && /^[a-z0-9-]+$/.test(slug)
            )
          )
        ]
      : [],
    leechLapses: clampNumber(
      value.leechLapses,
      settingRanges.leechLapses,
      defaultSettings.leechLapses,
      true
    ),
    suspendLeeches:
      typeof value.suspendLeeches === 'boolean'
        ? value.suspendLeeches
        : defaultSettings.suspendLeeches,
    weights: readWeights(value.weights),
    weightsSince:
      typeof value.weightsSince === 'number' &&
      Number.isFinite(value.weightsSince) &&
      value.weightsSince >= 0
        ? value.weightsSince
        : null,
    previousWeights: readWeights(value.previousWeights)
  };
}
