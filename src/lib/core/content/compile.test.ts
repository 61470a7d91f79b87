import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileLesson, compileLibrary, formatProblem, summarize } from './compile';
import type { ChoiceCard, ContentProblem, RecallCard } from './types';

const front = (slug = 'demo') =>
  `---\ntitle: Demo\nslug: ${slug}\norder: 1\nsummary: A demo lesson.\n---\n`;

/** A lesson whose first body line is line 7. */
function lesson(body: string, slug = 'demo'): string {
  return `${front(slug)}${body}`;
}

function problemsOf(text: string, path = 'content/demo.md'): string[] {
  return compileLibrary([{ path, text }]).problems.map(formatProblem);
}

const basic = (id: string) => `::: basic ${id}\nQ: What is it?\nA: A thing.\n:::\n`;

describe('compileLesson', () => {
  it('compiles sections, prose and every card kind', () => {
    const text = lesson(
      [
        'Intro text.',
        '',
        '## First topic {#first}',
        '',
        'Some **prose**.',
        '',
        '::: basic dns-ip reversed',
        'Q: What does DNS return?',
        'A: An IP address.',
        ':::',
        '',
        '::: cloze cdn-ttl',
        'A CDN keeps a copy until its {{c1::TTL}} ends, then asks the {{c2::origin::where from?}}.',
        ':::',
        '',
        '## Second topic {#second}',
        '',
        '::: choice lb-down',
        'Q: A server dies. What happens?',
        '- [x] Traffic moves to the others.',
        '  Why: Health checks remove it.',
        '- [ ] Every request fails at once.',
        '  Why: Other servers remain.',
        '- [ ] DNS changes.',
        '  Why: DNS points at the load balancer.',
        ':::',
        '',
        '::: scenario db-dies',
        'Q: The primary dies. What next?',
        '- Promote a replica.',
        '- Point writes at it.',
        'Note: Replicas can lag.',
        ':::',
        '',
        '::: order failover',
        'Q: Order the steps.',
        '1. Detect.',
        '2. Promote.',
        '3. Reroute.',
        ':::'
      ].join('\n')
    );
    const { lesson: compiled, problems } = compileLesson({ path: 'demo.md', text });
    expect(problems).toEqual([]);
    expect(compiled?.intro).toBe('<p>Intro text.</p>');
    expect(compiled?.sections.map((s) => s.id)).toEqual(['first', 'second']);
    const first = compiled!.sections[0]!;
    expect(first.html).toBe('<p>Some <strong>prose</strong>.</p>');
    expect(first.cards.map((c) => c.id)).toEqual([
      'dns-ip',
      'dns-ip:reverse',
      'cdn-ttl:c1',
      'cdn-ttl:c2'
    ]);
    expect(first.counts).toEqual({ basic: 2, cloze: 2, choice: 0, scenario: 0, order: 0 });
    const [, reverse, c1, c2] = first.cards as RecallCard[];
    expect(reverse).toMatchObject({
      front: 'An IP address.',
      back: 'What does DNS return?',
      noteId: 'dns-ip'
    });
    expect(c1?.front).toContain('<span class="cloze">[…]</span>');
    expect(c1?.front).not.toContain('TTL');
    expect(c1?.front).toContain('origin');
    expect(c1?.back).toContain('<mark class="cloze">TTL</mark>');
    expect(c2?.front).toContain('[where from?]');
    const second = compiled!.sections[1]!;
    const choice = second.cards[0] as ChoiceCard;
    expect(choice.multiple).toBe(false);
    expect(choice.options.map((o) => o.correct)).toEqual([true, false, false]);
    expect(choice.options[0]?.why).toBe('Health checks remove it.');
    expect(second.cards[1]).toMatchObject({
      kind: 'scenario',
      points: ['Promote a replica.', 'Point writes at it.'],
      note: 'Replicas can lag.'
    });
    expect(second.cards[2]).toMatchObject({
      kind: 'order',
      steps: ['Detect.', 'Promote.', 'Reroute.']
    });
    expect(summarize(compiled!).counts).toEqual({
      basic: 2,
      cloze: 2,
      choice: 1,
      scenario: 1,
      order: 1
    });
  });

  it('keeps a card id, and so its history, when the wording changes', () => {
    const before = lesson(
      `## T {#t}\n\n::: basic cache-ttl\nQ: What ends a cached copy's life?\nA: Its TTL.\n:::\n`
    );
    const after = lesson(
      `## T {#t}\n\n::: basic cache-ttl\nQ: When does a cache entry expire?\nA: When its time to live runs out.\n:::\n`
    );
    const idsOf = (text: string) =>
      compileLesson({ path: 'a.md', text }).lesson?.sections[0]?.cards.map((c) => c.id);
    expect(idsOf(before)).toEqual(['cache-ttl']);
    expect(idsOf(after)).toEqual(idsOf(before));
  });
});

