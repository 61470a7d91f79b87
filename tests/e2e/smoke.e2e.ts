// Every page at every size and in both themes is checked in pages.e2e.ts.
import { builtPages, expect, test } from './fixtures';

test('the build has the pages the app links to', () => {
  const pages = builtPages();
  for (const path of ['/', '/review', '/lessons', '/drill', '/cards', '/stats', '/settings'])
    expect(pages).toContain(path);
  expect(pages.filter((path) => path.startsWith('/lessons/')).length).toBeGreaterThan(0);
});
