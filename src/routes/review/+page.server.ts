import { library } from '$lib/server/content';
import type { PageServerLoad } from './$types';

// New learners start with the first lesson's cards: the page starts loading that file early.
export const load: PageServerLoad = () => ({ firstLesson: library().lessons[0]?.slug });
