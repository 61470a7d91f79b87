import { idPattern, isCardClose, parseCardOpen, writtenCardIds } from './cards';
import { plainWords } from './markdown';
import { cardKinds } from './types';

const section = /^##(?!#)\s+.*\{#([a-z0-9-]+)\}\s*$/;

function slugWords(text: string, count: number): string {
  return plainWords(text)
    .map((word) =>
      word
        .toLowerCase()
        .normalize('NFKD')
        .replace(/[^a-z0-9]/g, '')
    )
    .filter(
      (word) =>
        word &&
        ![
          'a',
          'an',
          'the',
          'of',
          'to',
          'is',
          'what',
          'which',
          'does',
          'do',
          'in',
          'and',
          'q'
        ].includes(word)
    )
    .slice(0, count)
    .join('-');
}

/**
 * Writes an id into every card block that has none: the section id and the first words of the
 * question, made unique. Existing ids are never changed. `taken` holds ids used elsewhere.
 */
export function fixIds(
  text: string,
  taken: Set<string> = new Set()
): { text: string; added: { line: number; id: string }[] } {
  const lines = text.split(/\r?\n/);
  const newline = text.includes('\r\n') ? '\r\n' : '\n';
  const used = new Set(taken);
  for (const { id } of writtenCardIds(text)) if (idPattern.test(id)) used.add(id);
  const added: { line: number; id: string }[] = [];
  let sectionId = 'card';
  lines.forEach((line, index) => {
    const heading = section.exec(line);
    if (heading?.[1]) sectionId = heading[1];
    const open = parseCardOpen(line);
    if (!open || open.id || !(cardKinds as readonly string[]).includes(open.kind)) return;
    const body: string[] = [];
    for (let j = index + 1; j < lines.length && !isCardClose(lines[j] ?? ''); j += 1)
      body.push(lines[j] ?? '');
    const source = body.find((l) => l.trim().startsWith('Q:')) ?? body.find((l) => l.trim()) ?? '';
    const base =
      [sectionId, slugWords(source.replace(/^\s*Q:/, ''), 5)].filter(Boolean).join('-') ||
      `${sectionId}-card`;
    let id = base;
    for (let n = 2; used.has(id); n += 1) id = `${base}-${n}`;
    used.add(id);
    lines[index] = [':::', open.kind, id, ...open.flags].join(' ');
    added.push({ line: index + 1, id });
  });
  return { text: lines.join(newline), added };
}
