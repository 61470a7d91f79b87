// Writes a generated library of lesson files: `lessons` lessons of `cardsPerLesson` cards,
// every card kind represented, each section with a diagram, all valid for the compiler.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const sectionsPerLesson = 5;

function card(lesson: number, section: number, n: number): { text: string; cards: number } {
  const id = `b${lesson}-s${section}-n${n}`;
  switch (n % 10) {
    case 0:
      return {
        text: `::: choice ${id}\nQ: Benchmark scenario ${id}: the primary fails at peak. What next?\n- [x] Promote a replica.\n  Why: A replica holds a recent copy.\n- [ ] Wait for the primary.\n  Why: Writes fail meanwhile.\n- [ ] Restart every web server.\n  Why: The web tier is not the problem.\n:::\n`,
        cards: 1
      };
    case 1:
      return {
        text: `::: scenario ${id}\nQ: Benchmark scenario ${id}: cache hit rate drops after a deploy. What do you check?\n- Key format changes.\n- TTL settings.\n- Eviction rate.\n:::\n`,
        cards: 1
      };
    case 2:
      return {
        text: `::: order ${id}\nQ: Order the failover steps for ${id}.\n1. Detect the failure.\n2. Promote a replica.\n3. Reroute writes.\n4. Add a new replica.\n:::\n`,
        cards: 1
      };
    case 3:
      return {
        text: `::: cloze ${id}\nCard ${id}: a {{c1::load balancer}} spreads traffic over {{c2::web servers}}.\n:::\n`,
        cards: 2
      };
    default:
      return {
        text: `::: basic ${id}\nQ: Benchmark question ${id}: what does DNS return?\nA: The IP address of the server (${id}).\n:::\n`,
        cards: 1
      };
  }
}

/** Writes the library into `dir` and returns the number of cards it holds. */
export function writeLibrary(dir: string, lessons: number, cardsPerLesson: number): number {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  let total = 0;
  for (let l = 1; l <= lessons; l += 1) {
    const parts = [
      `---\ntitle: Benchmark lesson ${l}\nslug: bench-${l}\norder: ${l}\nsummary: Generated for the benchmarks.\n---\n`
    ];
    let inLesson = 0;
    for (let s = 1; s <= sectionsPerLesson; s += 1) {
      parts.push(
        `## Topic ${s} of lesson ${l} {#topic-${s}}\n\nSome prose about topic ${s}, long enough to read like a paragraph of a lesson.\n`,
        '```diagram\ntitle: Topic diagram\ndesc: A client talks to a server that reads a database.\nnode c "Client" 0 0 client\nnode s "Server" 1 0\nnode d "Database" 1 1 db\nedge c -> s "HTTP"\nedge s -> d\n```\n'
      );
      let n = 0;
      while (inLesson < (cardsPerLesson * s) / sectionsPerLesson) {
        const made = card(l, s, n);
        parts.push(made.text);
        inLesson += made.cards;
        n += 1;
      }
    }
    total += inLesson;
    writeFileSync(join(dir, `bench-${String(l).padStart(3, '0')}.md`), parts.join('\n'));
  }
  return total;
}