describe('errors, each with path and line', () => {
  const cases: [string, string, string][] = [
    ['missing front matter', '## T {#t}\n', 'content/demo.md:1: a lesson starts with front matter'],
    [
      'missing title',
      '---\nslug: demo\norder: 1\nsummary: S\n---\n## T {#t}\n',
      'content/demo.md:1: front matter needs "title"'
    ],
    [
      'bad slug',
      '---\ntitle: T\nslug: Bad Slug\norder: 1\nsummary: S\n---\n## T {#t}\n',
      'content/demo.md:3: slug "Bad Slug"'
    ],
    [
      'bad order',
      '---\ntitle: T\nslug: demo\norder: first\nsummary: S\n---\n## T {#t}\n',
      'content/demo.md:4: front matter needs "order"'
    ],
    [
      'unknown field',
      '---\ntitle: T\nslug: demo\norder: 1\nsummary: S\ncolour: red\n---\n## T {#t}\n',
      'content/demo.md:6: unknown front matter field "colour"'
    ],
    ['broken yaml', '---\ntitle: [unclosed\nslug: demo\n---\n## T {#t}\n', 'content/demo.md:'],
    ['unclosed front matter', '---\ntitle: T\n', 'content/demo.md:1: front matter is not closed'],
    [
      'no sections',
      lesson('Just prose.\n'),
      'content/demo.md:7: a lesson needs at least one section'
    ],
    ['section without id', lesson('## Topic\n'), 'content/demo.md:7: section "Topic" has no id'],
    ['bad section id', lesson('## Topic {#Top Ic}\n'), 'content/demo.md:7: section id "Top Ic"'],
    [
      'duplicate section id',
      lesson('## A {#a}\n\n## B {#a}\n'),
      'content/demo.md:9: section id "a" is already used on line 7'
    ],
    ['h1 in body', lesson('# Title\n\n## A {#a}\n'), 'content/demo.md:7: use "## Heading {#id}"'],
    [
      'card before any section',
      lesson(`${basic('x')}\n## A {#a}\n`),
      'content/demo.md:7: cards must come after a section heading'
    ],
    [
      'card without id',
      lesson('## A {#a}\n::: basic\nQ: q?\nA: a.\n:::\n'),
      'content/demo.md:8: basic card has no id'
    ],
    [
      'reversed card without id',
      lesson('## A {#a}\n::: basic reversed\nQ: q?\nA: a.\n:::\n'),
      'content/demo.md:8: basic card has no id'
    ],
    [
      'bad card id',
      lesson('## A {#a}\n::: basic Bad_Id\nQ: q?\nA: a.\n:::\n'),
      'content/demo.md:8: card id "Bad_Id"'
    ],
    [
      'duplicate card id',
      lesson(`## A {#a}\n${basic('same')}${basic('same')}`),
      'content/demo.md:12: card id "same" is already used at content/demo.md:8'
    ],
    [
      'unknown kind',
      lesson('## A {#a}\n::: essay e1\nQ: q?\n:::\n'),
      'content/demo.md:8: unknown card kind "essay"'
    ],
    [
      'unknown flag',
      lesson('## A {#a}\n::: cloze c1 reversed\n{{c1::x}}\n:::\n'),
      'content/demo.md:8: unknown option "reversed"'
    ],
    [
      'unclosed card',
      lesson('## A {#a}\n::: basic open\nQ: q?\nA: a.\n'),
      'content/demo.md:8: card block is not closed'
    ],
    [
      'stray closer',
      lesson('## A {#a}\n:::\n'),
      'content/demo.md:8: ":::" closes a card block, but no block is open'
    ],
    [
      'no question',
      lesson('## A {#a}\n::: basic nq\nA: a.\n:::\n'),
      'content/demo.md:8: basic card has no question'
    ],
    [
      'no answer',
      lesson('## A {#a}\n::: basic na\nQ: q?\n:::\n'),
      'content/demo.md:8: basic card has no answer'
    ],
    [
      'field twice',
      lesson('## A {#a}\n::: basic ft\nQ: q?\nA: a.\nA: b.\n:::\n'),
      'content/demo.md:11: "A:" appears twice'
    ],
    [
      'text outside a field',
      lesson('## A {#a}\n::: basic tx\nloose words\nQ: q?\nA: a.\n:::\n'),
      'content/demo.md:9: a basic card cannot hold free text here'
    ],
    [
      'cloze without deletion',
      lesson('## A {#a}\n::: cloze cz\nNo deletions here.\n:::\n'),
      'content/demo.md:8: cloze card has no deletion'
    ],
    [
      'malformed cloze',
      lesson('## A {#a}\n::: cloze cm\nA {{c1::good}} and {{bad}} one.\n:::\n'),
      'content/demo.md:8: malformed deletion'
    ],
    [
      'too few options',
      lesson('## A {#a}\n::: choice c2\nQ: q?\n- [x] a\n  Why: w\n- [ ] b\n  Why: w\n:::\n'),
      'content/demo.md:8: choice card has 2 options'
    ],
    [
      'no correct option',
      lesson(
        '## A {#a}\n::: choice c0\nQ: q?\n- [ ] a\n  Why: w\n- [ ] b\n  Why: w\n- [ ] c\n  Why: w\n:::\n'
      ),
      'content/demo.md:8: choice card has no correct option'
    ],
    [
      'why without option',
      lesson('## A {#a}\n::: choice cw\nQ: q?\nWhy: floating\n- [x] a\n- [ ] b\n- [ ] c\n:::\n'),
      'content/demo.md:10: "Why:" must follow a choice option'
    ],
    [
      'too few key points',
      lesson('## A {#a}\n::: scenario s1\nQ: q?\n- only one\n:::\n'),
      'content/demo.md:8: scenario has 1 key points'
    ],
    [
      'answer field on scenario',
      lesson('## A {#a}\n::: scenario sa\nQ: q?\nA: no\n- p\n- q\n:::\n'),
      'content/demo.md:10: a scenario card has no "A:" field'
    ],
    [
      'too few steps',
      lesson('## A {#a}\n::: order o1\nQ: q?\n1. a\n2. b\n:::\n'),
      'content/demo.md:8: order card has 2 steps'
    ],
    [
      'steps out of sequence',
      lesson('## A {#a}\n::: order o2\nQ: q?\n1. a\n3. b\n2. c\n:::\n'),
      'content/demo.md:11: step numbered 3 should be 2'
    ],
    [
      'diagram without title',
      lesson('## A {#a}\n```diagram\ndesc: d\nnode a "A" 0 0\n```\n'),
      'content/demo.md:8: diagram: a diagram needs a "title:" line'
    ],
    [
      'diagram without desc',
      lesson('## A {#a}\n```diagram\ntitle: t\nnode a "A" 0 0\n```\n'),
      'content/demo.md:8: diagram: a diagram needs a "desc:" line'
    ],
    [
      'node outside the grid',
      lesson('## A {#a}\n```diagram\ntitle: t\ndesc: d\nnode a "A" 3 0\n```\n'),
      'content/demo.md:11: diagram: node "a" is outside the grid'
    ],
    [
      'edge to unknown node',
      lesson('## A {#a}\n```diagram\ntitle: t\ndesc: d\nnode a "A" 0 0\nedge a -> b\n```\n'),
      'content/demo.md:12: diagram: edge refers to unknown node "b"'
    ],
    [
      'unknown diagram line',
      lesson('## A {#a}\n```diagram\ntitle: t\ndesc: d\nbox a\n```\n'),
      'content/demo.md:11: diagram: unknown diagram line'
    ],
    [
      'unclosed code fence',
      lesson('## A {#a}\n```js\nlet x;\n'),
      'content/demo.md:8: code block opened here is never closed'
    ]
  ];

  for (const [name, text, expected] of cases) {
    it(name, () => {
      const found = problemsOf(text);
      expect(
        found.some((p) => p.startsWith(expected)),
        `expected "${expected}" in:\n${found.join('\n')}`
      ).toBe(true);
    });
  }

  it('does not take the "reversed" flag of two cards without ids for a duplicate id', () => {
    const text = lesson(
      '## A {#a}\n::: basic reversed\nQ: q?\nA: a.\n:::\n::: basic reversed\nQ: r?\nA: b.\n:::\n'
    );
    const found = problemsOf(text);
    expect(found.filter((p) => p.includes('has no id'))).toHaveLength(2);
    expect(found.filter((p) => p.includes('already used'))).toEqual([]);
  });

  it('reports every error in a file, not only the first', () => {
    const text = lesson('## A\n::: basic\nQ: q?\n:::\n::: order o\nQ: q?\n1. one\n:::\n');
    const found = problemsOf(text);
    expect(found.filter((p) => !p.includes('warning:')).length).toBeGreaterThanOrEqual(4);
  });

  it('refuses the same slug or card id in two lessons', () => {
    const a = { path: 'content/a.md', text: lesson(`## A {#a}\n${basic('shared')}`, 'same') };
    const b = { path: 'content/b.md', text: lesson(`## A {#a}\n${basic('shared')}`, 'same') };
    const found = compileLibrary([a, b]).problems.map(formatProblem);
    expect(found).toContain('content/b.md:8: card id "shared" is already used at content/a.md:8');
    expect(found).toContain('content/b.md:1: slug "same" is already used by content/a.md');
  });
});

