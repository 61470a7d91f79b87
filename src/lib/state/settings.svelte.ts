import {
  defaultSettings,
  normalizeSettings,
  parseSteps,
  type ReviewSettings
} from '$lib/core/review/settings';
import { loadSettings } from '$lib/db/reviews';
import { saveSettings } from '$lib/db/settings-save';
import { loadDeck } from './deck';
import { describeStorageError } from './errors';

/** The scheduling settings form: loads, validates and saves; new values apply to future answers. */
export class SettingsForm {
  values = $state<ReviewSettings>({ ...defaultSettings });
  learningStepsText = $state(defaultSettings.learningSteps.join(' '));
  relearningStepsText = $state(defaultSettings.relearningSteps.join(' '));
  status = $state<'loading' | 'ready' | 'saved' | 'error'>('loading');
  message = $state('');
  /** What the form showed when last loaded or saved: changes since are unsaved. */
  #shown = $state('');
  /** The course's lessons, in order, for choosing which are in the daily review. */
  lessons = $state<{ slug: string; title: string }[]>([]);

  /** Whether a lesson's cards are in the daily review. */
  isInDaily(slug: string): boolean {
    return !this.values.excludedLessons.includes(slug);
  }

  setInDaily(slug: string, included: boolean): void {
    const others = this.values.excludedLessons.filter((other) => other !== slug);
    this.values.excludedLessons = included ? others : [...others, slug];
  }

  #snapshot(): string {
    return JSON.stringify([this.values, this.learningStepsText, this.relearningStepsText]);
  }

  /** Changes typed or picked that are not saved yet (leaving the page asks first). */
  get unsaved(): boolean {
    return this.status !== 'loading' && this.#snapshot() !== this.#shown;
  }

  get learningStepsValid(): boolean {
    return parseSteps(this.learningStepsText) !== undefined;
  }

  get relearningStepsValid(): boolean {
    return parseSteps(this.relearningStepsText) !== undefined;
  }

  async load(): Promise<void> {
    try {
      const [settings, deck] = await Promise.all([
        loadSettings(),
        loadDeck().catch(() => undefined)
      ]);
      this.#show(settings);
      this.lessons = deck?.index.lessons.map(({ slug, title }) => ({ slug, title })) ?? [];
      this.status = 'ready';
    } catch (error) {
      this.status = 'error';
      this.message = describeStorageError(error);
    }
  }

  #show(settings: ReviewSettings): void {
    this.values = settings;
    this.learningStepsText = settings.learningSteps.join(' ');
    this.relearningStepsText = settings.relearningSteps.join(' ');
    this.#shown = this.#snapshot();
  }

  async save(): Promise<void> {
    const learning = parseSteps(this.learningStepsText);
    const relearning = parseSteps(this.relearningStepsText);
    if (!learning || !relearning) {
      this.status = 'error';
      this.message =
        'Steps are durations like “1m 10m” (m minutes, h hours, d days). Nothing was saved.';
      return;
    }
    try {
      const saved = await saveSettings(
        normalizeSettings({ ...this.values, learningSteps: learning, relearningSteps: relearning })
      );
      this.#show(saved);
      this.status = 'saved';
      this.message = 'Saved. New settings apply to your next answers.';
    } catch (error) {
      this.status = 'error';
      this.message = describeStorageError(error);
    }
  }

  async reset(): Promise<void> {
    this.#show({ ...defaultSettings });
    await this.save();
  }
}
