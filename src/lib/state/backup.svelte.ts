import type { Backup } from '$lib/core/backup/format';
import { summarize, type BackupSummary } from '$lib/core/backup/merge';
import type { BackupMoment } from '$lib/core/backup/reminder';
import { BackupRefused } from '$lib/core/backup/schema';
import { backupStatus } from '$lib/db/backup-status';
import { announce } from '$lib/db/changes';
import type { RestoreMode, RestorePlan } from '$lib/db/backup';
import { downloadBackup } from './backup-download';
import { ReadCancelled, readBackupFile } from './backup-file';
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
  #backup: Backup | undefined;
  #plan: RestorePlan | undefined;

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

  /** Reads the chosen file and works out the preview; nothing is written. */
  async choose(file: File): Promise<void> {
    this.cancel();
    this.preview = undefined;
    this.refusal = '';
    this.message = '';
    const controller = new AbortController();
    this.#controller = controller;
    this.stage = 'reading';
    this.#progress(0, file.size);
    performance.mark('backup:chosen');
    try {
      const backup = await readBackupFile(
        file,
        clock.now(),
        (stage, done, total) => {
          if (controller.signal.aborted) return;
          this.stage = stage;
          this.#progress(done, total);
        },
        controller.signal
      );
      // Stage times, for the benchmark (bench/backup.ts reads them) and the browser's tools.
      performance.measure('backup:read-file', 'backup:chosen');
      this.stage = 'planning';
      this.#progress(0, backup.reviews.length);
      const { planRestore, readDevice } = await import('$lib/db/backup');
      performance.mark('backup:device');
      const [snapshot, deck] = await Promise.all([readDevice(), loadDeck().catch(() => undefined)]);
      performance.measure('backup:read-device', 'backup:device');
      performance.mark('backup:plan');
      const plan = await planRestore(backup, 'merge', snapshot, this.#progress);
      performance.measure('backup:plan-merge', 'backup:plan');
      if (controller.signal.aborted) return;
      const known = new Set(deck ? deck.cards.map((card) => card.id) : []);
      this.#backup = backup;
      this.#plan = plan;
      this.preview = {
        summary: summarize(backup, deck ? known : new Set(backup.reviews.map((r) => r.cardId))),
        fileName: file.name,
        newAnswers: plan.merge.newReviews.length,
        answersHere: plan.merge.reviewsHere,
        newEvents: plan.merge.newEvents.length,
        cardsRebuilt: plan.merge.rebuilt.size,
        newDrills: plan.merge.newDrills.length,
        deviceAnswers: snapshot.reviewCount
      };
      this.stage = 'preview';
    } catch (error) {
      if (error instanceof ReadCancelled || controller.signal.aborted) return;
      this.stage = 'idle';
      this.refusal =
        error instanceof BackupRefused
          ? `This backup was refused: ${error.reason}`
          : `The file could not be read. ${describeStorageError(error)}`;
    }
  }

  /** Restores the previewed file: merged into what is here, or replacing it (after a backup of it). */
  async restore(mode: RestoreMode): Promise<void> {
    const backup = this.#backup;
    let plan = this.#plan;
    if (!backup || !plan || this.busy) return;
    const controller = new AbortController();
    this.#controller = controller;
    this.refusal = '';
    try {
      const db = await import('$lib/db/backup');
      if (mode === 'replace') {
        this.message = 'Downloading a backup of what is on this device first…';
        performance.mark('backup:safety-copy');
        const saved = await downloadBackup();
        performance.measure('backup:safety-copy', 'backup:safety-copy');
        this.message = `Saved what was here as ${saved.name}.`;
        this.stage = 'planning';
        performance.mark('backup:plan');
        // The preview's reading of this device still holds: the write checks nothing changed.
        plan = await db.planRestore(backup, 'replace', plan.snapshot, this.#progress);
        performance.measure('backup:plan-replace', 'backup:plan');
      }
      if (controller.signal.aborted) throw new db.RestoreCancelled();
      this.stage = 'writing';
      this.#progress(0, 1);
      performance.mark('backup:write');
      await db.applyRestore(plan, { signal: controller.signal, progress: this.#progress });
      performance.measure('backup:write', 'backup:write');
      const { checkForWipe } = await import('./backup-wipe');
      await checkForWipe().catch(() => undefined);
      announce({ kind: 'restored', cardId: '' });
      const added = mode === 'merge' ? plan.reviews.length : backup.reviews.length;
      this.message =
        mode === 'merge'
          ? `Restored: ${added} answer${added === 1 ? '' : 's'} added, ${plan.merge.reviewsHere} already here; ${plan.states.size} schedule${plan.states.size === 1 ? '' : 's'} rebuilt.`
          : `Restored: this device now holds the backup's ${added} answer${added === 1 ? '' : 's'}; ${plan.states.size} schedule${plan.states.size === 1 ? '' : 's'} rebuilt.`;
      this.stage = 'done';
      this.preview = undefined;
      this.#backup = undefined;
      this.#plan = undefined;
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
    this.#backup = undefined;
    this.#plan = undefined;
    this.stage = 'idle';
  }
}
