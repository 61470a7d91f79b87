import { escapeHtml } from './markdown';

/** Box styles a diagram node can have; each maps to a themed fill in app.css. */
export const nodeKinds = [
  'server',
  'client',
  'db',
  'cache',
  'queue',
  'store',
  'external',
  'worker'
] as const;
export type NodeKind = (typeof nodeKinds)[number];

export const maxColumns = 3;

interface DiagramNode {
  id: string;
  lines: string[];
  col: number;
  row: number;
  kind: NodeKind;
}

interface DiagramEdge {
  from: string;
  to: string;
  arrow: '->' | '<->' | '--';
  label: string;
  dashed: boolean;
}

interface DiagramGroup {
  label: string;
  members: string[];
}

export interface DiagramProblem {
  /** 0-based offset of the line inside the diagram block; -1 for the block as a whole. */
  offset: number;
  message: string;
}

/** Splits a line into words, keeping "quoted strings" whole (without their quotes). */
function tokens(line: string): { text: string; quoted: boolean }[] {
  const found: { text: string; quoted: boolean }[] = [];
  for (const match of line.matchAll(/"([^"]*)"|(\S+)/g)) {
    found.push(
      match[1] !== undefined
        ? { text: match[1], quoted: true }
        : { text: match[2] ?? '', quoted: false }
    );
  }
  return found;
}

const cell = { width: 186, height: 96 };
const box = { width: 164, lineHeight: 21, padding: 11 };
/** Rough width of one character of node text (17 px; bold for the first line), on the wide side. */
const nodeCharWidth = { strong: 11, plain: 9.6 };
const margin = { x: 12, top: 8, bottom: 8 };
const labelCharWidth = 8;

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

const labelWidth = (label: string) => label.length * labelCharWidth + 10;

/** Whether an edge's label fits on the line between two boxes of one row. */
function fitsBetween(label: string, a: DiagramNode, b: DiagramNode): boolean {
  return Math.abs(a.col - b.col) * cell.width - box.width >= labelWidth(label) + 16;
}

/** Extra height above a row whose gap holds an edge label, so the label clears the boxes. */
const labelRoom = 30;

function boxOf(node: DiagramNode, offsetX: number, rowTop: readonly number[]): Rect {
  const h = box.padding * 2 + node.lines.length * box.lineHeight;
  const cx = offsetX + node.col * cell.width + cell.width / 2;
  const cy = (rowTop[node.row] ?? 0) + cell.height / 2;
  return { x: cx - box.width / 2, y: cy - h / 2, w: box.width, h };
}

/** Where the straight line from the centre of `r` towards (tx, ty) leaves the rectangle. */
function exitPoint(r: Rect, tx: number, ty: number, gap: number): [number, number] {
  const cx = r.x + r.w / 2;
  const cy = r.y + r.h / 2;
  const dx = tx - cx;
  const dy = ty - cy;
  if (dx === 0 && dy === 0) return [cx, cy];
  const scale = Math.min(
    dx === 0 ? Infinity : (r.w / 2 + gap) / Math.abs(dx),
    dy === 0 ? Infinity : (r.h / 2 + gap) / Math.abs(dy)
  );
  return [cx + dx * scale, cy + dy * scale];
}

const round = (n: number) => Math.round(n * 10) / 10;

type Segment = [number, number, number, number];

/** Whether a line segment passes through a rectangle (Liang-Barsky clipping). */
function crosses([x1, y1, x2, y2]: Segment, r: Rect): boolean {
  const dx = x2 - x1;
  const dy = y2 - y1;
  let t0 = 0;
  let t1 = 1;
  for (const [p, q] of [
    [-dx, x1 - r.x],
    [dx, r.x + r.w - x1],
    [-dy, y1 - r.y],
    [dy, r.y + r.h - y1]
  ] as const) {
    if (p === 0) {
      if (q < 0) return false;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return false;
    }
  }
  return true;
}

