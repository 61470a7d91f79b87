/** Starts the statistics worker (worker.ts); the caller ends it. */
export function startStatsWorker(): Worker {
  // Vite finds the worker by this exact `new Worker(new URL(…))` form.
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
}
