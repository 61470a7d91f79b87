/**
 * What the layout loads when sync is on: nothing but the import of the engine. The layout
 * imports this file lazily, so the list of the engine's files (the bundler's preload list,
 * about 0.3 KB gzip) is written here, in a file only a device with sync on ever downloads,
 * not in the layout that every page, `/review` first, carries.
 */
export async function startSync(): Promise<void> {
  const { sync } = await import('./engine.svelte');
  await sync.resume();
}
