import type { Attachment } from 'svelte/attachments';

/**
 * The width a chart is given, followed with a `ResizeObserver`, which reports sizes after the
 * browser's own layout. `bind:clientWidth` reads `clientWidth` as the chart mounts as well,
 * which makes the browser lay out the whole page there and then: on the statistics page that
 * forced layout was most of the time each chart took to draw. Until the first report the
 * chart is drawn at `initial` px: narrower than a chart's place on the narrowest phone (320 px
 * less the page's margins), so that for the moment before the report the page never scrolls
 * sideways (the 320 px e2e check caught a 320 px first drawing doing that).
 */
export class ObservedWidth {
  current = $state(0);

  constructor(initial = 240) {
    this.current = initial;
  }

  readonly attach: Attachment<HTMLElement> = (node) => {
    let frame = 0;
    const observer = new ResizeObserver((entries) => {
      const width = entries[0]?.contentRect.width;
      if (width === undefined) return;
      // Drawn at the new width in the next frame, not inside this report: the chart's height
      // follows its width, so drawing it here resized the observed box again within the same
      // frame, which WebKit reports as a page error ("ResizeObserver loop completed with
      // undelivered notifications", the WebKit smoke check on /stats, 2026-12-04).
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => (this.current = Math.round(width)));
    });
    observer.observe(node);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
    };
  };
}
