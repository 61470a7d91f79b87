import { idPattern } from './cards';
import { plainWords } from './markdown';

const cardOpen = /^:::(?!:)\s*(\S+)?\s*(\S+)?(.*)$/;
const section = /^##(?!#)\s+.*\{#([a-z0-9-]+)\}\s*$/;
const kinds = ['basic', 'cloze', 'choice', 'scenario', 'order'];

function slugWords(text: string, count: number): string {
  return plainWords(text)
    .map((word) => word.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]/g, ''))
    .filter((word) => word && !['a', 'an', 'the', 'of', 'to', 'is', 'what', 'which', 'does', 'do', 'in', 'and', 'q'].includes(word))
    .slice(0, count)
    .join('-');
}

/**
 * Writes an id into every card block that has none: the section id and the first words of the
 * question, made unique. Existing ids are never changed. `taken` holds ids used elsewhere.
 */
export function fixIds(text: string, taken: Set<string> = new Set()): { text: string; added: { line: number; id: string }[] } {
  const lines = text.split(/\r?\n/);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const used = new Set(taken);
  for (const line of lines) {
    const open = cardOpen.exec(line);
    if (open?.[2] && idPattern.test(open[2])) used.add(open[2]);
  }
  const added: { line: number; id: string }[] = [];
  let sectionId = 'card';
  lines.forEach((line, index) => {
    const heading = section.exec(line);
    if (heading?.[1]) sectionId = heading[1];
    const open = cardOpen.exec(line);
    if (!open || !open[1] || !kinds.includes(open[1]) || (open[2] && open[2] !== 'reversed')) return;
    const body: string[] = [];
    for (let j = index + 1; j < lines.length && !/^:::\s*$/.test(lines[j] ?? ''); j += 1) body.push(lines[j] ?? '');
    const source = body.find((l) => l.trim().startsWith('Q:')) ?? body.find((l) => l.trim()) ?? '';
    const base = [sectionId, slugWords(source.replace(/^\s*Q:/, ''), 5)].filter(Boolean).join('-') || `${sectionId}-card`;
    let id = base;
    for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
    used.add(id);
    const rest = [open[2], open[3]?.trim()].filter(Boolean).join(' ');
    lines[index] = `::: ${open[1]} ${id}${rest ? ` ${rest}` : ''}`;
    added.push({ line: index + 1, id });
  });
  return { text: lines.join(newline), added };
}
