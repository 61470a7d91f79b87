// A fresh app database for each test of a file (on fake-indexeddb), with exact intervals.
import Dexie from 'dexie';
import { afterEach, beforeEach } from 'vitest';
import { defaultSettings } from '../core/review/settings';
import { database, useDatabase } from '../db/database';
import { saveSettings } from '../db/settings-save';
import { StudyDatabase } from '../db/schema';

let counter = 0;

/** Each test gets its own empty database named `prefix-N`, deleted afterwards; fuzz is off. */
export function useFreshDatabase(prefix: string): void {
  beforeEach(async () => {
    counter += 1;
    useDatabase(new StudyDatabase(`${prefix}-${counter}`));
    await saveSettings({ ...defaultSettings, fuzz: false });
  });
  afterEach(async () => {
    const db = database();
    db.close();
    await Dexie.delete(db.name);
    useDatabase(undefined);
  });
}
