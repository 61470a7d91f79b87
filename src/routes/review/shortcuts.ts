// Loaded with the shortcut dialog only, so the review page's first card does not carry it.

/** Every key of the review page, for the shortcut list (`?`). */
export const reviewShortcuts: readonly { keys: string; does: string }[] = [
  { keys: 'Space or Enter', does: 'Show answer' },
  { keys: '1 to 9', does: 'Pick the option at that place (choice questions, before Check)' },
  { keys: 'Enter', does: 'Check (choice and order questions)' },
  { keys: '1 2 3 4', does: 'Rate Again, Hard, Good, Easy (once the answer shows)' },
  { keys: 'Z', does: 'Undo the last answer, suspend, bury or flag' },
  { keys: '@', does: 'Suspend the card (it leaves the session)' },
  { keys: '-', does: 'Bury the card until the next study day (it leaves the session)' },
  { keys: 'Ctrl+1 to Ctrl+4', does: 'Flag red, orange, green or blue (the same again removes it)' },
  { keys: 'Ctrl+0', does: 'Remove the flag' },
  { keys: '?', does: 'Show this list' },
  { keys: 'Escape', does: 'Close this list' }
];
