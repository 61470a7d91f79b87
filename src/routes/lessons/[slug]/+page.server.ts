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
  // The reader shows prose, diagrams and card counts; the cards themselves stay out of the page.
  const shown = {
    slug: lesson.slug,
    title: lesson.title,
    summary: lesson.summary,
    intro: lesson.intro,
    sections: lesson.sections.map(({ id, title, html, counts }) => ({ id, title, html, counts }))
  };
  return { lesson: shown, previous: neighbour(index - 1), next: neighbour(index + 1) };
};
