import { scenarioKinds, type KindCounts } from './types';

/** "12 cards · 4 scenario questions": how a section's or lesson's cards are described. */
export function describeCounts(counts: KindCounts): string {
  const scenarios = scenarioKinds.reduce((sum, kind) => sum + counts[kind], 0);
  const cards = counts.basic + counts.cloze;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(cards, 'card')} · ${plural(scenarios, 'scenario question')}`;
}
