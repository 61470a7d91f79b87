import { cardKinds, type CardKind } from '../content/types';
import { flagColours, isLeech, type CardMarks, type FlagColour } from '../review/events';
import { Phase } from '../review/phase';
import type { CardState } from '../review/scheduler';
import { foldText } from './text';

/**
 * One card as the browser lists it: made once when the page loads (text folded for search,
 * retrievability computed), so filtering 10,000 of them is plain comparisons.
 */
export interface BrowseCard {
  id: string;
  kind: CardKind;
  lesson: string;
  section: string;
  /** The question as plain text: the result link's name. */
  question: string;
  /** Question, answer, options and key points, folded (see `foldText`). */
  text: string;
  /** The stored scheduling state; undefined for a new card. */
  state: CardState | undefined;
  marks: CardMarks;
  /** Probability of recall now (0 for a new card). */
  retrievability: number;
  /** Position in the deck (lesson order): the order of equal results. */
  order: number;
}

export type StateName = 'new' | 'learning' | 'review' | 'relearning';
export const stateNames: readonly StateName[] = ['new', 'learning', 'review', 'relearning'];

export type SortKey = 'due' | 'lapses' | 'difficulty' | 'retrievability' | 'answered';
export const sortKeys: readonly SortKey[] = [
  'due',
  'lapses',
  'difficulty',
  'retrievability',
  'answered'
];

/** `any`: any flag; a colour: that flag; '' : no filter. */
export type FlagFilter = '' | 'any' | FlagColour;

/** What the learner asked the browser for; '' and false mean "no filter". */
export interface BrowseQuery {
  search: string;
  lesson: string;
  /** A section id of `lesson` (a topic is a lesson's section). */
  topic: string;
  kind: CardKind | '';
  state: StateName | '';
  suspended: boolean;
  buried: boolean;
  flag: FlagFilter;
  leech: boolean;
  dueToday: boolean;
  sort: SortKey;
}

export const emptyQuery: Readonly<BrowseQuery> = Object.freeze({
  search: '',
  lesson: '',
  topic: '',
  kind: '',
  state: '',
  suspended: false,
  buried: false,
  flag: '',
  leech: false,
  dueToday: false,
  sort: 'due'
});

/** What the filters compare against besides the cards. */
export interface BrowseContext {
  now: number;
  /** When the current study day ends: "due today" is due before it. */
  dayEnds: number;
  leechLapses: number;
}

export function stateName(state: CardState | undefined): StateName {
  switch (state?.phase) {
    case Phase.Learning:
      return 'learning';
    case Phase.Review:
      return 'review';
    case Phase.Relearning:
      return 'relearning';
    default:
      return 'new';
  }
}

/** The search box's words: every one must appear (in any order). */
export function searchTerms(search: string): string[] {
  return foldText(search).split(/\s+/).filter(Boolean);
}

function matches(card: BrowseCard, query: BrowseQuery, terms: string[], context: BrowseContext) {
  if (query.lesson && card.lesson !== query.lesson) return false;
  if (query.topic && card.section !== query.topic) return false;
  if (query.kind && card.kind !== query.kind) return false;
  if (query.state && stateName(card.state) !== query.state) return false;
  if (query.suspended && !card.marks.suspended) return false;
  if (query.buried && !(card.marks.buriedUntil > context.now)) return false;
  if (query.flag === 'any' && card.marks.flag === 0) return false;
  if (query.flag && query.flag !== 'any' && flagColours[card.marks.flag - 1] !== query.flag)
    return false;
  if (query.leech && !isLeech(card.state, context.leechLapses)) return false;
  if (query.dueToday && !(card.state && card.state.due < context.dayEnds)) return false;
  for (const term of terms) if (!card.text.includes(term)) return false;
  return true;
}

/**
 * Sort values, ascending: the most pressing first. Due soonest; most lapses; hardest; least
 * likely remembered; answered most recently. New cards (no state) go last for every key.
 */
function sortValue(card: BrowseCard, key: SortKey): number {
  const state = card.state;
  if (!state) return Infinity;
  switch (key) {
    case 'due':
      return state.due;
    case 'lapses':
      return -state.lapses;
    case 'difficulty':
      return -state.difficulty;
    case 'retrievability':
      return card.retrievability;
    case 'answered':
      return -(state.lastReview ?? -Infinity);
  }
}

/** The cards that match `query`, in its order (ties in deck order). */
export function browseCards(
  cards: readonly BrowseCard[],
  query: BrowseQuery,
  context: BrowseContext
): BrowseCard[] {
  const terms = searchTerms(query.search);
  const found = cards.filter((card) => matches(card, query, terms, context));
  const keyed = found.map((card) => ({ card, value: sortValue(card, query.sort) }));
  keyed.sort((a, b) =>
    a.value === b.value ? a.card.order - b.card.order : a.value < b.value ? -1 : 1
  );
  return keyed.map((entry) => entry.card);
}

/** Results are drawn this many at a time ("Show more" adds as many again). */
export const pageSize = 50;

const flagFilters: readonly string[] = ['any', ...flagColours];

/** The query as the address's search part (only what differs from no filter), for reload and back. */
export function queryToSearch(query: BrowseQuery): URLSearchParams {
  const search = new URLSearchParams();
  if (query.search.trim()) search.set('q', query.search.trim());
  if (query.lesson) search.set('lesson', query.lesson);
  if (query.lesson && query.topic) search.set('topic', query.topic);
  if (query.kind) search.set('kind', query.kind);
  if (query.state) search.set('state', query.state);
  if (query.suspended) search.set('suspended', '1');
  if (query.buried) search.set('buried', '1');
  if (query.flag) search.set('flag', query.flag);
  if (query.leech) search.set('leech', '1');
  if (query.dueToday) search.set('due', 'today');
  if (query.sort !== 'due') search.set('sort', query.sort);
  return search;
}

/** The query an address asks for; anything unknown is read as no filter. */
export function queryFromSearch(search: URLSearchParams): BrowseQuery {
  const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | '' =>
    value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : '';
  const lesson = search.get('lesson') ?? '';
  return {
    search: search.get('q') ?? '',
    lesson,
    topic: lesson ? (search.get('topic') ?? '') : '',
    kind: pick(search.get('kind'), cardKinds),
    state: pick(search.get('state'), stateNames),
    suspended: search.get('suspended') === '1',
    buried: search.get('buried') === '1',
    flag: pick(search.get('flag'), flagFilters) as FlagFilter,
    leech: search.get('leech') === '1',
    dueToday: search.get('due') === 'today',
    sort: pick(search.get('sort'), sortKeys) || 'due'
  };
}
