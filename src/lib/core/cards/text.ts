import type { Card } from '../content/types';

const entities: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' '
};

/**
 * Card HTML (sanitised by the content compiler) as plain text, for a link's name and for
 * search. No DOM here: tags are dropped and the few entities the compiler writes are decoded.
 */
export function plainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code =
          name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
      }
      return entities[name.toLowerCase()] ?? whole;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** The card's question as plain text: what a result link is named by. */
export function questionText(card: Card): string {
  return plainText(card.kind === 'basic' || card.kind === 'cloze' ? card.front : card.question);
}

/** Everything search looks in: question, answer, options (and why), key points, steps, note. */
export function searchableText(card: Card): string {
  const parts: string[] = [];
  switch (card.kind) {
    case 'basic':
    case 'cloze':
      parts.push(card.front, card.back);
      break;
    case 'choice':
      parts.push(card.question, ...card.options.flatMap((option) => [option.text, option.why]));
      break;
    case 'scenario':
      parts.push(card.question, ...card.points);
      break;
    case 'order':
      parts.push(card.question, ...card.steps);
      break;
  }
  if (card.note) parts.push(card.note);
  return foldText(plainText(parts.join(' ')));
}

/** Lower case without accents, so "Cafe" finds "café". */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}
