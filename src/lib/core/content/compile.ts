import { parseDocument } from 'yaml';
import { nearDuplicates, type NoteText } from './checks';
import {
  compileBlock,
  idPattern,
  isCardClose,
  parseCardOpen,
  writtenCardIds,
  type CardBlock
} from './cards';
import { renderDiagram } from './diagram';
import { renderBlock } from './markdown';
import {
  addCounts,
  countCards,
  emptyCounts,
  type Card,
  type ContentProblem,
  type Lesson,
  type LessonSummary,
  type Section
} from './types';

export interface SourceFile {
  /** Path shown in messages, relative to where the command runs. */
  path: string;
  text: string;
}

export interface CompiledLibrary {
  lessons: Lesson[];
  problems: ContentProblem[];
}

const sectionHeading = /^##(?!#)\s+(.*?)\s*$/;
const headingId = /^(.*?)\s*\{#([^}]*)\}$/;
const fenceOpen = /^(\s{0,3})(`{3,}|~{3,})\s*([\w-]*)/;

interface FrontMatter {
  title: string;
  slug: string;
  order: number;
  summary: string;
}

/** Reads and checks the YAML front matter; returns the line where the body starts. */
function readFrontMatter(
  lines: string[],
  problem: (line: number, message: string) => void
): { meta?: FrontMatter; bodyStart: number } {
  if (lines[0]?.trim() !== '---') {
    problem(
      1,
      'a lesson starts with front matter between "---" lines (title, slug, order, summary)'
    );
    return { bodyStart: 0 };
  }
  const end = lines.findIndex((line, i) => i > 0 && line.trim() === '---');
  if (end < 0) {
    problem(1, 'front matter is not closed by a "---" line');
    return { bodyStart: lines.length };
  }
  const doc = parseDocument(lines.slice(1, end).join('\n'));
  if (doc.errors.length > 0) {
    for (const err of doc.errors)
      problem(2 + (err.linePos?.[0].line ?? 1) - 1, `front matter: ${err.message.split('\n')[0]}`);
    return { bodyStart: end + 1 };
  }
  const data: unknown = doc.toJS();
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const lineOf = (key: string) => {
    const index = lines.slice(1, end).findIndex((line) => line.startsWith(`${key}:`));
    return index < 0 ? 1 : index + 2;
  };
  let ok = true;
  for (const key of ['title', 'slug', 'summary'] as const) {
    if (typeof record[key] !== 'string' || !(record[key] as string).trim()) {
      problem(lineOf(key), `front matter needs "${key}" (text)`);
      ok = false;
    }
  }
  if (typeof record.slug === 'string' && record.slug && !idPattern.test(record.slug)) {
    problem(
      lineOf('slug'),
      `slug "${record.slug}" may use only lowercase letters, digits and single hyphens`
    );
    ok = false;
  }
  if (!Number.isInteger(record.order) || (record.order as number) < 1) {
    problem(lineOf('order'), 'front matter needs "order" (a whole number from 1)');
    ok = false;
  }
  for (const key of Object.keys(record)) {
    if (!['title', 'slug', 'order', 'summary'].includes(key))
      problem(lineOf(key), `unknown front matter field "${key}"`);
  }
  return ok
    ? { meta: record as unknown as FrontMatter, bodyStart: end + 1 }
    : { bodyStart: end + 1 };
}

/** Compiles one lesson file. Problems carry the file's path and 1-based line numbers. */
export function compileLesson(file: SourceFile): {
  lesson?: Lesson;
  problems: ContentProblem[];
  notes: NoteText[];
} {
  const problems: ContentProblem[] = [];
  const notes: NoteText[] = [];
  const error = (line: number, message: string) =>
    problems.push({ path: file.path, line, severity: 'error', message });
  const lines = file.text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const { meta, bodyStart } = readFrontMatter(lines, error);
  const slug = meta?.slug ?? '';

  interface Draft {
    id: string;
    title: string;
    line: number;
    html: string[];
    cards: Card[];
  }
  const intro: string[] = [];
  const sections: Draft[] = [];
  let prose: string[] = [];
  let diagramCount = 0;
  const current = () => sections[sections.length - 1];

  const flushProse = () => {
    const text = prose.join('\n').trim();
    prose = [];
    if (!text) return;
    (current()?.html ?? intro).push(renderBlock(text));
  };

  let i = bodyStart;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const lineNumber = i + 1;

    const fence = fenceOpen.exec(line);
    if (fence) {
      const marker = fence[2] ?? '```';
      const close = lines.findIndex(
        (l, j) =>
          j > i &&
          l.trim().startsWith(marker[0]!.repeat(marker.length)) &&
          l.trim().replace(/[`~]/g, '') === ''
      );
      if (close < 0) {
        error(lineNumber, `code block opened here is never closed with ${marker}`);
        break;
      }
      if (fence[3] === 'diagram') {
        flushProse();
        diagramCount += 1;
        const uid = `dg-${slug || 'lesson'}-${diagramCount}`;
        const { svg, problems: found } = renderDiagram(lines.slice(i + 1, close), uid);
        for (const p of found) error(i + 2 + p.offset, `diagram: ${p.message}`);
        if (svg) (current()?.html ?? intro).push(svg);
      } else {
        prose.push(...lines.slice(i, close + 1));
      }
      i = close + 1;
      continue;
    }

    if (/^#(?!#)\s/.test(line)) {
      error(
        lineNumber,
        'use "## Heading {#id}" for sections; the lesson title comes from the front matter'
      );
      i += 1;
      continue;
    }

    const heading = sectionHeading.exec(line);
    if (heading) {
      flushProse();
      const withId = headingId.exec(heading[1] ?? '');
      const title = (withId ? withId[1] : heading[1])?.trim() ?? '';
      const id = withId?.[2]?.trim() ?? '';
      if (!withId)
        error(lineNumber, `section "${title}" has no id: write "## ${title} {#some-id}"`);
      else if (!idPattern.test(id))
        error(
          lineNumber,
          `section id "${id}" may use only lowercase letters, digits and single hyphens`
        );
      else {
        const earlier = sections.find((s) => s.id === id);
        if (earlier)
          error(lineNumber, `section id "${id}" is already used on line ${earlier.line}`);
      }
      if (!title) error(lineNumber, 'section has no title');
      sections.push({ id, title, line: lineNumber, html: [], cards: [] });
      i += 1;
      continue;
    }

    if (isCardClose(line)) {
      error(lineNumber, '":::" closes a card block, but no block is open');
      i += 1;
      continue;
    }

    const open = parseCardOpen(line);
    if (open) {
      flushProse();
      const close = lines.findIndex((l, j) => j > i && isCardClose(l));
      const nextOpen = lines.findIndex((l, j) => j > i && parseCardOpen(l) !== undefined);
      if (close < 0 || (nextOpen >= 0 && nextOpen < close)) {
        error(lineNumber, 'card block is not closed: end it with a line ":::"');
        i = nextOpen >= 0 ? nextOpen : lines.length;
        continue;
      }
      const block: CardBlock = { ...open, line: lineNumber, body: lines.slice(i + 1, close) };
      const section = current();
      if (!section) {
        error(lineNumber, 'cards must come after a section heading ("## Title {#id}")');
      } else {
        const { cards, problems: found, prompt } = compileBlock(block, slug, section.id);
        for (const p of found) problems.push({ path: file.path, ...p });
        if (block.id && prompt)
          notes.push({ id: block.id, path: file.path, line: lineNumber, ...prompt });
        section.cards.push(...cards);
      }
      i = close + 1;
      continue;
    }

    prose.push(line);
    i += 1;
  }
  flushProse();

  if (meta && sections.length === 0)
    error(bodyStart + 1, 'a lesson needs at least one section ("## Title {#id}")');
  if (problems.some((p) => p.severity === 'error') || !meta) return { problems, notes };

  const compiled: Section[] = sections.map((s) => ({
    id: s.id,
    title: s.title,
    html: s.html.join('\n'),
    cards: s.cards,
    counts: countCards(s.cards)
  }));
  return {
    lesson: {
      slug,
      title: meta.title,
      order: meta.order,
      summary: meta.summary,
      intro: intro.join('\n'),
      sections: compiled,
      path: file.path
    },
    problems,
    notes
  };
}

/** Compiles every lesson and checks what must be unique across them: slugs and card ids. */
export function compileLibrary(files: readonly SourceFile[]): CompiledLibrary {
  const problems: ContentProblem[] = [];
  const lessons: Lesson[] = [];
  const seenIds = new Map<string, string>();
  const seenSlugs = new Map<string, string>();
  const notes: NoteText[] = [];
  for (const file of files) {
    const result = compileLesson(file);
    problems.push(...result.problems);
    notes.push(...result.notes);
    for (const { id, line } of writtenCardIds(file.text)) {
      const first = seenIds.get(id);
      if (first)
        problems.push({
          path: file.path,
          line,
          severity: 'error',
          message: `card id "${id}" is already used at ${first}`
        });
      else seenIds.set(id, `${file.path}:${line}`);
    }
    if (result.lesson) {
      const first = seenSlugs.get(result.lesson.slug);
      if (first)
        problems.push({
          path: file.path,
          line: 1,
          severity: 'error',
          message: `slug "${result.lesson.slug}" is already used by ${first}`
        });
      else seenSlugs.set(result.lesson.slug, file.path);
      lessons.push(result.lesson);
    }
  }
  for (const { note, earlier, reason } of nearDuplicates(notes)) {
    problems.push({
      path: note.path,
      line: note.line,
      severity: 'warning',
      message: `card "${note.id}" nearly repeats "${earlier.id}" at ${earlier.path}:${earlier.line} (${reason}): merge them, keeping one id, or make each ask something of its own`
    });
  }
  lessons.sort((a, b) => a.order - b.order || a.slug.localeCompare(b.slug));
  problems.sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
  return { lessons, problems };
}

export function summarize(lesson: Lesson): LessonSummary {
  return {
    slug: lesson.slug,
    title: lesson.title,
    order: lesson.order,
    summary: lesson.summary,
    sections: lesson.sections.map((s) => ({ id: s.id, title: s.title, counts: s.counts })),
    counts: lesson.sections.reduce((total, s) => addCounts(total, s.counts), emptyCounts())
  };
}

export function formatProblem(problem: ContentProblem): string {
  return `${problem.path}:${problem.line}: ${problem.severity === 'warning' ? 'warning: ' : ''}${problem.message}`;
}
