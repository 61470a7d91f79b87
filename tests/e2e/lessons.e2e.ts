import { readdirSync } from 'node:fs';
import { rating, revealByMouse } from './answering';
import { expect, seriousA11yViolations, test } from './fixtures';
import { answersStored, cardStates } from './storage';

const slugs = readdirSync('build/lessons')
  .filter((name) => name.endsWith('.html'))
  .map((name) => name.replace(/\.html$/, ''));

test('the lesson list shows every lesson in course order with its topics, progress and card count', async ({
  page
}) => {
  expect(slugs.length).toBe(7);
  await page.goto('/lessons');
  const lessons = page.locator('ol.lessons > li');
  await expect(lessons).toHaveCount(slugs.length);
  const first = lessons.first();
  await expect(first.getByRole('heading', { level: 2 })).toHaveText(
    'Scaling from one user to millions'
  );
  await expect(lessons.nth(1).getByRole('heading', { level: 2 })).toHaveText(
    'Back-of-the-envelope estimation'
  );
  await expect(first).toContainText(/14 topics · \d+ cards to review/);
  // Topics are listed, not folded away.
  await expect(first.getByRole('link', { name: 'Database sharding' })).toBeVisible();
  await expect(first.getByText('Not started')).toBeVisible();

  // After an answer, the lesson shows it as started.
  await page.goto('/review');
  await page.getByRole('button', { name: 'Show answer' }).click();
  await page.getByRole('button', { name: /^Good\b/ }).click();
  await expect(page.getByRole('button', { name: /^Good\b/ })).toBeHidden();
  await page.goto('/lessons');
  await expect(page.locator('ol.lessons > li').first()).toContainText(/^.*1 of \d+ started/s);
});

for (const slug of slugs) {
  test(`lesson ${slug}: every section reads with its diagram, and axe passes`, async ({ page }) => {
    // axe over a long lesson takes a while on a busy machine.
    test.setTimeout(90_000);
    await page.goto(`/lessons/${slug}`);
    const sections = page.locator('article section');
    const count = await sections.count();
    expect(count).toBeGreaterThan(0);
    const contents = page.getByRole('navigation', { name: 'Topics' });
    await expect(contents.getByRole('link')).toHaveCount(count);

    for (let i = 0; i < count; i += 1) {
      const section = sections.nth(i);
      const id = await section.getAttribute('id');
      await expect(section.getByRole('heading', { level: 2 })).toBeVisible();
      await expect(section.locator('.prose p').first()).not.toBeEmpty();
      const diagram = section.getByRole('img');
      await expect(diagram.first(), `section ${id} has a diagram`).toBeVisible();
      const name = await diagram
        .first()
        .evaluate((svg) => svg.querySelector('title')?.textContent ?? '');
      expect(name.length, `diagram in ${id} has a title`).toBeGreaterThan(3);
      const box = await diagram.first().boundingBox();
      expect(box?.width ?? 0).toBeLessThanOrEqual(390);
      await expect(section).toContainText(/In review: \d+ cards? · \d+ scenario questions?/);
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
}

for (const slug of slugs) {
  test(`lesson ${slug} at 320 px, dark: no sideways page, diagrams at 11 px or more, axe passes`, async ({
    page
  }) => {
    // axe over a long lesson takes a while on a busy machine.
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 320, height: 640 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(`/lessons/${slug}`);
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth
    );
    expect(overflow).toBeLessThanOrEqual(0);
    const diagrams = page.locator('article section svg[role="img"]');
    const count = await diagrams.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i += 1) {
      const diagram = diagrams.nth(i);
      await diagram.scrollIntoViewIfNeeded();
      // Label text is 17 units in the diagram's own coordinates: at least 11 px on screen.
      const scale = await diagram.evaluate(
        (svg) => svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width
      );
      expect(17 * scale, `diagram ${i + 1} of ${slug}`).toBeGreaterThanOrEqual(11);
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
  });
}

test('a link to a section opens the lesson at that section', async ({ page }) => {
  await page.goto('/lessons/scaling-from-one-user-to-millions#sharding');
  const heading = page.getByRole('heading', { name: /Database sharding/ });
  await expect(heading).toBeInViewport();
  await page.goto('/lessons');
  await page.getByRole('link', { name: 'Message queue', exact: true }).click();
  await expect(page).toHaveURL(/\/lessons\/scaling-from-one-user-to-millions#message-queue$/);
  await expect(page.getByRole('heading', { name: /Message queue/ })).toBeInViewport();
});

test('a lesson is readable at 320 px in the dark theme', async ({ page }) => {
  await page.setViewportSize({ width: 320, height: 640 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/lessons/scaling-from-one-user-to-millions#cache');
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth
  );
  expect(overflow).toBeLessThanOrEqual(0);
  const diagram = page.locator('#cache svg');
  const box = await diagram.boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(280);
  const textColour = await diagram
    .locator('.dg-node text')
    .first()
    .evaluate((el) => getComputedStyle(el).fill);
  expect(textColour).toBe('rgb(236, 238, 244)');

  // A three-column diagram keeps its text at 11 px or more and scrolls sideways instead,
  // by touch or by keyboard (its frame takes focus); the page itself never scrolls sideways.
  const frame = page.locator('#cache .dg-frame');
  const scale = await diagram.evaluate(
    (svg) => svg.getBoundingClientRect().width / (svg as SVGSVGElement).viewBox.baseVal.width
  );
  expect(17 * scale).toBeGreaterThanOrEqual(11);
  const sideways = await frame.evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(sideways).toBeGreaterThan(0);
  await expect(frame).toHaveAttribute('tabindex', '0');
  await frame.focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => frame.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  expect(await seriousA11yViolations(page)).toEqual([]);

  // On a wide screen nothing scrolls, and the frames are no tab stops.
  await page.setViewportSize({ width: 1200, height: 800 });
  await expect(frame).not.toHaveAttribute('tabindex');
});

test('"Learn this topic" schedules the topic\'s new cards for real; the reader is offered their place back', async ({
  page
}) => {
  const lesson = '/lessons/scaling-from-one-user-to-millions';
  await page.goto(lesson);
  await page.getByRole('link', { name: /^Learn this topic\s*: Single server setup$/ }).click();
  await expect(
    page.getByText(/^Learning: Scaling from one user to millions › Single server setup/)
  ).toBeVisible();
  // Intervals show: these answers count for the schedule, unlike "Study now".
  await revealByMouse(page);
  await rating(page, 'Good').click();
  await expect.poll(() => answersStored(page)).toBe(1);
  const states = (await cardStates(page)) as { phase: number }[];
  expect(states).toHaveLength(1);
  expect(states[0]?.phase).toBe(1);

  // Reading on: the place is kept, and offered on the next visit.
  await page.goto(lesson);
  await page.locator('#cache').scrollIntoViewIfNeeded();
  await page.locator('#cache').evaluate((section) => section.scrollIntoView({ block: 'start' }));
  await page.waitForTimeout(300);
  await page.goto('/');
  await page.goto(lesson);
  await page.getByRole('link', { name: /^Continue reading: / }).click();
  await expect(page.getByRole('heading', { level: 2, name: /Cache/ })).toBeInViewport();
  await expect(page.getByRole('link', { name: 'Back to topics' }).first()).toBeAttached();
});
