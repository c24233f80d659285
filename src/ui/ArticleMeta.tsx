import type { Extraction } from '../core/types.ts';
import { t, uiLanguage } from '../shared/i18n.ts';
import { formatCount, formatSiteTime } from '../shared/format.ts';
import { formatPublished } from './published-date.ts';

/**
 * Source, archived time, views and reading time: the line under an article's title. An
 * article of another site shows its author, its site and when it was published instead.
 */
export function ArticleMeta({ article }: { article: Extraction }) {
  const locale = uiLanguage();
  return (
    <p class="meta">
      {article.byline ? <span data-testid="byline">{t('metaBy', article.byline)}</span> : null}
      {!article.source && article.siteName ? <span data-testid="site-name">{article.siteName}</span> : null}
      {article.source ? (
        <span>
          {t('popupSource')}:{' '}
          {article.source.url ? (
            <a data-testid="source" href={article.source.url} target="_blank" rel="noopener noreferrer">
              {article.source.name || article.source.url}
            </a>
          ) : (
            <span data-testid="source">{article.source.name}</span>
          )}
        </span>
      ) : null}
      {article.archivedAt ? (
        <time data-testid="archived" dateTime={article.archivedAt}>
          {t('popupArchived', formatSiteTime(article.archivedAt, locale))}
        </time>
      ) : null}
      {article.publishedAt && !article.archivedAt ? (
        <time data-testid="published" dateTime={article.publishedAt}>
          {t('metaPublished', formatPublished(article.publishedAt, locale))}
        </time>
      ) : null}
      {article.views !== null ? <span data-testid="views">{t('popupViews', formatCount(article.views, locale))}</span> : null}
      {article.readingMinutes ? <span data-testid="reading-time">{t('popupReadingMinutes', String(article.readingMinutes))}</span> : null}
    </p>
  );
}
