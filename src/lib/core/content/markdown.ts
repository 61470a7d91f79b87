import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

// Authors may write HTML in a lesson; whatever they write, the output keeps only these tags
// and attributes, and only http(s), mailto and relative links.
const blockTags = [
  'p',
  'ul',
  'ol',
  'li',
  'blockquote',
  'pre',
  'code',
  'h3',
  'h4',
  'h5',
  'h6',
  'hr',
  'br',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'strong',
  'em',
  'del',
  's',
  'a',
  'kbd',
  'sub',
  'sup',
  'span',
  'mark',
  'img',
  'dl',
  'dt',
  'dd',
  'div'
];
const inlineTags = [
  'code',
  'strong',
  'em',
  'del',
  's',
  'a',
  'kbd',
  'sub',
  'sup',
  'span',
  'mark',
  'br'
];

function sanitizeOptions(allowedTags: string[]): sanitizeHtml.IOptions {
  return {
    allowedTags,
    allowedAttributes: {
      a: ['href', 'title'],
      img: ['src', 'alt', 'title', 'width', 'height'],
      span: ['class'],
      mark: ['class'],
      code: ['class'],
      th: ['align'],
      td: ['align'],
      div: ['class']
    },
    allowedClasses: {
      span: ['cloze', 'cloze-hint'],
      mark: ['cloze'],
      code: [/^language-[\w-]+$/],
      div: ['table-frame']
    },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesAppliedToAttributes: ['href', 'src'],
    allowProtocolRelative: false,
    disallowedTagsMode: 'discard'
  };
}

const blockOptions = sanitizeOptions(blockTags);
const inlineOptions = sanitizeOptions(inlineTags);

const markdown = new MarkdownIt({ html: true, linkify: false, typographer: true });
// Each table sits in a frame that scrolls sideways when the table is wider than a phone (a row
// of long numbers cannot wrap), so the page itself never does.
markdown.renderer.rules.table_open = () => '<div class="table-frame"><table>\n';
markdown.renderer.rules.table_close = () => '</table></div>\n';

/** Renders block Markdown (paragraphs, lists, tables…) to sanitised HTML. */
export function renderBlock(source: string): string {
  return sanitizeHtml(markdown.render(source), blockOptions).trim();
}

/** Renders one line of inline Markdown (bold, code, links…) to sanitised HTML. */
export function renderInline(source: string): string {
  return sanitizeHtml(markdown.renderInline(source), inlineOptions).trim();
}

/** Escapes text for use inside HTML or SVG text and attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Plain words of an inline Markdown string, for word counts and generated ids. */
export function plainWords(source: string): string[] {
  return source
    .replace(/\{\{c\d+::(.*?)(::.*?)?\}\}/g, '$1')
    .replace(/[`*_~[\]()>#]/g, ' ')
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word));
}
