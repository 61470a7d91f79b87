import type { CardKind } from '$lib/core/content/types';
import type { SortKey, StateName } from '$lib/core/cards/browse';
import type { CardEventKind, FlagColour } from '$lib/core/review/events';
import type { ReviewMode } from '$lib/core/review/log';

// The card browser's words for the core's names.

export const kindNames: Record<CardKind, string> = {
  basic: 'Flashcard',
  cloze: 'Fill the gap',
  choice: 'Choose',
  scenario: 'Explain',
  order: 'Put in order'
};

export const stateLabels: Record<StateName, string> = {
  new: 'New',
  learning: 'Learning',
  review: 'Review',
  relearning: 'Relearning'
};

export const sortNames: Record<SortKey, string> = {
  due: 'Due soonest',
  lapses: 'Most lapses',
  difficulty: 'Most difficult',
  retrievability: 'Least likely remembered',
  answered: 'Answered most recently'
};

export const flagNames: Record<FlagColour, string> = {
  red: 'Red',
  orange: 'Orange',
  green: 'Green',
  blue: 'Blue'
};

export const modeNames: Record<ReviewMode, string> = {
  review: 'Review',
  drill: 'Drill',
  cram: 'Study now'
};

export const eventNames: Record<CardEventKind, string> = {
  suspend: 'Suspended',
  unsuspend: 'Unsuspended',
  bury: 'Buried',
  unbury: 'Unburied',
  flag: 'Flagged',
  forget: 'Forgotten'
};
