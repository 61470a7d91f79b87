/** Whether the browser will keep this app's data under storage pressure, and how much it uses. */
export interface StorageStatus {
  supported: boolean;
  persisted: boolean;
  usageBytes?: number;
  quotaBytes?: number;
}

let asked = false;

/**
 * Asks the browser, once per visit, to keep the study data even when the device runs low on
 * space. Called after the learner's first answer: that is when there is something to keep.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  if (asked || typeof navigator === 'undefined' || !navigator.storage?.persist) return false;
  asked = true;
  try {
    if (await navigator.storage.persisted()) return true;
    return await navigator.storage.persist();
  } catch {
    return false;
  }
}

export async function storageStatus(): Promise<StorageStatus> {
  if (!navigator.storage?.persisted) return { supported: false, persisted: false };
  try {
    const [persisted, estimate] = await Promise.all([
      navigator.storage.persisted(),
      navigator.storage.estimate ? navigator.storage.estimate() : Promise.resolve(undefined)
    ]);
    return { supported: true, persisted, usageBytes: estimate?.usage, quotaBytes: estimate?.quota };
  } catch {
    return { supported: false, persisted: false };
  }
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}
