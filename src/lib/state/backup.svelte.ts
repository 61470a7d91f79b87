import type { BackupSummary } from '$lib/core/backup/merge';
import type { BackupMoment } from '$lib/core/backup/reminder';
import { BackupRefused } from '$lib/core/backup/schema';
import { backupStatus } from '$lib/db/backup-status';
import { announce } from '$lib/db/changes';
import type { RestoreMode } from '$lib/db/backup';
import { downloadBackup } from './backup-download';
import { ReadCancelled, RestoreFailed, RestoreWorker } from './backup-file';
import { clock } from './clock';
import { loadDeck } from './deck';
import { describeStorageError } from './errors';

export interface RestorePreview {
  summary: BackupSummary;
  fileName: string;
  /** Answers in the file new to this device, and those already here. */
  newAnswers: number;
  answersHere: number;
  newEvents: number;
  /** Cards whose schedule a merge rebuilds. */
  cardsRebuilt: number;
  newDrills: number;
  /** What is on this device now (what a replace removes). */
  deviceAnswers: number;
}

type Stage = 'idle' | 'reading' | 'checking' | 'planning' | 'preview' | 'writing' | 'done';

const stageLabels: Record<Stage, string> = {
  idle: '',
  reading: 'Reading the file',
  checking: 'Checking every row',
  planning: 'Comparing with this device',
  preview: '',
  writing: 'Restoring',
  done: ''
};

/** Settings' "Your data": export, restore (preview, merge or replace), reset. */
export class DataBackup {
  stage = $state<Stage>('idle');
  /** Progress of the current stage, for the progress bar. */
  done = $state(0);
  total = $state(0);
  preview = $state<RestorePreview | undefined>();
  /** Why the file was refused or the restore failed: shown with role="alert". */
  refusal = $state('');
  /** What was done: shown as a status. */
  message = $state('');
  exporting = $state(false);
  lastBackup = $state<BackupMoment | undefined>();

  #controller: AbortController | undefined;
  /** The worker holding the previewed file and its plan, until restored or dismissed. */
  #worker: RestoreWorker | undefined;

  get busy(): boolean {
    return ['reading', 'checking', 'planning', 'writing'].includes(this.stage);
  }

  get stageLabel(): string {
    return stageLabels[this.stage];
  }

  async loadStatus(): Promise<void> {
    this.lastBackup = (await backupStatus()).lastBackup;
  }

  async exportBackup(): Promise<void> {
    if (this.exporting) return;
    this.exporting = true;
    this.message = 'Writing the backup…';
    this.refusal = '';
    try {
      performance.mark('backup:export');
      const file = await downloadBackup();
      performance.measure('backup:export', 'backup:export');
      this.message = `Backup downloaded: ${file.name} (${file.answers} answer${file.answers === 1 ? '' : 's'}).`;
      await this.loadStatus();
    } catch (error) {
      this.message = '';
      this.refusal = `The backup could not be written. ${describeStorageError(error)}`;
    } finally {
      this.exporting = false;
    }
  }

  #progress = (done: number, total: number) => {
    this.done = done;
    this.total = total;
  };

  /** Reads the chosen file and works out the preview (in the worker); nothing is written. */
  async choose(file: File): Promise<void> {
    this.cancel();
    this.#close();
    this.preview = undefined;
    this.refusal = '';
    this.message = '';
    const controller = new AbortController();
    this.#controller = controller;
    this.stage = 'reading';
    this.#progress(0, file.size);
    performance.mark('backup:chosen');
    try {
      const deck = await loadDeck().catch(() => undefined);
      if (controller.signal.aborted) return;
      const worker = new RestoreWorker();
      this.#worker = worker;
      const found = await worker.preview(
        file,
        clock.now(),
        deck ? deck.cards.map((card) => card.id) : null,
        (stage, done, total) => {
          if (controller.signal.aborted) return;
          this.stage = stage === 'writing' ? 'planning' : stage;
          this.#progress(done, total);
        },
        controller.signal
      );
      performance.measure('backup:preview', 'backup:chosen');
      if (controller.signal.aborted) return;
      this.preview = { ...found, fileName: file.name };
      this.stage = 'preview';
    } catch (error) {
      if (error instanceof ReadCancelled || controller.signal.aborted) return;
      this.#close();
      this.stage = 'idle';
      this.refusal =
        error instanceof BackupRefused
          ? `This backup was refused: ${error.reason}`
          : `The file could not be read. ${describeStorageError(error)}`;
    }
  }

  /** Restores the previewed file: merged into what is here, or replacing it (after a backup of it). */
  async restore(mode: RestoreMode): Promise<void> {
    const worker = this.#worker;
    if (!worker || !this.preview || this.busy) return;
    const controller = new AbortController();
    this.#controller = controller;
    this.refusal = '';
    try {
      if (mode === 'replace') {
        this.message = 'Downloading a backup of what is on this device first…';
        performance.mark('backup:safety-copy');
        const saved = await downloadBackup();
        performance.measure('backup:safety-copy', 'backup:safety-copy');
        this.message = `Saved what was here as ${saved.name}.`;
        this.stage = 'planning';
      }
      if (controller.signal.aborted) throw new RestoreFailed('RestoreCancelled', '', undefined);
      this.#progress(0, 1);
      const result = await worker.restore(
        mode,
        (stage, done, total) => {
          this.stage = stage === 'writing' ? 'writing' : 'planning';
          this.#progress(done, total);
        },
        controller.signal
      );
      const { checkForWipe } = await import('./backup-wipe');
      await checkForWipe().catch(() => undefined);
      announce({ kind: 'restored', cardId: '' });
      const { added, rebuilt } = result;
      this.message =
        mode === 'merge'
          ? `Restored: ${added} answer${added === 1 ? '' : 's'} added, ${result.reviewsHere} already here; ${rebuilt} schedule${rebuilt === 1 ? '' : 's'} rebuilt.`
          : `Restored: this device now holds the backup's ${added} answer${added === 1 ? '' : 's'}; ${rebuilt} schedule${rebuilt === 1 ? '' : 's'} rebuilt.`;
      this.stage = 'done';
      this.preview = undefined;
      this.#close();
    } catch (error) {
      this.stage = this.preview ? 'preview' : 'idle';
      const name = (error as { name?: string } | null)?.name;
      this.refusal =
        name === 'RestoreCancelled'
          ? 'The restore was cancelled; nothing was changed.'
          : error instanceof BackupRefused
            ? `This backup was refused: ${error.reason}`
            : name === 'DeviceChanged'
              ? (error as Error).message
              : `The restore failed and nothing was changed. ${describeStorageError(error)}`;
    } finally {
      if (this.#controller === controller) this.#controller = undefined;
    }
  }

  /** Stops the worker that holds the previewed file. */
  #close(): void {
    this.#worker?.close();
    this.#worker = undefined;
  }

  /** Stops reading or restoring; a restore stopped mid-write leaves the database as it was. */
  cancel(): void {
    this.#controller?.abort();
    this.#controller = undefined;
    if (this.stage !== 'writing') {
      this.stage = this.preview ? 'preview' : 'idle';
      if (this.stage === 'idle' && this.total > 0) this.message = 'Stopped; nothing was changed.';
    }
  }

  /** Closes the preview without restoring. */
  dismiss(): void {
    this.preview = undefined;
    this.#close();
    this.stage = 'idle';
  }
}
