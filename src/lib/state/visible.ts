/** Calls `callback` each time the page comes back into view; returns what stops it. */
export function onVisibleAgain(callback: () => void): () => void {
  const listener = () => {
    if (document.visibilityState === 'visible') callback();
  };
  document.addEventListener('visibilitychange', listener);
  return () => document.removeEventListener('visibilitychange', listener);
}
