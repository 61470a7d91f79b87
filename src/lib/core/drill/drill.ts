import type { DeckIndex } from '../content/deck';
import type { CardKind } from '../content/types';
import { proposeFromShare } from '../review/grading';
import type { Rating } from '../review/scheduler';
import { seededRandom } from '../review/shuffle';
import type { DrillLength } from './lengths';

export { drillLengths, type DrillLength } from './lengths';

export const secondsPerQuestion = 75;

export function questionCount(length: DrillLength): number {
  return Math.max(3, Math.round((length * 60) / secondsPerQuestion));
}

/** A scenario question as the drill sees it. `topicIndex` is its place in the scaling journey. */
export interface DrillQuestion {
  id: string;
  kind: CardKind;
  topic: string;
  topicIndex: number;
}

/** The kinds a drill asks: questions answered by reasoning, not by recalling one fact. */
export const drillKinds: readonly CardKind[] = ['choice', 'order', 'scenario'];

/**
 * Every drill question in the deck. A topic is a lesson section (`lesson#section`); its index
 * counts every section of every lesson in order, so a later section is a later interview stage.
 */
export function drillQuestions(index: DeckIndex): DrillQuestion[] {
  const firstTopicOf: number[] = [];
  let topics = 0;
  for (const lesson of index.lessons) {
    firstTopicOf.push(topics);
    topics += lesson.sections.length;
  }
  const questions: DrillQuestion[] = [];
  for (const [id, kind, li, si] of index.cards) {
    const lesson = index.lessons[li];
    const section = lesson?.sections[si];
    if (!lesson || !section || !drillKinds.includes(kind)) continue;
    questions.push({
      id,
      kind,
      topic: `${lesson.slug}#${section.id}`,
      topicIndex: (firstTopicOf[li] ?? 0) + si
    });
  }
  return questions;
}

export interface DrillTopic {
  /** `lesson#section` */
  id: string;
  title: string;
  /** The lesson it belongs to, so a long course's topics can be shown lesson by lesson. */
  lesson: string;
  lessonTitle: string;
}

/** The sections that have drill questions, in the order of the journey, with their titles. */
export function drillTopics(index: DeckIndex): DrillTopic[] {
  const topics = new Map<string, { title: string; lesson: string; lessonTitle: string }>(
    index.lessons.flatMap((l) =>
      l.sections.map(
        (s) =>
          [`${l.slug}#${s.id}`, { title: s.title, lesson: l.slug, lessonTitle: l.title }] as const
      )
    )
  );
  const order = new Map<string, number>();
  for (const q of drillQuestions(index)) order.set(q.topic, q.topicIndex);
  return [...order]
    .sort((a, b) => a[1] - b[1])
    .map(([id]) => {
      const topic = topics.get(id);
      return {
        id,
        title: topic?.title ?? id,
        lesson: topic?.lesson ?? '',
        lessonTitle: topic?.lessonTitle ?? ''
      };
    });
}

/** Harder formats later within a topic: pick an answer, then order steps, then explain. */
const kindRank: Partial<Record<CardKind, number>> = { choice: 0, order: 1, scenario: 2 };

/**
 * Picks a drill: `count` scenario questions from the chosen topics, each question weighted by
 * how often it was missed before (weight 1 + 2 × misses), at most a fair share per topic so the
 * run covers the journey, then ordered the way an interviewer escalates: from one server
 * upward through the topics, and within a topic from choosing to explaining.
 */
export function selectDrill(input: {
  questions: readonly DrillQuestion[];
  count: number;
  topics?: ReadonlySet<string>;
  misses?: ReadonlyMap<string, number>;
  seed: number;
}): DrillQuestion[] {
  const pool = input.questions.filter(
    (q) => drillKinds.includes(q.kind) && (!input.topics || input.topics.has(q.topic))
  );
  const topicCount = new Set(pool.map((q) => q.topic)).size;
  if (pool.length === 0 || input.count <= 0) return [];
  let perTopic = Math.max(1, Math.ceil(input.count / topicCount));
  const random = seededRandom(input.seed);
  const weightOf = (q: DrillQuestion) => 1 + 2 * (input.misses?.get(q.id) ?? 0);
  const chosen: DrillQuestion[] = [];
  const taken = new Map<string, number>();
  const remaining = [...pool];
  while (chosen.length < input.count && remaining.length > 0) {
    const candidates = remaining.filter((q) => (taken.get(q.topic) ?? 0) < perTopic);
    if (candidates.length === 0) {
      // Small topics left slots unused: let the other topics fill them.
      perTopic += 1;
      continue;
    }
    const total = candidates.reduce((sum, q) => sum + weightOf(q), 0);
    let pick = random() * total;
    let index = 0;
    for (; index < candidates.length - 1; index += 1) {
      pick -= weightOf(candidates[index] as DrillQuestion);
      if (pick < 0) break;
    }
    const question = candidates[index] as DrillQuestion;
    remaining.splice(remaining.indexOf(question), 1);
    chosen.push(question);
    taken.set(question.topic, (taken.get(question.topic) ?? 0) + 1);
  }
  return chosen.sort(
    (a, b) =>
      a.topicIndex - b.topicIndex ||
      (kindRank[a.kind] ?? 9) - (kindRank[b.kind] ?? 9) ||
      a.id.localeCompare(b.id)
  );
}

/** One answered drill question: how right it was (0-1) and how long it took. */
export interface DrillAnswer {
  cardId: string;
  topic: string;
  /** 1 fully right, 0 wrong; a share for scenarios (points covered) and orderings (steps in place). */
  score: number;
  timeMs: number;
  /** What the learner answered, for the report (drills saved before it was kept have none). */
  response?: QuestionResponse;
}

/**
 * A learner's answer to a question, by position in the card's own lists: the options picked,
 * the steps in the order given, or the text written for a scenario.
 */
export type QuestionResponse =
  | { kind: 'options'; picked: number[] }
  | { kind: 'order'; steps: number[] }
  | { kind: 'text'; text: string };

/** The rating a drill answer counts as: a miss is Again. */
export function drillRating(score: number): Rating {
  return proposeFromShare(Math.round(score * 100), 100);
}

export function isMiss(answer: Pick<DrillAnswer, 'score'>): boolean {
  return drillRating(answer.score) === 1;
}

export interface TopicScore {
  topic: string;
  asked: number;
  /** Mean score, 0-1. */
  score: number;
  timeMs: number;
}

/** Score per topic, in the order topics were first asked, and the weakest topics named. */
export function scoreDrill(answers: readonly DrillAnswer[]): {
  topics: TopicScore[];
  overall: number;
  weakest: string[];
} {
  const byTopic = new Map<string, TopicScore>();
  for (const answer of answers) {
    const entry = byTopic.get(answer.topic) ?? {
      topic: answer.topic,
      asked: 0,
      score: 0,
      timeMs: 0
    };
    entry.asked += 1;
    entry.score += answer.score;
    entry.timeMs += answer.timeMs;
    byTopic.set(answer.topic, entry);
  }
  const topics = [...byTopic.values()].map((t) => ({ ...t, score: t.score / t.asked }));
  const overall =
    answers.length === 0 ? 0 : answers.reduce((sum, a) => sum + a.score, 0) / answers.length;
  // Weakest: below 70%, lowest first, at most three.
  const weakest = topics
    .filter((t) => t.score < 0.7)
    .sort((a, b) => a.score - b.score || b.asked - a.asked)
    .slice(0, 3)
    .map((t) => t.topic);
  return { topics, overall, weakest };
}
