import { error, json } from '@sveltejs/kit';
import { lessonCards } from '$lib/core/content/deck';
import { library } from '$lib/server/content';
import type { EntryGenerator, RequestHandler } from './$types';

export const prerender = true;

export const entries: EntryGenerator = () =>
  library().lessons.map((lesson) => ({ slug: lesson.slug }));

export const GET: RequestHandler = ({ params }) => {
  const lesson = library().lessons.find((l) => l.slug === params.slug);
  if (!lesson) error(404, 'No such lesson');
  return json(lessonCards(lesson));
};
