import { describe, expect, it } from 'vitest';
import { defaultSettings, normalizeSettings, parseSteps } from './settings';

describe('parseSteps', () => {
  it('reads minutes, hours and days separated by spaces or commas', () => {
    expect(parseSteps('1m 10m')).toEqual(['1m', '10m']);
    expect(parseSteps('1m, 1h,2d')).toEqual(['1m', '1h', '2d']);
    expect(parseSteps('')).toEqual([]);
  });

  it('refuses anything else', () => {
    expect(parseSteps('10 minutes')).toBeUndefined();
    expect(parseSteps('0m')).toBeUndefined();
    expect(parseSteps('-1m')).toBeUndefined();
  });
});

describe('normalizeSettings', () => {
  it('fills gaps with the defaults', () => {
    expect(normalizeSettings(undefined)).toEqual(defaultSettings);
    expect(normalizeSettings({ newPerDay: 5 })).toEqual({ ...defaultSettings, newPerDay: 5 });
  });

  it('clamps each number into its range and rejects bad values', () => {
    const clean = normalizeSettings({
      desiredRetention: 0.5,
      maximumIntervalDays: 0,
      newPerDay: -3,
      reviewsPerDay: Number.NaN,
      dayStartsAtHour: 30,
      learningSteps: ['soon'],
      fuzz: 'yes'
    });
    expect(clean.desiredRetention).toBe(0.7);
    expect(clean.maximumIntervalDays).toBe(1);
    expect(clean.newPerDay).toBe(0);
    expect(clean.reviewsPerDay).toBe(defaultSettings.reviewsPerDay);
    expect(clean.dayStartsAtHour).toBe(23);
    expect(clean.learningSteps).toEqual(defaultSettings.learningSteps);
    expect(clean.fuzz).toBe(true);
    expect(normalizeSettings({ desiredRetention: 0.999 }).desiredRetention).toBe(0.97);
  });
});

describe('lessons left out of the daily review', () => {
  it('keeps lesson slugs, once each, and drops anything else', () => {
    expect(normalizeSettings(undefined).excludedLessons).toEqual([]);
    expect(
      normalizeSettings({
        excludedLessons: ['consistent-hashing', 'consistent-hashing', 7, 'Bad Slug']
      }).excludedLessons
    ).toEqual(['consistent-hashing']);
    expect(normalizeSettings({ excludedLessons: 'all' }).excludedLessons).toEqual([]);
  });
});