describe('warnings', () => {
  it('flags a long answer and an option with no explanation, without failing', () => {
    const long = Array.from({ length: 30 }, (_, i) => `word${i}`).join(' ');
    const text = lesson(
      `## A {#a}\n::: basic long\nQ: q?\nA: ${long}\n:::\n::: choice nowhy\nQ: q?\n- [x] a\n- [ ] b\n  Why: w\n- [ ] c\n  Why: w\n:::\n`
    );
    const { problems } = compileLibrary([{ path: 'w.md', text }]);
    const warnings = problems
      .filter((p: ContentProblem) => p.severity === 'warning')
      .map(formatProblem);
    expect(warnings).toEqual([
      'w.md:10: warning: answer has 30 words; keep it under 26',
      'w.md:14: warning: choice option has no "Why:" explanation'
    ]);
    expect(problems.every((p) => p.severity === 'warning')).toBe(true);
  });
});

describe('giveaway warnings', () => {
  const warningsOf = (...files: { path: string; text: string }[]) => {
    const { problems } = compileLibrary(files);
    expect(problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
    return problems.map(formatProblem);
  };
  const choice = (id: string, answer: string, others: string[]) =>
    [
      `::: choice ${id}`,
      `Q: Which fix for ${id}?`,
      `- [x] ${answer}`,
      '  Why: w',
      ...others.flatMap((o) => [`- [ ] ${o}`, '  Why: w']),
      ':::',
      ''
    ].join('\n');

  it('warns at the correct option when it is clearly the longest, and not otherwise', () => {
    const text = lesson(
      `## A {#a}\n${choice('long', 'Move the database onto its own machine, away from the app.', ['Add a CDN.', 'Reboot it.'])}` +
        choice('even', 'Replace the hard disk with an SSD.', [
          'Put the static files on a CDN.',
          'Add web servers behind a balancer.'
        ])
    );
    const found = warningsOf({ path: 'content/demo.md', text });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^content\/demo\.md:10: warning: the correct option is clearly the longest/
    );
  });

  it('warns when a cloze gives its own answer away, and not otherwise', () => {
    const text = lesson(
      '## A {#a}\n::: cloze leak\nA {{c1::replica}} serves reads, and each replica copies the primary.\n:::\n' +
        '::: cloze fine\nEvery write goes to the {{c1::primary}} node.\n:::\n'
    );
    expect(warningsOf({ path: 'content/demo.md', text })).toEqual([
      'content/demo.md:8: warning: deletion c1 "replica" can be read elsewhere in the same cloze, so its card gives the answer away'
    ]);
  });

  it('warns about near-duplicate cards across lessons, at the later one', () => {
    const a = {
      path: 'content/a.md',
      text: lesson(
        '## A {#a}\n::: basic first\nQ: What should trigger adding a new layer?\nA: A real signal.\n:::\n',
        'a'
      )
    };
    const b = {
      path: 'content/b.md',
      text: lesson(
        '## B {#b}\n::: basic second\nQ: What should trigger adding a new layer to a system?\nA: Metrics.\n:::\n',
        'b'
      )
    };
    const found = warningsOf(a, b);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(
      /^content\/b\.md:8: warning: card "second" nearly repeats "first" at content\/a\.md:8 \(the questions share \d+% of their key words\)/
    );
  });

  it('does not count a reversed card or the deletions of one cloze as duplicates', () => {
    const text = lesson(
      '## A {#a}\n::: basic lag reversed\nQ: What is replication lag?\nA: The delay before a write reaches a replica.\n:::\n' +
        '::: cloze ttl\nA {{c1::TTL}} that is too {{c2::long}} serves stale data.\n:::\n' +
        '::: basic other\nQ: Which metric shows workers falling behind?\nA: Queue depth.\n:::\n'
    );
    expect(warningsOf({ path: 'content/demo.md', text })).toEqual([]);
  });

  it('keeps the build passing: warnings alone compile the lesson', () => {
    const text = lesson(
      `## A {#a}\n${choice('long', 'Move the database onto its own machine, away from the app.', ['Add a CDN.', 'Reboot it.'])}`
    );
    const { lesson: compiled, problems } = compileLesson({ path: 'content/demo.md', text });
    expect(problems.map((p) => p.severity)).toEqual(['warning']);
    expect(compiled?.sections[0]?.cards.map((c) => c.id)).toEqual(['long']);
  });
});

