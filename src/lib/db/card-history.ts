import { readEntryRows } from '../core/review/entry-guard';
import { inAnswerOrder, type LoggedEntry } from '../core/review/log';
import { database } from './database';

/** Every answer one card had that can be read, oldest first (for the card browser's view). */
export async function cardAnswers(cardId: string): Promise<LoggedEntry[]> {
  const rows = await database().reviews.where('cardId').equals(cardId).toArray();
  return inAnswerOrder(readEntryRows(rows).entries);
}
