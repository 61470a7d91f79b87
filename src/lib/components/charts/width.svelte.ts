import type { Attachment } from 'svelte/attachments';

/**
 * The width a chart is given, followed with a `ResizeObserver`, which reports sizes after the
 * browser's own layout. `bind:clientWidth` reads `clientWidth` as the chart mounts as well,
 * which makes the browser lay out the whole page there and then: on the statistics page that
 * forced layout was most of the time each chart took to draw. Until the first report the
 * chart is drawn at `initial` px (before the frame is painted, so it is not seen).
 */
export class ObservedWidth {
  current = $state(0);

  constructor(initial = 320) {
    this.current = initial;
  }

  readonly attach: Attachment<HTMLElement> = (node) => {
    const observer = new ResizeObserver((entries) => {
      const width = entries[0]?.contentRect.width;
      if (width !== undefined) this.current = Math.round(width);
    });
    observer.observe(node);
    return () => observer.disconnect();
  };
}
