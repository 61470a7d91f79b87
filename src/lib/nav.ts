import type { Pathname } from '$app/types';

/** The app's pages, in navigation order. Only pages that exist are listed. */
export const navPages: readonly { href: Pathname; label: string }[] = [
  { href: '/', label: 'Today' },
  { href: '/review', label: 'Review' },
  { href: '/lessons', label: 'Lessons' },
  { href: '/drill', label: 'Drill' },
  { href: '/stats', label: 'Stats' },
  { href: '/settings', label: 'Settings' }
];

/** Whether the nav link `href` is the current page (or a page under it). */
export function isCurrent(href: string, pathname: string): boolean {
  if (href === '/') return pathname === '/';
  return pathname === href || pathname.startsWith(`${href}/`);
}
