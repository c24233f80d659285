/**
 * Highlights as Markdown, for notes kept elsewhere: one section per article (its title linked to
 * the page, its source), each passage a quote, its note under it.
 */

export interface MarkdownHighlight {
  exact: string;
  note: string;
}

export interface MarkdownArticle {
  title: string;
  url: string;
  source: { name: string; url: string | null } | null;
  highlights: readonly MarkdownHighlight[];
}

export interface MarkdownLabels {
  /** The document's heading ("Highlights"). */
  heading: string;
  /** Before a note ("Note"). */
  note: string;
  /** Before the source's name ("Source"). */
  source: string;
}

/** Characters that would start Markdown syntax inside running text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, '\\$&');
}

/** A link target that cannot break out of `(…)`. */
function linkTarget(url: string): string {
  return url.replace(/[\s()<>]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function quote(text: string): string {
  return text
    .trim()
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line, i, all) => line || (i > 0 && all[i - 1]))
    .map((line) => (line ? `> ${escapeMarkdown(line)}` : '>'))
    .join('\n');
}

export function highlightsMarkdown(articles: readonly MarkdownArticle[], labels: MarkdownLabels): string {
  const out: string[] = [`# ${escapeMarkdown(labels.heading)}`];
  for (const article of articles) {
    if (!article.highlights.length) continue;
    out.push('', `## [${escapeMarkdown(article.title.replace(/\s+/g, ' ').trim())}](${linkTarget(article.url)})`);
    if (article.source) {
      const name = escapeMarkdown(article.source.name);
      out.push('', `${escapeMarkdown(labels.source)}: ${article.source.url ? `[${name}](${linkTarget(article.source.url)})` : name}`);
    }
    for (const h of article.highlights) {
      out.push('', quote(h.exact));
      const note = h.note.trim();
      if (note) out.push('', `**${escapeMarkdown(labels.note)}:** ${note.split(/\r?\n/).map((l) => escapeMarkdown(l.trim())).join('  \n')}`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** A file name from a title: letters and digits of any script kept, the rest as dashes. */
export function fileNameOf(title: string, extension: string, fallback = 'oqy'): string {
  const base = title
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return `${base || fallback}.${extension}`;
}