/** The area two rectangles share. */
function overlap(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** Squeezes a line of text that would overflow its box, instead of letting it spill out. */
function fit(line: string, strong: boolean, boxWidth: number): string {
  const room = boxWidth - 12;
  const estimate = line.length * (strong ? nodeCharWidth.strong : nodeCharWidth.plain);
  return estimate > room ? ` textLength="${room}" lengthAdjust="spacingAndGlyphs"` : '';
}

function nodeShape(kind: NodeKind, r: Rect): string {
  if (kind === 'db' || kind === 'store') {
    const e = 7;
    const { x, y, w, h } = r;
    return (
      `<path class="dg-box dg-${kind}" d="M${x},${y + e} a${w / 2},${e} 0 0,1 ${w},0 v${h - 2 * e} a${w / 2},${e} 0 0,1 ${-w},0 z"/>` +
      `<path class="dg-rim" d="M${x},${y + e} a${w / 2},${e} 0 0,0 ${w},0"/>`
    );
  }
  const radius = kind === 'client' ? 16 : 8;
  return `<rect class="dg-box dg-${kind}" x="${r.x}" y="${r.y}" width="${r.w}" height="${r.h}" rx="${radius}"/>`;
}

/**
 * Parses a diagram block and renders it as an accessible SVG. Every text is escaped, so the
 * output needs no sanitising. `uid` makes the element ids unique within a page.
 */
export function renderDiagram(
  body: readonly string[],
  uid: string
): { svg: string; problems: DiagramProblem[] } {
  const problems: DiagramProblem[] = [];
  let title = '';
  let desc = '';
  const nodes = new Map<string, DiagramNode>();
  const edges: { edge: DiagramEdge; offset: number }[] = [];
  const groups: { group: DiagramGroup; offset: number }[] = [];

  body.forEach((raw, offset) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const field = /^(title|desc):\s*(.*)$/.exec(line);
    if (field) {
      if (field[1] === 'title') title = field[2] ?? '';
      else desc = field[2] ?? '';
      return;
    }
    const parts = tokens(line);
    const keyword = parts[0]?.text;
    if (keyword === 'node') {
      const [, id, label, col, row, kind] = parts;
      if (!id || !label?.quoted || !col || !row) {
        problems.push({ offset, message: 'a node needs: node ID "LABEL" COL ROW [KIND]' });
        return;
      }
      const c = Number(col.text);
      const r = Number(row.text);
      if (
        !Number.isInteger(c) ||
        c < 0 ||
        c >= maxColumns ||
        !Number.isInteger(r) ||
        r < 0 ||
        r > 40
      ) {
        problems.push({
          offset,
          message: `node "${id.text}" is outside the grid (columns 0-${maxColumns - 1}, rows 0 and up)`
        });
        return;
      }
      const nodeKind = (kind?.text ?? 'server') as NodeKind;
      if (!nodeKinds.includes(nodeKind)) {
        problems.push({
          offset,
          message: `unknown node kind "${kind?.text}" (use ${nodeKinds.join(', ')})`
        });
        return;
      }
      if (nodes.has(id.text)) {
        problems.push({ offset, message: `node "${id.text}" is defined twice` });
        return;
      }
      for (const other of nodes.values()) {
        if (other.col === c && other.row === r) {
          problems.push({
            offset,
            message: `node "${id.text}" sits on node "${other.id}" (column ${c}, row ${r})`
          });
          return;
        }
      }
      nodes.set(id.text, {
        id: id.text,
        lines: label.text.split('|').map((s) => s.trim()),
        col: c,
        row: r,
        kind: nodeKind
      });
      return;
    }
    if (keyword === 'edge') {
      const [, from, arrow, to, ...rest] = parts;
      if (!from || !to || !arrow || !['->', '<->', '--'].includes(arrow.text)) {
        problems.push({
          offset,
          message: 'an edge needs: edge FROM -> TO ["LABEL"] [dashed] (or <->, --)'
        });
        return;
      }
      const label = rest.find((part) => part.quoted)?.text ?? '';
      const dashed = rest.some((part) => !part.quoted && part.text === 'dashed');
      const unknown = rest.find((part) => !part.quoted && part.text !== 'dashed');
      if (unknown)
        problems.push({ offset, message: `unknown edge option "${unknown.text}" (only "dashed")` });
      edges.push({
        edge: {
          from: from.text,
          to: to.text,
          arrow: arrow.text as DiagramEdge['arrow'],
          label,
          dashed
        },
        offset
      });
      return;
    }
    if (keyword === 'group') {
      const [, label, ...members] = parts;
      if (!label?.quoted || members.length === 0) {
        problems.push({ offset, message: 'a group needs: group "LABEL" ID ID …' });
        return;
      }
      groups.push({ group: { label: label.text, members: members.map((m) => m.text) }, offset });
      return;
    }
    problems.push({
      offset,
      message: `unknown diagram line "${line}" (use title:, desc:, node, edge, group)`
    });
  });

  if (!title.trim()) problems.push({ offset: -1, message: 'a diagram needs a "title:" line' });
  if (!desc.trim())
    problems.push({ offset: -1, message: 'a diagram needs a "desc:" line for screen readers' });
  if (nodes.size === 0) problems.push({ offset: -1, message: 'a diagram needs at least one node' });
  for (const { edge, offset } of edges) {
    for (const end of [edge.from, edge.to]) {
      if (!nodes.has(end))
        problems.push({ offset, message: `edge refers to unknown node "${end}"` });
    }
  }
  for (const { group, offset } of groups) {
    for (const member of group.members) {
      if (!nodes.has(member))
        problems.push({ offset, message: `group refers to unknown node "${member}"` });
    }
  }
  if (problems.length > 0) return { svg: '', problems };

  const all = [...nodes.values()];
  const columns = Math.max(...all.map((n) => n.col)) + 1;
  const rows = Math.max(...all.map((n) => n.row)) + 1;
  const width = columns * cell.width + margin.x * 2;
  const grouped = new Set(groups.flatMap(({ group }) => group.members));
  const lastRowGrouped = all.some((n) => n.row === rows - 1 && grouped.has(n.id));
  // A labelled edge within a row puts its label above that row; one between two neighbouring
  // rows puts it in the gap between them. Either way that gap grows, so no label covers a box.
  const roomAbove = new Set<number>();
  for (const { edge } of edges) {
    const a = nodes.get(edge.from) as DiagramNode;
    const b = nodes.get(edge.to) as DiagramNode;
    if (!edge.label) continue;
    if (a.row === b.row && !fitsBetween(edge.label, a, b)) roomAbove.add(a.row);
    else if (Math.abs(a.row - b.row) === 1) roomAbove.add(Math.max(a.row, b.row));
  }
  const rowTop: number[] = [];
  let y = margin.top;
  for (let row = 0; row < rows; row += 1) {
    if (roomAbove.has(row)) y += labelRoom;
    rowTop.push(y);
    y += cell.height;
  }
  // A group's label sits under its boxes: give the last row room for it.
  const height = y + margin.bottom + (lastRowGrouped ? 22 : 0);
  const rects = new Map(all.map((n) => [n.id, boxOf(n, margin.x, rowTop)]));
  const titleId = `${uid}-title`;
  const descId = `${uid}-desc`;
  const arrowId = `${uid}-arrow`;
  const parts: string[] = [];
  // Edge labels are drawn last, over lines and boxes, so no box hides one.
  const labels: string[] = [];
  const placed: Rect[] = [];

  for (const { group } of groups) {
    const members = group.members
      .map((m) => rects.get(m))
      .filter((r): r is Rect => r !== undefined);
    const x = Math.min(...members.map((r) => r.x)) - 8;
    const y = Math.min(...members.map((r) => r.y)) - 8;
    const right = Math.max(...members.map((r) => r.x + r.w)) + 8;
    // The label sits under the boxes: edges usually enter a group from above.
    const bottom = Math.max(...members.map((r) => r.y + r.h)) + 26;
    parts.push(
      `<g class="dg-group"><rect x="${x}" y="${y}" width="${right - x}" height="${bottom - y}" rx="10"/>` +
        `<text x="${x + 10}" y="${bottom - 8}">${escapeHtml(group.label)}</text></g>`
    );
  }

  // Two edges between the same boxes (a request and its reply) are drawn side by side.
  const pairKey = (e: DiagramEdge) => [e.from, e.to].sort().join('\n');
  const pairs = new Map<string, number>();
  for (const { edge } of edges) pairs.set(pairKey(edge), (pairs.get(pairKey(edge)) ?? 0) + 1);
  const pairSeen = new Map<string, number>();

  interface Drawn {
    edge: DiagramEdge;
    a: Rect;
    b: Rect;
    line: Segment;
    /** For an edge drawn beside its twin: the unit normal pointing away from the twin. */
    outward?: [number, number];
  }
  const drawn: Drawn[] = [];
  for (const { edge } of edges) {
    const a = rects.get(edge.from) as Rect;
    const b = rects.get(edge.to) as Rect;
    let [x1, y1] = exitPoint(a, b.x + b.w / 2, b.y + b.h / 2, 3);
    let [x2, y2] = exitPoint(b, a.x + a.w / 2, a.y + a.h / 2, 4);
    const key = pairKey(edge);
    const inPair = pairs.get(key) ?? 1;
    let outward: [number, number] | undefined;
    if (inPair > 1) {
      const k = pairSeen.get(key) ?? 0;
      pairSeen.set(key, k + 1);
      // The same side for both directions: measure the normal from the pair's first box.
      const sign = edge.from < edge.to ? 1 : -1;
      const length = Math.hypot(x2 - x1, y2 - y1) || 1;
      const shift = (k - (inPair - 1) / 2) * 12;
      const nx = (-(y2 - y1) / length) * shift * sign;
      const ny = ((x2 - x1) / length) * shift * sign;
      [x1, y1, x2, y2] = [x1 + nx, y1 + ny, x2 + nx, y2 + ny];
      if (shift !== 0) outward = [nx / Math.abs(shift), ny / Math.abs(shift)];
    }
    drawn.push({ edge, a, b, line: [x1, y1, x2, y2], outward });
    // Between boxes side by side the line is short: smaller heads, so two never overlap.
    const head = Math.hypot(x2 - x1, y2 - y1) < 30 ? `${arrowId}-small` : arrowId;
    const markerEnd = edge.arrow === '--' ? '' : ` marker-end="url(#${head})"`;
    const markerStart = edge.arrow === '<->' ? ` marker-start="url(#${head})"` : '';
    const dash = edge.dashed ? ' stroke-dasharray="6 5"' : '';
    parts.push(
      `<g class="dg-edge"><line x1="${round(x1)}" y1="${round(y1)}" x2="${round(x2)}" y2="${round(y2)}"${dash}${markerStart}${markerEnd}/></g>`
    );
  }

  // Labels go where they cover no box, no other label and no other edge's line: the first
  // free spot among a few candidates, else the one that covers least.
  for (const { edge, a, b, line, outward } of drawn) {
    if (!edge.label) continue;
    const [x1, y1, x2, y2] = line;
    const nodeA = nodes.get(edge.from) as DiagramNode;
    const nodeB = nodes.get(edge.to) as DiagramNode;
    const w = labelWidth(edge.label);
    let candidates: [number, number][] = [];
    if (nodeA.row === nodeB.row && !fitsBetween(edge.label, nodeA, nodeB)) {
      // Boxes side by side leave no room for text between them: the label goes above.
      candidates.push([(x1 + x2) / 2, Math.min(a.y, b.y) - 15]);
    } else if (Math.abs(nodeA.row - nodeB.row) === 1) {
      // Between neighbouring rows: in the middle of the gap, on the line, which stays
      // visible above and below the label with its arrowhead.
      const [upper, lower] = a.y < b.y ? [a, b] : [b, a];
      const my = (upper.y + upper.h + lower.y) / 2;
      candidates.push([x1 + ((my - y1) / (y2 - y1)) * (x2 - x1), my]);
    }
    for (const t of [0.5, 0.4, 0.6, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8]) {
      candidates.push([x1 + t * (x2 - x1), y1 + t * (y2 - y1)]);
    }
    if (outward) {
      // A twin's label sits beside its own line, on the far side from the other line.
      const [ox, oy] = outward;
      const away = Math.abs(ox) * (w / 2) + Math.abs(oy) * 11 + 3;
      candidates = candidates.map(([cx, cy]) => [cx + ox * away, cy + oy * away]);
    }
    const others = drawn.filter((d) => d.edge !== edge).map((d) => d.line);
    const covered = (mx: number, my: number) => {
      const label = { x: mx - w / 2, y: my - 11, w, h: 22 };
      const area = [...rects.values(), ...placed].reduce((sum, r) => sum + overlap(label, r), 0);
      return area + others.filter((segment) => crosses(segment, label)).length * 300;
    };
    let [mx, my] = candidates[0] as [number, number];
    let least = covered(mx, my);
    for (const [cx, cy] of candidates) {
      if (least === 0) break;
      const c = covered(cx, cy);
      if (c < least) [mx, my, least] = [cx, cy, c];
    }
    placed.push({ x: mx - w / 2 - 4, y: my - 13, w: w + 8, h: 26 });
    labels.push(
      `<g class="dg-edge-label"><rect class="dg-label-bg" x="${round(mx - w / 2)}" y="${round(my - 11)}" width="${round(w)}" height="22" rx="4"/>` +
        `<text class="dg-label" x="${round(mx)}" y="${round(my + 5)}">${escapeHtml(edge.label)}</text></g>`
    );
  }

  for (const node of all) {
    const r = rects.get(node.id) as Rect;
    const firstY = r.y + box.padding + box.lineHeight * 0.75;
    // One <text> per line, not <tspan>s of one <text>: Firefox ignores textLength on most
    // positioned tspans, and a squeezed line then spills out of its box.
    const text = node.lines
      .map(
        (line, i) =>
          `<text x="${r.x + r.w / 2}" y="${round(firstY + i * box.lineHeight)}"${i === 0 ? ' class="dg-strong"' : ''}${fit(line, i === 0, r.w)}>${escapeHtml(line)}</text>`
      )
      .join('');
    parts.push(`<g class="dg-node">${nodeShape(node.kind, r)}${text}</g>`);
  }

  // Three columns and more would shrink their text below 9 px on a 320 px phone: such a diagram
  // keeps a minimum width there (in CSS) and scrolls sideways in its frame. The lesson page
  // makes the frame focusable while it scrolls, so a keyboard can scroll it too.
  const frame =
    columns >= 3
      ? `<div class="dg-frame dg-wide" role="group" aria-labelledby="${titleId}">`
      : '<div class="dg-frame">';
  const svg =
    `<figure class="diagram">${frame}<svg class="dg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}">` +
    `<title id="${titleId}">${escapeHtml(title)}</title><desc id="${descId}">${escapeHtml(desc)}</desc>` +
    `<defs><marker id="${arrowId}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="dg-arrow"/></marker>` +
    `<marker id="${arrowId}-small" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="4" markerHeight="4" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" class="dg-arrow"/></marker></defs>` +
    parts.join('') +
    labels.join('') +
    `</svg></div><figcaption>${escapeHtml(title)}</figcaption></figure>`;
  return { svg, problems };
}
