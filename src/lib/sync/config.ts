/**
 * Where the sync settings are kept: localStorage, so the layout can tell with one read
 * whether to load sync at all (the layout writes the key out itself, not importing this file,
 * so `/review` carries nothing of sync). The password is kept only when the learner asks.
 */
export const syncConfigKey = 'system-design-recall:sync';

export interface SyncConfig {
  address: string;
  username: string;
  /** Present only when the learner ticked "Remember the password on this device". */
  password?: string;
}

export function readSyncConfig(): SyncConfig | undefined {
  try {
    const raw = JSON.parse(
      localStorage.getItem(syncConfigKey) ?? 'null'
    ) as Partial<SyncConfig> | null;
    if (!raw || typeof raw.address !== 'string' || typeof raw.username !== 'string')
      return undefined;
    return {
      address: raw.address,
      username: raw.username,
      ...(typeof raw.password === 'string' && { password: raw.password })
    };
  } catch {
    return undefined;
  }
}

export function writeSyncConfig(config: SyncConfig | undefined): void {
  if (config) localStorage.setItem(syncConfigKey, JSON.stringify(config));
  else localStorage.removeItem(syncConfigKey);
}
