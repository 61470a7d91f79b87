import {
  blockedMessage,
  clearDatabaseProblem,
  forgetDatabaseProblem,
  newerVersionMessage,
  reportDatabaseProblem
} from './problems';
import { StudyDatabase } from './schema';

let current: StudyDatabase | undefined;

/** When another tab opens a newer schema, close this connection and say so, never hang. */
function watch(db: StudyDatabase): StudyDatabase {
  db.on('versionchange', () => {
    db.close();
    reportDatabaseProblem({ kind: 'newer-version', message: newerVersionMessage });
    return false;
  });
  db.on('blocked', () => reportDatabaseProblem({ kind: 'blocked', message: blockedMessage }));
  // Once the other tabs let go, the upgrade goes through and the banner has nothing to say.
  db.on('ready', () => clearDatabaseProblem('blocked'));
  return db;
}

/** The database, opened on first use (never at import, so prerendering never touches it). */
export function database(): StudyDatabase {
  current ??= watch(new StudyDatabase());
  return current;
}

/** For tests: use this database instead of the default one. */
export function useDatabase(db: StudyDatabase | undefined): void {
  forgetDatabaseProblem();
  current = db && watch(db);
}

/** Opens the database now, so a page can do it while it waits for something else. */
export async function openDatabase(): Promise<void> {
  await database().open();
}
