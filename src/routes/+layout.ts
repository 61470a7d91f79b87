// A static site: every page is rendered at build time and served as a file.
export const prerender = true;
export const trailingSlash = 'never';
