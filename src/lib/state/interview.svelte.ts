import { interviewInstant, readinessOn, type TopicReadiness } from '$lib/core/drill/interview';
import { paramsFrom } from '$lib/core/review/scheduler';
import { loadInterviewDate, saveInterviewDate } from '$lib/db/drills';
import { interviewPlan, type InterviewPlan } from '$lib/core/drill/plan';
import { normalizeSettings } from '$lib/core/review/settings';
import { loadSettings, loadStates } from '$lib/db/reviews';
import { saveSettings } from '$lib/db/settings-save';
import { clock } from './clock';
import { loadDeck } from './deck';
import { describeStorageError } from './errors';

/** The interview date and, per topic, how much of it you are predicted to remember on the day. */
export class InterviewReadiness {
  date = $state<string>('');
  topics = $state<(TopicReadiness & { title: string })[]>([]);
  retention = $state(0.9);
  error = $state<string | undefined>();
  /** New cards a day (and the reviews they bring) to meet every card before the date. */
  plan = $state<InterviewPlan | undefined>();
  /** The new cards a day in force now (Settings). */
  newPerDay = $state(0);
  /** Said after "Apply". */
  applied = $state<string | undefined>();
  /** False until the stored date is in, so nothing typed before is overwritten by it. */
  ready = $state(false);

  get daysLeft(): number | undefined {
    const at = interviewInstant(this.date);
    return at === undefined ? undefined : Math.ceil((at - clock.now()) / 86_400_000);
  }

  async load(): Promise<void> {
    try {
      const stored = (await loadInterviewDate()) ?? '';
      // A date picked while the stored one was loading wins.
      if (!this.date) this.date = stored;
      this.ready = true;
      await this.#compute();
    } catch (error) {
      this.error = describeStorageError(error);
    }
  }

  async setDate(date: string): Promise<void> {
    this.date = date;
    try {
      await saveInterviewDate(date || undefined);
      await this.#compute();
    } catch (error) {
      this.error = describeStorageError(error);
    }
  }

  async #compute(): Promise<void> {
    const date = interviewInstant(this.date);
    this.applied = undefined;
    if (date === undefined) {
      this.topics = [];
      this.plan = undefined;
      return;
    }
    const [deck, states, settings] = await Promise.all([loadDeck(), loadStates(), loadSettings()]);
    this.retention = settings.desiredRetention;
    this.newPerDay = settings.newPerDay;
    const kept = new Set(settings.excludedLessons);
    this.plan = interviewPlan({
      states,
      cardIds: deck.cards.filter((card) => !kept.has(card.lesson)).map((card) => card.id),
      params: paramsFrom(settings),
      now: clock.now(),
      interview: date
    });
    const cards = deck.cards.map((card) => ({
      id: card.id,
      topic: `${card.lesson}#${card.section}`
    }));
    const readiness = readinessOn({
      cards,
      states,
      params: paramsFrom(settings),
      date
    });
    this.topics = readiness.map((topic) => {
      const [lesson = '', section = ''] = topic.topic.split('#');
      return { ...topic, title: deck.sectionTitle(lesson, section) };
    });
  }

  /** Sets new cards a day to the plan's (the daily review follows from tomorrow's first card). */
  async applyPlan(): Promise<void> {
    const plan = this.plan;
    if (!plan) return;
    try {
      const settings = await loadSettings();
      const saved = await saveSettings(
        normalizeSettings({ ...settings, newPerDay: plan.newPerDay })
      );
      this.newPerDay = saved.newPerDay;
      this.applied = `New cards per day is now ${saved.newPerDay}.`;
    } catch (error) {
      this.error = describeStorageError(error);
    }
  }
}
