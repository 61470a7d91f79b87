import type { HandleClientError } from '@sveltejs/kit';

/**
 * An unknown address is not a fault of the app: the not-found page says so, and nothing goes
 * to the console. Anything else is logged, as SvelteKit does by default, and shown in words.
 */
export const handleError: HandleClientError = ({ error, status, message }) => {
  if (status !== 404) console.error(error);
  return { message };
};
