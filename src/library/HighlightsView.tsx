/**
 * Every highlight in the library, by article (newest save first), each passage in its colour
 * with its note; searchable with the library's folding; removable; exported as Markdown, all
 * of them or one article's.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { LibraryDb, SavedArticle } from '../shared/library-db.ts';
import { deleteHighlight, listHighlights, type Highlight } from '../shared/reading-db.ts';
import { highlightMatcher, highlightWords } from '../core/highlights/search.ts';
import { fileNameOf, highlightsMarkdown, type MarkdownArticle } from '../core/highlights/markdown.ts';
import { t } from '../shared/i18n.ts';
import { formatCount } from '../shared/format.ts';
import { isQuotaError } from '../shared/library-db.ts';
import { readerHref } from './format.ts';
import { COLOR_LABELS } from '../reader/HighlightEditor.tsx';
import { errorText } from './list.ts';
import { localDate, saveFile } from './save-file.ts';


interface Group {
  article: SavedArticle;
  highlights: Highlight[];
}

export function markdownOf(groups: readonly Group[]): string {
  const articles: MarkdownArticle[] = groups.map((g) => ({ title: g.article.title, url: g.article.url, source: g.article.source, highlights: g.highlights }));
  return highlightsMarkdown(articles, { heading: t('highlightsHeading'), note: t('highlightNote'), source: t('highlightsSource') });
}

export function HighlightsView(props: { db: LibraryDb; articles: readonly SavedArticle[]; locale: string; onStatus(text: string, tone: 'info' | 'error'): void; version: number }) {
  const { db, articles, locale, onStatus } = props;
  const [all, setAll] = useState<Highlight[] | null>(null);
  const [query, setQuery] = useState('');

  useEffect(() => {
    listHighlights(db)
      .then(setAll)
      .catch((e) => onStatus(t('libraryUnavailable', errorText(e)), 'error'));
  }, [db, props.version]);

  const byId = useMemo(() => new Map(articles.map((a) => [a.id, a])), [articles]);
  const words = useMemo(() => {
    const out = new Map<string, Set<string>>();
    for (const h of all ?? []) {
      const article = byId.get(h.articleId);
      out.set(h.id, highlightWords([h.exact, h.note, article?.title ?? ''], article?.lang ?? null));
    }
    return out;
  }, [all, byId]);

  const groups = useMemo(() => {
    const match = highlightMatcher(query);
    const perArticle = new Map<string, Highlight[]>();
    for (const h of all ?? []) {
      if (!byId.has(h.articleId)) continue;
      if (match && !match(words.get(h.id)!)) continue;
      perArticle.set(h.articleId, [...(perArticle.get(h.articleId) ?? []), h]);
    }
    return articles.filter((a) => perArticle.has(a.id)).map((a) => ({ article: a, highlights: perArticle.get(a.id)! }));
  }, [all, query, words, articles, byId]);

  const shownCount = groups.reduce((n, g) => n + g.highlights.length, 0);

  const exportMarkdown = (chosen: readonly Group[], name: string) => {
    saveFile(new Blob([markdownOf(chosen)], { type: 'text/markdown;charset=utf-8' }), name);
    onStatus(t('highlightsFileSaved', name), 'info');
  };

  const remove = async (h: Highlight) => {
    try {
      await deleteHighlight(db, h.id);
      setAll((list) => (list ?? []).filter((x) => x.id !== h.id));
      onStatus(t('highlightRemoved'), 'info');
    } catch (e) {
      onStatus(isQuotaError(e) ? t('libraryQuota') : t('highlightFailed', errorText(e)), 'error');
    }
  };

  if (!all) return null;
  return (
    <section class="highlights" aria-label={t('libraryViewHighlights')}>
      <div class="bar-line search">
        <label for="highlights-q" class="visually-hidden">
          {t('highlightsSearch')}
        </label>
        <input
          id="highlights-q"
          type="search"
          name="hq"
          placeholder={t('highlightsSearch')}
          autocomplete="off"
          spellcheck={false}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
        />
        <button type="button" data-action="highlights-markdown" disabled={!shownCount} onClick={() => exportMarkdown(groups, `oqy-highlights-${localDate()}.md`)}>
          {t('highlightsExportAll')}
        </button>
      </div>
      <p class="count" aria-live="polite" data-testid="highlights-count">
        {t('highlightsCount', formatCount(shownCount, locale))}
      </p>
      {!all.length ? <p class="empty">{t('highlightsEmpty')}</p> : null}
      {all.length && !shownCount ? <p class="empty">{t('highlightsNoResults')}</p> : null}
      {groups.map(({ article, highlights }) => (
        <article class="highlight-group" data-highlights-article={article.id} aria-labelledby={`hl-${article.id}`}>
          <header>
            <h2 class="title" id={`hl-${article.id}`} lang={article.lang ?? undefined}>
              {article.title}
            </h2>
            <div class="entry-actions">
              <a class="button" href={readerHref(article.id)}>
                {t('highlightsOpen')}
              </a>
              <button
                type="button"
                data-action="article-markdown"
                aria-label={t('highlightsExportArticle', article.title)}
                onClick={() => exportMarkdown([{ article, highlights }], fileNameOf(`${article.title}`, 'md'))}
              >
                {t('highlightsExportShort')}
              </button>
            </div>
          </header>
          <ul class="highlight-list">
            {highlights.map((h) => (
              <li data-highlight-id={h.id} data-color={h.color}>
                <blockquote lang={article.lang ?? undefined}>
                  <span class="swatch" role="img" aria-label={t(COLOR_LABELS[h.color])} />
                  {h.exact}
                </blockquote>
                {h.note ? <p class="note">{h.note}</p> : null}
                <button type="button" class="remove" data-action="remove-highlight" aria-label={t('highlightsRemove', h.exact.length > 60 ? `${h.exact.slice(0, 60)}…` : h.exact)} onClick={() => void remove(h)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        </article>
      ))}
    </section>
  );
}
