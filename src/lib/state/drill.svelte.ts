import type { Card } from '$lib/core/content/types';
import {
  drillQuestions,
  drillRating,
  drillTopics,
  isMiss,
  questionCount,
  scoreDrill,
  selectDrill,
  type DrillAnswer,
  type DrillLength,
  type QuestionResponse,
  type DrillQuestion,
  type DrillTopic
} from '$lib/core/drill/drill';
import { drill as drillPolicy, fixedPlan } from '$lib/core/session/policies';
import { StudySession } from '$lib/core/session/session';
import { answer } from '$lib/db/answer';
import { listDrills, loadDrillSetup, missCounts, saveDrill, saveDrillSetup } from '$lib/db/drills';
import { setPriorityCards } from '$lib/db/priority';
import { loadMarks } from '$lib/db/events';
import type { StoredDrill } from '$lib/db/schema';
import { clock } from './clock';
import { loadDeck, loadLessonCards, type Deck } from './deck';
import { describeStorageError } from './errors';
import { LiveQuery } from './live.svelte';

export interface DrillResult {
  drill: StoredDrill;
  cards: Map<string, Card>;
  report: ReturnType<typeof scoreDrill>;
}

/**
 * A timed mock interview: picks the questions, runs the countdown (with pause), records each
 * answer in the review log as mode `drill`, and builds the report at the end.
 */
export class DrillRun {
  phase = $state<'setup' | 'running' | 'report'>('setup');
  error = $state<string | undefined>();
  /** The current answer could not be saved: it is kept, and `retry` tries again. */
  saveError = $state<string | undefined>();
  /** Setup */
  length = $state<DrillLength>(10);
  topics = $state<string[]>([]);
  chosenTopics = $state<string[]>([]);
  /** The topics lesson by lesson, in course order, for the setup form. */
  topicGroups = $state<{ lesson: string; title: string; topics: string[] }[]>([]);
  practiceOnly = $state(false);
  /** Running */
  questions = $state<DrillQuestion[]>([]);
  index = $state(0);
  card = $state<Card | undefined>();
  pendingScore = $state<number | undefined>();
  #pendingResponse: QuestionResponse | undefined;
  remainingMs = $state(0);
  paused = $state(false);
  /** Report */
  result = $state<DrillResult | undefined>();
  /** Past drills, newest first; live, so a drill finished in another tab shows too. */
  #history = new LiveQuery(() => listDrills());

  #deck: Deck | undefined;
  #session: StudySession | undefined;
  /** The answer being saved, kept until it is. */
  #pending: DrillAnswer | undefined;
  #answers: DrillAnswer[] = [];
  #startedAt = 0;
  #questionStartedAt = 0;
  #pausedFor = 0;
  #pausedAt = 0;
  #pausedBeforeQuestion = 0;
  #endsAt = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #cards = new Map<string, Card>();
  #titles = new Map<string, string>();

  /** Chooses or clears every topic of one lesson. */
  chooseLesson(lesson: string, chosen: boolean): void {
    const ids = this.topicGroups.find((group) => group.lesson === lesson)?.topics ?? [];
    const others = this.chosenTopics.filter((id) => !ids.includes(id));
    this.chosenTopics = chosen ? [...others, ...ids] : others;
  }

  /** An answer is on screen that is not saved yet (leaving the page would lose it). */
  get unsaved(): boolean {
    return this.#pending !== undefined;
  }

  get history(): StoredDrill[] {
    return this.#history.current ?? [];
  }

  get deck(): Deck | undefined {
    return this.#deck;
  }

  /** `topics`: the drill topics known when the page was built, so the form is drawn at once. */
  constructor(topics: readonly DrillTopic[] = []) {
    this.#setTopics(topics);
  }

  topicTitle(topic: string): string {
    return this.#titles.get(topic) ?? topic.split('#')[1] ?? topic;
  }

