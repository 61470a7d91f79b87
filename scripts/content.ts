// `npm run content`: checks every lesson and prints a summary, or with --json one JSON object.
// `--dir PATH` checks another folder; `--fix-ids` writes ids into card blocks that lack one;
// `--brief` (used by the build) prints only problems and one line.
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  cardKinds,
  compileLibrary,
  emptyCounts,
  addCounts,
  fixIds,
  formatProblem,
  summarize,
  writtenCardIds
} from '../src/lib/core/content';
import { contentDir, readLessonFiles } from '../src/lib/server/content';

function readOptions() {
  try {
    return parseArgs({
      options: {
        dir: { type: 'string' },
        json: { type: 'boolean', default: false },
        'fix-ids': { type: 'boolean', default: false },
        brief: { type: 'boolean', default: false }
      },
      allowPositionals: false
    }).values;
  } catch (error) {
    console.error(
      `${(error as Error).message}\nUsage: npm run content -- [--dir PATH] [--json] [--fix-ids] [--brief]`
    );
    process.exit(2);
  }
}

const values = readOptions();

const dir = values.dir ?? contentDir();
let files;
try {
  files = readLessonFiles(dir);
} catch (error) {
  console.error(`Cannot read lessons from ${dir}: ${(error as Error).message}`);
  process.exit(1);
}

if (values['fix-ids']) {
  const taken = new Set(files.flatMap((file) => writtenCardIds(file.text).map(({ id }) => id)));
  for (const file of files) {
    const { text, added } = fixIds(file.text, taken);
    for (const { id } of added) taken.add(id);
    if (added.length > 0) {
      writeFileSync(file.path, text);
      for (const { line, id } of added) console.log(`${file.path}:${line}: added id ${id}`);
    }
    file.text = text;
  }
}

const { lessons, problems } = compileLibrary(files);
const errors = problems.filter((p) => p.severity === 'error');
const summaries = lessons.map(summarize);
const totals = summaries.reduce((total, lesson) => addCounts(total, lesson.counts), emptyCounts());

if (values.json) {
  const output = {
    lessons: summaries.map((lesson) => ({
      slug: lesson.slug,
      title: lesson.title,
      sections: lesson.sections.map((section) => ({
        id: section.id,
        title: section.title,
        counts: section.counts
      }))
    })),
    totals,
    errors: errors.map(formatProblem),
    warnings: problems.filter((p) => p.severity === 'warning').map(formatProblem)
  };
  console.log(JSON.stringify(output, null, 2));
} else if (values.brief) {
  for (const problem of problems) console.error(formatProblem(problem));
  const cards = cardKinds.reduce((sum, kind) => sum + totals[kind], 0);
  console.log(
    `lessons: ${lessons.length} lesson(s), ${cards} cards, ${errors.length} error(s), ${problems.length - errors.length} warning(s)`
  );
} else {
  for (const problem of problems) console.log(formatProblem(problem));
  if (problems.length > 0) console.log('');
  const total = (counts: Record<string, number>) =>
    cardKinds.reduce((sum, kind) => sum + (counts[kind] ?? 0), 0);
  for (const lesson of summaries) {
    console.log(
      `${lesson.title} (${lesson.slug}): ${lesson.sections.length} sections, ${total(lesson.counts)} cards`
    );
    for (const section of lesson.sections) {
      const parts = cardKinds
        .filter((kind) => section.counts[kind] > 0)
        .map((kind) => `${section.counts[kind]} ${kind}`);
      console.log(`  ${section.id.padEnd(28)} ${parts.join(', ') || 'no cards'}`);
    }
  }
  const parts = cardKinds.map((kind) => `${totals[kind]} ${kind}`).join(', ');
  console.log(
    `\n${files.length} file(s), ${lessons.length} lesson(s): ${parts}; ${errors.length} error(s), ${problems.length - errors.length} warning(s)`
  );
}
process.exit(errors.length > 0 ? 1 : 0);
