import type { Workbox } from 'workbox-window';
import { onVisibleAgain } from './visible';

interface InstallPromptEvent extends Event {
  prompt(): Promise<void>;
  userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

/**
 * What the app shell shows about the app itself: a waiting update, whether the device is
 * offline, whether the browser offers installation, and whether storage works at all.
 */
class AppShell {
  updateAvailable = $state(false);
  offline = $state(false);
  canInstall = $state(false);
  storageUnavailable = $state(false);
  #workbox: Workbox | undefined;
  #installPrompt: InstallPromptEvent | undefined;
  #started = false;

  /** Call once in the browser. */
  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.offline = !navigator.onLine;
    addEventListener('online', () => (this.offline = false));
    addEventListener('offline', () => (this.offline = true));
    addEventListener('beforeinstallprompt', (event) => {
      event.preventDefault();
      this.#installPrompt = event as InstallPromptEvent;
      this.canInstall = true;
    });
    addEventListener('appinstalled', () => (this.canInstall = false));
    this.#probeStorage();
    if ('serviceWorker' in navigator && !import.meta.env.DEV) void this.#register();
  }

  async #register(): Promise<void> {
    const { Workbox } = await import('workbox-window');
    const workbox = new Workbox('/service-worker.js');
    this.#workbox = workbox;
    // A new version finished installing and waits: offer it, never force it.
    workbox.addEventListener('waiting', () => (this.updateAvailable = true));
    // Once the learner accepted, the new worker takes over and the page reloads into it.
    workbox.addEventListener('controlling', (event) => {
      if (event.isUpdate) location.reload();
    });
    try {
      await workbox.register();
    } catch {
      // No worker (for example a browser setting): the app still works online.
      return;
    }
    // Coming back to the app is when a new release is most likely waiting.
    onVisibleAgain(() => void workbox.update().catch(() => undefined));
  }

  /** The learner pressed "Reload": let the waiting worker take over (the page reloads then). */
  applyUpdate(): void {
    if (this.#workbox) this.#workbox.messageSkipWaiting();
    else location.reload();
  }

  async install(): Promise<void> {
    const prompt = this.#installPrompt;
    if (!prompt) return;
    await prompt.prompt();
    const choice = await prompt.userChoice;
    if (choice.outcome === 'accepted') this.canInstall = false;
    this.#installPrompt = undefined;
  }

  /** IndexedDB can be missing or refused (some private modes): say so once, up front. */
  #probeStorage(): void {
    try {
      const request = indexedDB.open('storage-probe');
      request.onerror = () => (this.storageUnavailable = true);
      // The probe is only a question: its empty database is not left behind.
      request.onsuccess = () => {
        request.result.close();
        indexedDB.deleteDatabase('storage-probe');
      };
    } catch {
      this.storageUnavailable = true;
    }
  }
}

export const appShell = new AppShell();
