import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import {
  compileLibrary,
  summarize,
  type CompiledLibrary,
  type Lesson,
  type LessonSummary,
  type SourceFile
} from '../core/content';

/** The lessons folder: `content/`, or `$CONTENT_DIR` (the benchmarks build a generated library). */
export function contentDir(): string {
  return resolve(process.env.CONTENT_DIR ?? 'content');
}

/** Every `*.md` file under `dir`, with paths relative to the working directory for messages. */
export function readLessonFiles(dir: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name)
    )) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.md') && entry.name.toLowerCase() !== 'readme.md') {
        files.push({
          path: relative(process.cwd(), path) || path,
          text: readFileSync(path, 'utf8')
        });
      }
    }
  };
  walk(dir);
  return files;
}

let cached: CompiledLibrary | undefined;

/**
 * The compiled library, for prerendering. Throws with every error (as `path:line: message`)
 * so a build with bad content fails and says where.
 */
export function library(): { lessons: Lesson[]; summaries: LessonSummary[] } {
  if (process.env.NODE_ENV !== 'production') cached = undefined; // dev: pick up edits
  cached ??= compileLibrary(readLessonFiles(contentDir()));
  const errors = cached.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new Error(
      `Lesson content has ${errors.length} error(s):\n${errors.map((p) => `${p.path}:${p.line}: ${p.message}`).join('\n')}`
    );
  }
  return { lessons: cached.lessons, summaries: cached.lessons.map(summarize) };
}
