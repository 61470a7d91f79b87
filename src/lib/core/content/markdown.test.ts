import { describe, expect, it } from 'vitest';
import { renderBlock } from './markdown';

describe('renderBlock', () => {
  it('puts each table in a frame that can scroll sideways, and keeps no other div class', () => {
    const html = renderBlock('| a | b |\n| - | - |\n| 1,073,741,824 | x |');
    expect(html.startsWith('<div class="table-frame"><table>')).toBe(true);
    expect(html.endsWith('</table></div>')).toBe(true);
    expect(renderBlock('<div class="evil" onclick="x()">hi</div>')).toBe('<div>hi</div>');
  });
});
