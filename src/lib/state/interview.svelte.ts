import { interviewInstant, readinessOn, type TopicReadiness } from '$lib/core/drill/interview';
import { paramsFrom } from '$lib/core/review/scheduler';
import { loadInterviewDate, saveInterviewDate } from '$lib/db/drills';
import { loadSettings, loadStates } from '$lib/db/reviews';
import { clock } from './clock';
import { loadDeck } from './deck';
import { describeStorageError } from './errors';

/** The interview date and, per topic, how much of it you are predicted to remember on the day. */
export class InterviewReadiness {
  date = $state<string>('');
  topics = $state<(TopicReadiness & { title: string })[]>([]);
  retention = $state(0.9);
  error = $state<string | undefined>();
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
    if (date === undefined) {
      this.topics = [];
      return;
    }
    const [deck, states, settings] = await Promise.all([loadDeck(), loadStates(), loadSettings()]);
    this.retention = settings.desiredRetention;
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
}
