/** The five kinds of card a lesson can hold. */
export type CardKind = 'basic' | 'cloze' | 'choice' | 'scenario' | 'order';

export const cardKinds: readonly CardKind[] = ['basic', 'cloze', 'choice', 'scenario', 'order'];

/** Kinds that test reasoning about a situation; drills are built from these. */
export const scenarioKinds: readonly CardKind[] = ['choice', 'scenario', 'order'];

/** A problem found in a lesson, always tied to a file and a 1-based line. */
export interface ContentProblem {
  path: string;
  line: number;
  severity: 'error' | 'warning';
  message: string;
}

interface CardBase {
  /** The id review history is attached to: the block's id, plus `:reverse` or `:cN`. */
  id: string;
  /** The id written in the source; cards of one block are siblings. */
  noteId: string;
  kind: CardKind;
  lesson: string;
  section: string;
  /** Optional extra explanation (HTML), shown after the answer. */
  note?: string;
}

/** `basic` (and its reverse) and `cloze`: a prompt, then an answer to reveal. HTML strings. */
interface RecallBase extends CardBase {
  front: string;
  back: string;
}

export interface BasicCard extends RecallBase {
  kind: 'basic';
  /** The reverse card of a `reversed` note: shows the answer, asks for the question. */
  reversed?: boolean;
}

export interface ClozeCard extends RecallBase {
  kind: 'cloze';
}

export type RecallCard = BasicCard | ClozeCard;

export interface ChoiceOption {
  text: string;
  correct: boolean;
  /** Why this option is right or wrong (HTML); empty when the author gave none. */
  why: string;
}

export interface ChoiceCard extends CardBase {
  kind: 'choice';
  question: string;
  options: ChoiceOption[];
  /** More than one option is correct: checkboxes instead of radio buttons. */
  multiple: boolean;
}

export interface ScenarioCard extends CardBase {
  kind: 'scenario';
  question: string;
  /** Key points of a model answer (HTML). */
  points: string[];
}

export interface OrderCard extends CardBase {
  kind: 'order';
  question: string;
  /** Steps in the correct order (HTML). */
  steps: string[];
}

export type Card = BasicCard | ClozeCard | ChoiceCard | ScenarioCard | OrderCard;

export type KindCounts = Record<CardKind, number>;

export interface Section {
  id: string;
  title: string;
  /** Prose and diagrams as sanitised HTML; card blocks are not part of the reading text. */
  html: string;
  cards: Card[];
  counts: KindCounts;
}

export interface Lesson {
  slug: string;
  title: string;
  order: number;
  summary: string;
  /** Text before the first section (HTML), possibly empty. */
  intro: string;
  sections: Section[];
  path: string;
}

/** What the lesson list needs, without any lesson text. */
export interface LessonSummary {
  slug: string;
  title: string;
  order: number;
  summary: string;
  sections: { id: string; title: string; counts: KindCounts }[];
  counts: KindCounts;
}

export function emptyCounts(): KindCounts {
  return { basic: 0, cloze: 0, choice: 0, scenario: 0, order: 0 };
}

export function addCounts(total: KindCounts, more: KindCounts): KindCounts {
  for (const kind of cardKinds) total[kind] += more[kind];
  return total;
}

export function countCards(cards: readonly Card[]): KindCounts {
  const counts = emptyCounts();
  for (const card of cards) counts[card.kind] += 1;
  return counts;
}
