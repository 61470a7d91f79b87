import { json } from '@sveltejs/kit';
import { deckIndex } from '$lib/core/content/deck';
import { library } from '$lib/server/content';

export const prerender = true;

export const GET = () => json(deckIndex(library().lessons));
