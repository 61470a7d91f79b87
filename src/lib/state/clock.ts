/** The app's clock. Everything that needs "now" asks here, so tests and benchmarks can set it. */
export const clock = {
  now: (): number => Date.now()
};
