// Tells other tabs of this app that the review log changed, so an open session moves on.

/**
 * What changed: only the card, never its state; a listener reads the state from the database.
 * `marked`: a card event (suspend, bury, flag, forget) was written or taken back.
 * `restored`: a backup was restored; many cards changed (`cardId` is empty).
 */
export type LogChange = { kind: 'answered' | 'undone' | 'marked' | 'restored'; cardId: string };

const channelName = 'system-design-recall:log';
let channel: BroadcastChannel | undefined;

function open(): BroadcastChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  channel ??= new BroadcastChannel(channelName);
  return channel;
}

let writesHere = 0;

/** How many changes this tab has announced: a read begun earlier may predate them. */
export function writesInThisTab(): number {
  return writesHere;
}

/** Tells the other tabs (never this one) that `change` was written. */
export function announce(change: LogChange): void {
  writesHere += 1;
  open()?.postMessage(change);
}

function isChange(data: unknown): data is LogChange {
  const value = data as Partial<LogChange> | null;
  return (
    !!value &&
    (value.kind === 'answered' ||
      value.kind === 'undone' ||
      value.kind === 'marked' ||
      value.kind === 'restored') &&
    typeof value.cardId === 'string'
  );
}

/** Calls `listener` for each change another tab writes; returns an unsubscribe function. */
export function onLogChange(listener: (change: LogChange) => void): () => void {
  // The same channel object as `announce` uses: a channel never hears its own messages, so a
  // tab is told only of the other tabs' writes.
  const shared = open();
  if (!shared) return () => undefined;
  const handle = (event: MessageEvent) => {
    if (isChange(event.data)) listener(event.data);
  };
  shared.addEventListener('message', handle);
  return () => shared.removeEventListener('message', handle);
}