  /** New topics reset the choice to all of them; the same topics keep what the learner chose. */
  #setTopics(topics: readonly DrillTopic[]): void {
    this.#titles = new Map(topics.map((t) => [t.id, t.title]));
    const groups = new Map<string, { lesson: string; title: string; topics: string[] }>();
    for (const topic of topics) {
      const group = groups.get(topic.lesson) ?? {
        lesson: topic.lesson,
        title: topic.lessonTitle,
        topics: []
      };
      group.topics.push(topic.id);
      groups.set(topic.lesson, group);
    }
    this.topicGroups = [...groups.values()];
    const ids = topics.map((t) => t.id);
    if (ids.join('\n') === this.topics.join('\n')) return;
    this.topics = ids;
    this.chosenTopics = [...ids];
  }

  async load(): Promise<void> {
    try {
      const [deck, setup] = await Promise.all([
        loadDeck(),
        loadDrillSetup().catch(() => undefined)
      ]);
      this.#deck = deck;
      this.#setTopics(drillTopics(deck.index));
      if (setup) {
        this.length = setup.length;
        this.practiceOnly = setup.practiceOnly;
      }
    } catch (error) {
      this.error = describeStorageError(error);
    }
  }

  async start(): Promise<void> {
    this.error = undefined;
    try {
      const [deck, misses, marks] = await Promise.all([
        this.#deck ?? loadDeck(),
        missCounts(),
        loadMarks()
      ]);
      this.#deck = deck;
      const chosen = new Set(this.chosenTopics);
      // Suspended questions are left out of drills too, as Anki leaves them out of every deck.
      this.questions = selectDrill({
        questions: drillQuestions(deck.index).filter(
          (question) => !marks.get(question.id)?.suspended
        ),
        count: questionCount(this.length),
        topics: chosen.size === this.topics.length ? undefined : chosen,
        misses,
        seed: clock.now()
      });
      if (this.questions.length === 0) {
        this.error = 'Choose at least one topic.';
        return;
      }
      const ids = this.questions.map((question) => question.id);
      this.#session = new StudySession(
        drillPolicy(ids, this.practiceOnly),
        // The questions in the order chosen; no state is needed to ask them.
        fixedPlan(ids, new Map()),
        Number.POSITIVE_INFINITY
      );
      this.#answers = [];
      this.#pending = undefined;
      this.saveError = undefined;
      this.#cards = new Map();
      this.#startedAt = clock.now();
      this.#endsAt = this.#startedAt + this.length * 60_000;
      this.#pausedFor = 0;
      this.paused = false;
      this.remainingMs = this.length * 60_000;
      this.phase = 'running';
      // Offered again next time; losing it (a full disk) only loses the preference.
      saveDrillSetup({ length: this.length, practiceOnly: this.practiceOnly }).catch(
        () => undefined
      );
      this.#timer = setInterval(() => this.#tick(), 250);
      await this.#show(0);
    } catch (error) {
      this.error = describeStorageError(error);
    }
  }

  #tick(): void {
    if (this.paused || this.phase !== 'running') return;
    this.remainingMs = Math.max(0, this.#endsAt + this.#pausedFor - clock.now());
    if (this.remainingMs === 0) void this.end();
  }

  async #show(index: number): Promise<void> {
    const question = this.questions[index];
    const meta = question ? this.#deck?.byId.get(question.id) : undefined;
    if (!question || !meta) return this.end();
    const cards = await loadLessonCards(meta.lesson);
    for (const [id, card] of cards) this.#cards.set(id, card);
    this.index = index;
    this.card = cards.get(question.id);
    this.pendingScore = undefined;
    this.#pendingResponse = undefined;
    this.#questionStartedAt = clock.now();
    this.#pausedBeforeQuestion = this.#pausedFor;
  }

  /** The learner's answer to the current question, scored 0-1 (scenario scores change as points are ticked). */
  score(value: number, response?: QuestionResponse): void {
    this.pendingScore = value;
    this.#pendingResponse = response;
  }

  /** Records the current answer and moves to the next question (or the report). */
  async next(): Promise<void> {
    const question = this.questions[this.index];
    if (!question || this.pendingScore === undefined || this.#pending) return;
    const now = clock.now();
    // Time on this question, less any pause while it was shown (none can be running now).
    const timeMs = Math.max(
      0,
      now - this.#questionStartedAt - (this.#pausedFor - this.#pausedBeforeQuestion)
    );
    this.#pending = {
      cardId: question.id,
      topic: question.topic,
      score: this.pendingScore,
      timeMs,
      ...(this.#pendingResponse && { response: this.#pendingResponse })
    };
    await this.#save(now);
  }

  /** Tries the answer that could not be saved again. */
  async retry(): Promise<void> {
    await this.#save(clock.now());
  }

  async #save(now: number): Promise<void> {
    const pending = this.#pending;
    const session = this.#session;
    if (!pending || !session) return;
    const rating = drillRating(pending.score);
    try {
      const { entry, leftPriority } = await answer({
        cardId: pending.cardId,
        rating,
        now,
        durationMs: pending.timeMs,
        mode: session.policy.mode,
        scheduled: session.policy.scheduled
      });
      session.answered(
        { id: pending.cardId, type: 'review' },
        { seq: entry.seq, rating, after: entry.after, leftPriority }
      );
    } catch (error) {
      this.saveError = describeStorageError(error);
      return;
    }
    this.saveError = undefined;
    this.#pending = undefined;
    this.#answers.push(pending);
    if (this.index + 1 < this.questions.length && this.remainingMs > 0)
      await this.#show(this.index + 1);
    else await this.end();
  }

  togglePause(): void {
    const now = clock.now();
    if (this.paused) {
      this.#pausedFor += now - this.#pausedAt;
      this.paused = false;
    } else {
      this.#pausedAt = now;
      this.paused = true;
    }
  }

  /** Ends the drill now (or when time is up): saves it and shows the report. */
  async end(): Promise<void> {
    if (this.phase !== 'running') return;
    clearInterval(this.#timer);
    if (this.paused) this.togglePause();
    const drill: StoredDrill = {
      startedAt: this.#startedAt,
      endedAt: clock.now(),
      length: this.length,
      topics: this.chosenTopics.length === this.topics.length ? [] : [...this.chosenTopics],
      practiceOnly: this.practiceOnly,
      answers: [...this.#answers],
      questions: this.questions.map((q) => q.id)
    };
    this.phase = 'report';
    this.result = { drill, cards: this.#cards, report: scoreDrill(drill.answers) };
    try {
      drill.id = await saveDrill(drill);
    } catch (error) {
      this.error = describeStorageError(error);
    }
  }

  /** Puts this drill's missed questions in front of today's review queue. */
  async reviewMisses(): Promise<number> {
    const misses = (this.result?.drill.answers ?? []).filter(isMiss).map((a) => a.cardId);
    await setPriorityCards(misses);
    return misses.length;
  }

  reset(): void {
    this.phase = 'setup';
    this.result = undefined;
    this.card = undefined;
  }

  stop(): void {
    clearInterval(this.#timer);
  }
}
