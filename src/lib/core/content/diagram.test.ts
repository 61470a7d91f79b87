import { describe, expect, it } from 'vitest';
import { renderDiagram } from './diagram';

const spec = [
  'title: Users and a server',
  'desc: Users send HTTP requests to one web server.',
  'node users "Users|web and mobile" 0 0 client',
  'node web "Web server" 0 1',
  'node db "Database" 1 1 db',
  'edge users -> web "HTTP"',
  'edge web <-> db "SQL" dashed',
  'group "Data center" web db'
];

describe('renderDiagram', () => {
  it('renders an accessible SVG named by its title and description', () => {
    const { svg, problems } = renderDiagram(spec, 'dg-x-1');
    expect(problems).toEqual([]);
    expect(svg).toMatch(
      /^<figure class="diagram"><div class="dg-frame"><svg class="dg" viewBox="0 0 \d+ \d+"/
    );
    expect(svg).toContain('role="img" aria-labelledby="dg-x-1-title dg-x-1-desc"');
    expect(svg).toContain('<title id="dg-x-1-title">Users and a server</title>');
    expect(svg).toContain(
      '<desc id="dg-x-1-desc">Users send HTTP requests to one web server.</desc>'
    );
    expect(svg).toContain('<figcaption>Users and a server</figcaption>');
  });

  it('draws each node, edge, label and group, with no colour written into the SVG', () => {
    const { svg } = renderDiagram(spec, 'd');
    expect(svg.match(/class="dg-node"/g)).toHaveLength(3);
    expect(svg.match(/<line /g)).toHaveLength(2);
    expect(svg).toContain('>web and mobile</text>');
    // Side by side, the line is short: smaller heads, so the two do not overlap.
    expect(svg).toContain(
      'stroke-dasharray="6 5" marker-start="url(#d-arrow-small)" marker-end="url(#d-arrow-small)"'
    );
    expect(svg).toMatch(/<line [^>]*marker-end="url\(#d-arrow\)"/);
    expect(svg).toContain('>Data center</text>');
    expect(svg).toContain('class="dg-box dg-db"');
    expect(svg).not.toMatch(/fill="#|stroke="#/);
  });

  it('squeezes a long line with textLength on its own <text>, which every engine applies', () => {
    const { svg } = renderDiagram(
      ['title: t', 'desc: d', 'node a "A very long label for one box|web and mobile" 0 0'],
      'long'
    );
    expect(svg).not.toContain('<tspan');
    expect(svg).toMatch(
      /<text [^>]*class="dg-strong" textLength="152" lengthAdjust="spacingAndGlyphs">A very long label for one box<\/text>/
    );
    expect(svg).toMatch(/<text [^>]*>web and mobile<\/text>/);
    expect(svg).not.toMatch(/textLength="[^"]*">web and mobile/);
  });

  it('puts a diagram of three columns or more in a frame that can scroll, named by its title', () => {
    const two = renderDiagram(['title: t', 'desc: d', 'node a "A" 1 0'], 'two').svg;
    const three = renderDiagram(['title: Wide', 'desc: d', 'node a "A" 2 0'], 'three').svg;
    expect(two).toContain('<div class="dg-frame"><svg');
    expect(three).toContain(
      '<div class="dg-frame dg-wide" role="group" aria-labelledby="three-title"><svg'
    );
    expect(three).toContain('</svg></div><figcaption>Wide</figcaption></figure>');
  });

  /** The boxes (x, y, w, h) and label backgrounds of a rendered diagram. */
  function geometry(svg: string) {
    const rect = (m: RegExpMatchArray) => ({
      x: Number(m[1]),
      y: Number(m[2]),
      w: Number(m[3]),
      h: Number(m[4])
    });
    return {
      boxes: [
        ...svg.matchAll(
          /<rect class="dg-box[^"]*" x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"/g
        )
      ].map(rect),
      labels: [
        ...svg.matchAll(
          /<rect class="dg-label-bg" x="([\d.-]+)" y="([\d.-]+)" width="([\d.]+)" height="([\d.]+)"/g
        )
      ].map(rect)
    };
  }
  const apart = (a: { x: number; y: number; w: number; h: number }, b: typeof a) =>
    a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;

  it('puts a label between neighbouring rows in the gap, clear of every box and label', () => {
    const { svg } = renderDiagram(
      [
        'title: t',
        'desc: d',
        'node lb "Load balancer|public IP" 1 0',
        'node a "Web 1" 0 1',
        'node b "Web 2" 1 1',
        'node c "Web 3|failed check" 2 1',
        'edge lb -> a "private IP"',
        'edge lb -> b "private IP"',
        'edge lb -> c "health check" dashed'
      ],
      'g'
    );
    const { boxes, labels } = geometry(svg);
    expect(boxes).toHaveLength(4);
    expect(labels).toHaveLength(3);
    for (const label of labels) {
      for (const other of [...boxes, ...labels.filter((l) => l !== label)])
        expect(apart(label, other)).toBe(true);
      expect(label.y).toBeGreaterThan(boxes[0]!.y + boxes[0]!.h);
    }
  });

  it('puts a label above two boxes side by side, and on the line when the boxes are far apart', () => {
    const near = geometry(
      renderDiagram(
        ['title: t', 'desc: d', 'node a "A" 0 0', 'node b "B" 1 0', 'edge a -> b "request"'],
        'n'
      ).svg
    );
    expect(near.labels[0]!.y + near.labels[0]!.h).toBeLessThanOrEqual(near.boxes[0]!.y);
    expect(near.boxes[0]!.y).toBeGreaterThan(50); // the row moved down to make room
    const far = geometry(
      renderDiagram(
        ['title: t', 'desc: d', 'node a "A" 0 0', 'node b "B" 2 0', 'edge a <-> b "copy"'],
        'f'
      ).svg
    );
    const middle = far.boxes[0]!.y + far.boxes[0]!.h / 2;
    expect(far.labels[0]!.y).toBeLessThan(middle);
    expect(far.labels[0]!.y + far.labels[0]!.h).toBeGreaterThan(middle);
    expect(far.boxes[0]!.y).toBeLessThan(50);
  });

  it('uses only the columns it needs', () => {
    const narrow = renderDiagram(['title: t', 'desc: d', 'node a "A" 0 0'], 'n').svg;
    const wide = renderDiagram(['title: t', 'desc: d', 'node a "A" 2 0'], 'w').svg;
    const width = (svg: string) => Number(/viewBox="0 0 (\d+)/.exec(svg)?.[1]);
    expect(width(wide)).toBeGreaterThan(width(narrow) * 2);
  });

  it('squeezes a label too long for its box instead of letting it spill out', () => {
    const { svg } = renderDiagram(
      ['title: t', 'desc: d', 'node a "A very long label indeed" 0 0', 'node b "Short" 1 0'],
      's'
    );
    expect(svg).toMatch(/lengthAdjust="spacingAndGlyphs">A very long label indeed</);
    expect(svg).toMatch(/class="dg-strong">Short</);
  });

  it('reports each bad line with its offset', () => {
    const { svg, problems } = renderDiagram(
      [
        'title: t',
        'desc: d',
        'node a "A" 0 0',
        'node b "B" 0 0',
        'node c "C" 0 1 spaceship',
        'edge a => c',
        'group "G"'
      ],
      'p'
    );
    expect(svg).toBe('');
    expect(problems).toEqual([
      { offset: 3, message: 'node "b" sits on node "a" (column 0, row 0)' },
      {
        offset: 4,
        message:
          'unknown node kind "spaceship" (use server, client, db, cache, queue, store, external, worker)'
      },
      { offset: 5, message: 'an edge needs: edge FROM -> TO ["LABEL"] [dashed] (or <->, --)' },
      { offset: 6, message: 'a group needs: group "LABEL" ID ID …' }
    ]);
  });
});