describe('sanitising', () => {
  const hostile = lesson(
    [
      '## A {#a}',
      '',
      '<script>alert(1)</script>',
      '<img src="x.png" onerror="alert(2)">',
      '[click](javascript:alert(3)) and <a href="javascript:alert(4)">here</a> and <a href="JaVaScRiPt:alert(5)">there</a>',
      '<iframe src="https://example.com"></iframe><style>body{}</style>',
      '<p onclick="alert(6)" style="color:red">styled</p>',
      '',
      '::: basic evil',
      'Q: <b onmouseover="alert(7)">hover</b> <script>alert(8)</script>',
      'A: [x](javascript:alert(9))',
      ':::',
      '',
      '```diagram',
      'title: <script>alert(10)</script>',
      'desc: "><svg onload=alert(11)>',
      'node a "<img src=x onerror=alert(12)>" 0 0',
      '```'
    ].join('\n')
  );

  it('removes scripts, event handlers, styles, frames and javascript: links however they are written', () => {
    const { lesson: compiled, problems } = compileLesson({ path: 'x.md', text: hostile });
    expect(problems.filter((p) => p.severity === 'error')).toEqual([]);
    const section = compiled!.sections[0]!;
    const card = section.cards[0] as RecallCard;
    const output = [section.html, card.front, card.back].join('\n');
    expect(output).not.toMatch(/<(script|iframe|style)\b/i);
    expect(output).not.toMatch(/<[^>]*\s(on\w+|style)\s*=/i);
    expect(output).not.toMatch(/href\s*=\s*"?\s*javascript:/i);
    expect(output).toContain('<a>here</a>');
    expect(section.html).toContain('<img src="x.png" />');
    expect(section.html).toContain('styled');
    // Diagram text is escaped, never parsed as markup.
    expect(section.html).toContain('&lt;script&gt;alert(10)&lt;/script&gt;');
    expect(section.html).toContain('&lt;img src=x onerror=alert(12)&gt;');
    expect(section.html).not.toMatch(/<svg onload/i);
  });
});

// Compiling the whole course (seven lessons, with the giveaway checks) takes a few seconds, more
// on a busy machine: these tests get more time than the default 5 s.
describe('the bundled lessons', { timeout: 30_000 }, () => {
  const dir = join(process.cwd(), 'content');
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .map((name) => ({ path: `content/${name}`, text: readFileSync(join(dir, name), 'utf8') }));

  it('compile with no errors and no warnings', () => {
    const { lessons, problems } = compileLibrary(files);
    expect(problems.map(formatProblem)).toEqual([]);
    expect(lessons.length).toBeGreaterThan(0);
  });

  it('give chapter 1 at least 120 cards, 40 scenario questions, and 6 + 3 per topic with a diagram each', () => {
    const { lessons } = compileLibrary(files);
    const chapter = lessons.find((l) => l.slug === 'scaling-from-one-user-to-millions');
    expect(chapter).toBeDefined();
    const totals = summarize(chapter!).counts;
    expect(totals.basic + totals.cloze).toBeGreaterThanOrEqual(120);
    expect(totals.choice + totals.scenario + totals.order).toBeGreaterThanOrEqual(40);
    const topics = [
      'single-server',
      'sql-vs-nosql',
      'vertical-vs-horizontal',
      'load-balancer',
      'database-replication',
      'cache',
      'cdn',
      'stateless-web-tier',
      'multiple-data-centers',
      'message-queue',
      'logging-metrics-automation',
      'sharding'
    ];
    for (const id of [...topics, 'scaling-journey', 'principles']) {
      const section = chapter!.sections.find((s) => s.id === id);
      expect(section, id).toBeDefined();
      expect(section!.html, `${id} has a diagram`).toContain('<svg class="dg"');
      if (topics.includes(id)) {
        expect(section!.counts.basic + section!.counts.cloze, id).toBeGreaterThanOrEqual(6);
        expect(
          section!.counts.choice + section!.counts.scenario + section!.counts.order,
          id
        ).toBeGreaterThanOrEqual(3);
      }
    }
  });
});
