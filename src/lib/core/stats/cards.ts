import { isLeech, noMarks, type CardMarks } from '../review/events';
import { Phase } from '../review/phase';
import type { DeckCard } from '../review/queue';
import { retrievability, type CardState, type SchedulerParams } from '../review/scheduler';
import { dayIndexOf, type DayGrid } from './days';
import type { CardMask } from './history';

/** What the card statistics read: the deck's cards with their cached states and marks. */
export interface CardFacts {
  cards: readonly DeckCard[];
  states: ReadonlyMap<string, CardState>;
  marks: ReadonlyMap<string, CardMarks>;
}

const covers = (mask: CardMask, card: number) => mask === undefined || mask[card] === 1;

export interface Forecast {
  /** Cards due before today's start and not yet answered: today's backlog. */
  overdue: number;
  /** Cards falling due on each day of the grid (today first), not counting the backlog. */
  days: { day: string; due: number }[];
}

/**
 * "Due in the next 30 days": for each study day of the grid, how many started cards fall due on
 * it, from each card's due date; cards due before today are today's backlog. Suspended cards
 * are left out (they come back only when taken back); buried ones keep their due date.
 */
export function dueForecast(facts: CardFacts, grid: DayGrid, mask: CardMask): Forecast {
  const due = new Array<number>(grid.days.length).fill(0);
  const start = grid.starts[0] ?? 0;
  let overdue = 0;
  facts.cards.forEach((card, i) => {
    if (!covers(mask, i)) return;
    const state = facts.states.get(card.id);
    if (!state || state.phase === Phase.New) return;
    if (facts.marks.get(card.id)?.suspended) return;
    if (state.due < start) {
      overdue += 1;
      return;
    }
    const day = dayIndexOf(grid, state.due);
    if (day >= 0) due[day] = (due[day] as number) + 1;
  });
  return { overdue, days: grid.days.map((day, i) => ({ day, due: due[i] as number })) };
}

export interface StateCounts {
  new: number;
  learning: number;
  review: number;
  relearning: number;
  /** Suspended cards, counted here and not in their phase. */
  suspended: number;
  /** Leeches (lapses at the leech threshold), suspended or not: a tag, counted in their phase too. */
  leeches: number;
  total: number;
}

/** Counts by state; `leechLapses` is the setting (0: no leeches). */
export function stateCounts(facts: CardFacts, mask: CardMask, leechLapses: number): StateCounts {
  const counts: StateCounts = {
    new: 0,
    learning: 0,
    review: 0,
    relearning: 0,
    suspended: 0,
    leeches: 0,
    total: 0
  };
  facts.cards.forEach((card, i) => {
    if (!covers(mask, i)) return;
    const state = facts.states.get(card.id);
    counts.total += 1;
    if (isLeech(state, leechLapses)) counts.leeches += 1;
    if (facts.marks.get(card.id)?.suspended) counts.suspended += 1;
    else if (!state || state.phase === Phase.New) counts.new += 1;
    else if (state.phase === Phase.Learning) counts.learning += 1;
    else if (state.phase === Phase.Review) counts.review += 1;
    else counts.relearning += 1;
  });
  return counts;
}

export interface Bucket {
  /** What the bucket holds, as shown: "1-7 days", "3-4". */
  label: string;
  count: number;
}

/** Stability buckets, in days: how long a card keeps a 90% chance of being recalled. */
const stabilityEdges = [1, 7, 30, 90, 365];
const stabilityLabels = [
  'under 1 day',
  '1-7 days',
  '7-30 days',
  '30-90 days',
  '90-365 days',
  'a year or more'
];

export interface Distributions {
  stability: Bucket[];
  /** FSRS difficulty 1-10, in whole steps. */
  difficulty: Bucket[];
  /** Cards counted (every card with a schedule). */
  cards: number;
}

/** The distributions of stability and difficulty over the cards that have a schedule. */
export function distributions(facts: CardFacts, mask: CardMask): Distributions {
  const stability = stabilityLabels.map((label) => ({ label, count: 0 }));
  const difficulty = Array.from({ length: 9 }, (_, i) => ({
    label: `${i + 1}-${i + 2}`,
    count: 0
  }));
  let cards = 0;
  facts.cards.forEach((card, i) => {
    if (!covers(mask, i)) return;
    const state = facts.states.get(card.id);
    if (!state || state.phase === Phase.New) return;
    cards += 1;
    const s = stabilityEdges.findIndex((edge) => state.stability < edge);
    (stability[s === -1 ? stabilityEdges.length : s] as Bucket).count += 1;
    const d = Math.min(8, Math.max(0, Math.floor(state.difficulty) - 1));
    (difficulty[d] as Bucket).count += 1;
  });
  return { stability, difficulty, cards };
}

export interface TopicMastery {
  lesson: string;
  section: string;
  cards: number;
  /** Cards whose retrievability now is at or above the desired retention. */
  mastered: number;
}

/**
 * "Mastery by topic": per topic (a lesson section), how many of its cards would be recalled now
 * with at least the desired retention. New cards count as not mastered. `recall` is each card's
 * retrievability now (see scheduler `retrievability`), by card id; a card without one has 0.
 */
export function topicMastery(
  facts: CardFacts,
  recall: ReadonlyMap<string, number>,
  desiredRetention: number,
  mask: CardMask
): TopicMastery[] {
  const topics = new Map<string, TopicMastery>();
  facts.cards.forEach((card, i) => {
    if (!covers(mask, i)) return;
    const key = `${card.lesson}#${card.section}`;
    let topic = topics.get(key);
    if (!topic) {
      topic = { lesson: card.lesson, section: card.section, cards: 0, mastered: 0 };
      topics.set(key, topic);
    }
    topic.cards += 1;
    if ((recall.get(card.id) ?? 0) >= desiredRetention) topic.mastered += 1;
  });
  return [...topics.values()];
}

export interface Leech {
  cardId: string;
  lesson: string;
  section: string;
  lapses: number;
  suspended: boolean;
}

/** Cards whose lapses reached the leech threshold, most lapses first. */
export function leeches(facts: CardFacts, mask: CardMask, leechLapses: number): Leech[] {
  const found: Leech[] = [];
  facts.cards.forEach((card, i) => {
    if (!covers(mask, i)) return;
    const state = facts.states.get(card.id);
    if (!state || !isLeech(state, leechLapses)) return;
    found.push({
      cardId: card.id,
      lesson: card.lesson,
      section: card.section,
      lapses: state.lapses,
      suspended: (facts.marks.get(card.id) ?? noMarks).suspended
    });
  });
  return found.sort((a, b) => b.lapses - a.lapses || a.cardId.localeCompare(b.cardId));
}

/**
 * Each card's retrievability at `now`, added to `into`: the chance FSRS gives of recalling it.
 * Takes the states in parts, so a page can work through thousands of cards between pauses.
 */
export function addRecallNow(
  into: Map<string, number>,
  states: Iterable<[string, CardState]>,
  params: SchedulerParams,
  now: number
): Map<string, number> {
  for (const [id, state] of states) into.set(id, retrievability(params, state, now));
  return into;
}
