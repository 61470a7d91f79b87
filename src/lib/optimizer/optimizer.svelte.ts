import type { Fit } from '$lib/core/optimizer/evaluate';
import { type ReviewSettings } from '$lib/core/review/settings';
import { deviceTimeZone } from '$lib/core/review/time';
import { loadSettings } from '$lib/db/reviews';
import { saveWeights } from '$lib/db/settings-save';
import { describeStorageError } from '$lib/state/errors';
// Only the file's address: the 1.7 MB it names is fetched by the worker when training starts.
import wasmUrl from 'fsrs-browser/fsrs_browser_bg.wasm?url';
import {
  minimumReviews,
  optimizerSteps,
  type HistoryRequest,
  type OptimizerMessage,
  type OptimizerStep
} from './protocol';

export interface TrainingResult {
  weights: number[];
  current: Fit;
  fitted: Fit;
  reviews: number;
  trainingMs: number;
}

export type OptimizerStatus = 'loading' | 'ready' | 'training' | 'trained' | 'failed';

/**
 * "Optimize parameters" in Settings: how much history there is, training in a worker with its
 * steps and "Cancel", both fits side by side, and putting the new weights in force or not.
 */
export class Optimizer {
  status = $state<OptimizerStatus>('loading');
  /** Answers in the log, and reviews the optimizer can learn from; undefined until counted. */
  answers = $state<number | undefined>();
  reviews = $state<number | undefined>();
  step = $state<OptimizerStep | undefined>();
  /** Seconds since training started, for the learner to see it is still going. */
  elapsed = $state(0);
  result = $state<TrainingResult | undefined>();
  settings = $state<ReviewSettings | undefined>();
  message = $state('');
  /** The message is a refusal or an error (shown with role="alert"). */
  problem = $state(false);

  readonly minimum = minimumReviews;
  #worker: Worker | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;

  get enough(): boolean {
    return (this.reviews ?? 0) >= minimumReviews;
  }

  /** Which step of training is running, 1-based, of `stepCount`. */
  get stepNumber(): number {
    return this.step ? optimizerSteps.indexOf(this.step) + 1 : 0;
  }

  readonly stepCount = optimizerSteps.length;

  #request(kind: HistoryRequest['kind']): HistoryRequest {
    return {
      kind,
      dayStartsAtHour: this.settings?.dayStartsAtHour ?? 4,
      timeZone: deviceTimeZone(),
      current: this.settings?.weights ?? null,
      wasmUrl
    };
  }

  #spawn(): Worker {
    if (this.#worker) return this.#worker;
    // Its own bundle: Dexie and the core for reading the log; the WebAssembly comes later,
    // imported by the worker when training starts.
    // Vite finds the worker by this exact `new Worker(new URL(…))` form; the URL is never kept.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
    worker.addEventListener('message', (event: MessageEvent<OptimizerMessage>) =>
      this.#receive(event.data)
    );
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.#fail(`The optimizer could not start: ${event.message || 'unknown error'}.`);
    });
    this.#worker = worker;
    return worker;
  }

  #stop(): void {
    this.#worker?.terminate();
    this.#worker = undefined;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  #fail(message: string): void {
    this.#stop();
    this.status = this.answers === undefined ? 'failed' : 'ready';
    this.step = undefined;
    this.message = message;
    this.problem = true;
  }

  #receive(message: OptimizerMessage): void {
    switch (message.kind) {
      case 'counted':
        this.answers = message.answers;
        this.reviews = message.reviews;
        this.status = 'ready';
        break;
      case 'step':
        this.step = message.step;
        break;
      case 'trained': {
        const { kind: _kind, ...result } = message;
        void _kind;
        this.result = result;
        this.reviews = result.reviews;
        this.status = 'trained';
        this.step = undefined;
        if (this.#timer) clearInterval(this.#timer);
        this.message = '';
        this.problem = false;
        break;
      }
      case 'failed':
        this.#fail(message.message);
        break;
    }
  }

  async load(): Promise<void> {
    try {
      this.settings = await loadSettings();
      this.#spawn().postMessage(this.#request('count'));
    } catch (error) {
      this.#fail(describeStorageError(error));
    }
  }

  /** Trains, or, below the minimum, says why it does not. */
  optimize(): void {
    if (this.status === 'training') return;
    if (!this.enough) {
      this.message = `Not enough history yet: the optimizer needs at least ${minimumReviews.toLocaleString('en')} reviews given a day or more after the card's previous answer, and you have ${(this.reviews ?? 0).toLocaleString('en')}. Keep reviewing; the defaults serve well until then.`;
      this.problem = true;
      return;
    }
    this.result = undefined;
    this.message = '';
    this.problem = false;
    this.status = 'training';
    this.step = 'reading';
    this.elapsed = 0;
    const started = Date.now();
    this.#timer = setInterval(
      () => (this.elapsed = Math.round((Date.now() - started) / 1000)),
      1000
    );
    // Read again: the day-start hour or the weights may have changed since the page opened.
    loadSettings()
      .then((settings) => {
        this.settings = settings;
        if (this.status === 'training') this.#spawn().postMessage(this.#request('train'));
      })
      .catch((error: unknown) => this.#fail(describeStorageError(error)));
  }

  /** Stops training at once: the worker is terminated, nothing is changed. */
  cancel(): void {
    if (this.status !== 'training') return;
    this.#stop();
    this.status = 'ready';
    this.step = undefined;
    this.message = 'Training cancelled. Your parameters are unchanged.';
    this.problem = false;
  }

  async #put(weights: number[] | null, done: string): Promise<void> {
    try {
      this.settings = await saveWeights(weights, Date.now());
      this.result = undefined;
      this.status = 'ready';
      this.message = done;
      this.problem = false;
    } catch (error) {
      this.message = describeStorageError(error);
      this.problem = true;
    }
  }

  use(): Promise<void> {
    const weights = this.result?.weights;
    if (!weights) return Promise.resolve();
    return this.#put(
      weights,
      'The new parameters are in force: your next answers are scheduled with them.'
    );
  }

  keep(): void {
    this.result = undefined;
    this.status = 'ready';
    this.message = 'Kept the current parameters.';
    this.problem = false;
  }

  restoreDefaults(): Promise<void> {
    return this.#put(null, 'FSRS’s default parameters are in force again.');
  }

  destroy(): void {
    this.#stop();
  }
}
