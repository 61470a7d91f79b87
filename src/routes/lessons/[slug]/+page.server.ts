import { error } from '@sveltejs/kit';
import { library } from '$lib/server/content';
import type { EntryGenerator, PageServerLoad } from './$types';

// One prerendered page and one data file per lesson; a page loads only its own lesson.
export const entries: EntryGenerator = () =>
  library().lessons.map((lesson) => ({ slug: lesson.slug }));

export const load: PageServerLoad = ({ params }) => {
  const { lessons } = library();
  const index = lessons.findIndex((lesson) => lesson.slug === params.slug);
  const lesson = lessons[index];
  if (!lesson) error(404, 'No such lesson');
  const neighbour = (at: number) => {
    const other = lessons[at];
    return other ? { slug: other.slug, title: other.title } : undefined;
  };
  const { path: _path, ...shown } = lesson;
  return { lesson: shown, previous: neighbour(index - 1), next: neighbour(index + 1) };
};
