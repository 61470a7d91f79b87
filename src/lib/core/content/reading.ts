/** Words a minute for careful reading of technical prose (a common estimate is 200-250). */
export const wordsPerMinute = 200;

/** Time given to each diagram on top of its words: it is looked at, not read. */
const minutesPerDiagram = 0.5;

/**
 * About how many minutes a section's text takes to read, in whole minutes (at least 1): its
 * words outside diagrams at `wordsPerMinute`, plus half a minute for each diagram. `html` is
 * the section's compiled text (`Section.html`).
 */
export function readingMinutes(html: string): number {
  const diagrams = html.match(/<svg[\s>]/g)?.length ?? 0;
  const text = html
    .replace(/<svg[\s\S]*?<\/svg>/g, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&[#\w]+;/g, ' ');
  const words = text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
  return Math.max(1, Math.round(words / wordsPerMinute + diagrams * minutesPerDiagram));
}
