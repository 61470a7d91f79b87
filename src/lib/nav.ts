import type { Pathname } from '$app/types';

/**
 * The app's pages, in navigation order. Only pages that exist are listed. `icon`: the path of a
 * 24 x 24 line icon (stroked with the text colour), drawn in the phone's tab bar.
 */
export const navPages: readonly { href: Pathname; label: string; icon: string }[] = [
  { href: '/', label: 'Today', icon: 'M3 11l9-7 9 7M6 9v11h12V9M10 20v-6h4v6' },
  { href: '/review', label: 'Review', icon: 'M4 8h12v12H4zM8 4h12v12' },
  {
    href: '/lessons',
    label: 'Lessons',
    icon: 'M12 7C10 5 7 5 3 5v13c4 0 7 0 9 2 2-2 5-2 9-2V5c-4 0-7 0-9 2zm0 0v13'
  },
  {
    href: '/drill',
    label: 'Drill',
    icon: 'M12 21a8 8 0 1 0 0-16 8 8 0 0 0 0 16zm0-12v4l3 2M9 2h6'
  },
  { href: '/stats', label: 'Stats', icon: 'M5 20v-8M12 20V5M19 20v-11M3 20h18' },
  {
    href: '/settings',
    label: 'Settings',
    icon: 'M4 6h16M4 12h16M4 18h16M15 4v4M8 10v4M13 16v4'
  }
];

/** Whether the nav link `href` is the current page (or a page under it). */
export function isCurrent(href: string, pathname: string): boolean {
  if (href === '/') return pathname === '/';
  return pathname === href || pathname.startsWith(`${href}/`);
}
