// The note types (Anki "models") the package defines: one per kind of card, in Anki's
// schema-11 JSON shape (the `models` column of the `col` table).

/** Our note types. `basic-reversed` is a basic note with a `:reverse` card. */
export type NoteTypeKey = 'basic' | 'basic-reversed' | 'cloze' | 'choice' | 'scenario' | 'order';

export interface NoteTypeSpec {
  key: NoteTypeKey;
  /** Fixed, so a second export (and every device's) names the same note type. */
  id: number;
  name: string;
  /** 1 for Anki's cloze model type, 0 for standard. */
  type: 0 | 1;
  fields: string[];
  templates: { name: string; qfmt: string; afmt: string }[];
}

const answerLine = '{{FrontSide}}\n\n<hr id=answer>\n\n';
const extra = (field: string) => `{{#${field}}}<div class="extra">{{${field}}}</div>{{/${field}}}`;

/** Ids in the range of Anki's own (epoch milliseconds), fixed once for this app. */
export const noteTypes: Record<NoteTypeKey, NoteTypeSpec> = {
  basic: {
    key: 'basic',
    id: 1764633600001,
    name: 'System Design Recall: Basic',
    type: 0,
    fields: ['Front', 'Back', 'Extra'],
    templates: [
      { name: 'Card 1', qfmt: '{{Front}}', afmt: `${answerLine}{{Back}}${extra('Extra')}` }
    ]
  },
  'basic-reversed': {
    key: 'basic-reversed',
    id: 1764633600002,
    name: 'System Design Recall: Basic (and reversed card)',
    type: 0,
    fields: ['Front', 'Back', 'Extra'],
    templates: [
      { name: 'Card 1', qfmt: '{{Front}}', afmt: `${answerLine}{{Back}}${extra('Extra')}` },
      { name: 'Card 2', qfmt: '{{Back}}', afmt: `${answerLine}{{Front}}${extra('Extra')}` }
    ]
  },
  cloze: {
    key: 'cloze',
    id: 1764633600003,
    name: 'System Design Recall: Cloze',
    type: 1,
    fields: ['Text', 'Back Extra'],
    templates: [
      { name: 'Cloze', qfmt: '{{cloze:Text}}', afmt: `{{cloze:Text}}${extra('Back Extra')}` }
    ]
  },
  choice: {
    key: 'choice',
    id: 1764633600004,
    name: 'System Design Recall: Choice',
    type: 0,
    fields: ['Question', 'Options', 'Answer', 'Extra'],
    templates: [
      {
        name: 'Card 1',
        qfmt: '{{Question}}\n{{Options}}',
        afmt: `{{Question}}\n\n<hr id=answer>\n\n{{Answer}}${extra('Extra')}`
      }
    ]
  },
  scenario: {
    key: 'scenario',
    id: 1764633600005,
    name: 'System Design Recall: Scenario',
    type: 0,
    fields: ['Question', 'Key points', 'Extra'],
    templates: [
      {
        name: 'Card 1',
        qfmt: '{{Question}}',
        afmt: `${answerLine}<p><strong>Key points</strong></p>\n{{Key points}}${extra('Extra')}`
      }
    ]
  },
  order: {
    key: 'order',
    id: 1764633600006,
    name: 'System Design Recall: Order',
    type: 0,
    fields: ['Question', 'Steps', 'Order', 'Extra'],
    templates: [
      {
        name: 'Card 1',
        qfmt: '{{Question}}\n{{Steps}}',
        afmt: `{{Question}}\n\n<hr id=answer>\n\n<p><strong>In order</strong></p>\n{{Order}}${extra('Extra')}`
      }
    ]
  }
};

const css = `.card {
  font-family: system-ui, sans-serif;
  font-size: 20px;
  line-height: 1.45;
  text-align: left;
  color: black;
  background-color: white;
}
.nightMode .card, .card.nightMode { color: #eee; background-color: #1e1e1e; }
.cloze { font-weight: bold; color: #1a5fb4; }
.nightMode .cloze { color: #99c1f1; }
.extra { margin-top: 1em; font-size: 0.9em; opacity: 0.85; }
.right { color: #26a269; }
.wrong { color: #c01c28; }
.nightMode .right { color: #8ff0a4; }
.nightMode .wrong { color: #f66151; }
.why { font-size: 0.9em; }
`;

/** A note type as Anki's schema 11 stores it in `col.models`. */
export function modelJson(spec: NoteTypeSpec, deckId: number, modSeconds: number): object {
  return {
    id: spec.id,
    name: spec.name,
    type: spec.type,
    mod: modSeconds,
    usn: -1,
    sortf: 0,
    did: deckId,
    tmpls: spec.templates.map((t, ord) => ({
      name: t.name,
      ord,
      qfmt: t.qfmt,
      afmt: t.afmt,
      bqfmt: '',
      bafmt: '',
      did: null,
      bfont: '',
      bsize: 0
    })),
    flds: spec.fields.map((name, ord) => ({
      name,
      ord,
      sticky: false,
      rtl: false,
      font: 'Arial',
      size: 20,
      media: []
    })),
    css,
    latexPre:
      '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n',
    latexPost: '\\end{document}',
    latexsvg: false,
    // Which fields a card needs to exist (Anki recomputes this; cloze types ignore it).
    req: spec.type === 1 ? [] : spec.templates.map((_t, ord) => [ord, 'any', [ord === 1 ? 1 : 0]]),
    tags: [],
    vers: []
  };
}
