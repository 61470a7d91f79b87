import { deckIndex } from '$lib/core/content/deck';
import { drillTopics } from '$lib/core/drill/drill';
import { library } from '$lib/server/content';
import type { PageServerLoad } from './$types';

// The topic list is part of the built page, so the form does not grow once the deck loads.
export const load: PageServerLoad = () => ({ topics: drillTopics(deckIndex(library().lessons)) });
