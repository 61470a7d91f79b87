export type ThemeChoice = 'system' | 'light' | 'dark';

export const themeChoices: readonly { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'Match device' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' }
];

const storageKey = 'theme';

function readStoredChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(storageKey);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

/** The learner's theme choice, remembered in localStorage and applied to <html data-theme>. */
class ThemeState {
  #choice = $state<ThemeChoice>('system');

  /** Reads the stored choice; call once in the browser (static/theme.js already applied it). */
  load(): void {
    this.#choice = readStoredChoice();
  }

  get choice(): ThemeChoice {
    return this.#choice;
  }

  set choice(value: ThemeChoice) {
    this.#choice = value;
    const root = document.documentElement;
    if (value === 'system') delete root.dataset.theme;
    else root.dataset.theme = value;
    try {
      if (value === 'system') localStorage.removeItem(storageKey);
      else localStorage.setItem(storageKey, value);
    } catch {
      // Storage blocked: the choice still applies to this visit.
    }
  }
}

export const theme = new ThemeState();
