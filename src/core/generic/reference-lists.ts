/**
 * A list of the article's sources: links, as a list of related articles is, but under a heading
 * that says they are what the text stands on ("Sources", "Źródła", "Πηγές"). Part of the article.
 * ("Literatur" and "Литература" are also a site's sections: not here.)
 */
import { isElement } from '../dom.ts';
import { foldForMatch, withoutGreekAccents } from '../text/normalize.ts';

const REFERENCE_LABEL = new RegExp(
  '^(?:sources?|references?|bibliography|citations|notes and references|' +
    'źródła|źródło|bibliografia|przypisy|' +
    'πηγες|πηγη|βιβλιογραφια|αναφορες|' +
    'quellen|quellenangaben|einzelnachweise|' +
    'références|bibliographie|' +
    'zdroje|prameny|kaynaklar|kaynakça|fontes|referências|fonti|riferimenti|bibliografía|referencias|fuentes|' +
    'источники|список литературы|дереккөздер|пайдаланылған әдебиеттер)\\s*[:：]?$',
  'u',
);

/** Whether the list stands right under a heading or a line naming it as the article's sources. */
export function isReferenceList(list: Element): boolean {
  let prev = list.previousSibling;
  while (prev && !isElement(prev)) {
    if (/\S/.test(prev.textContent ?? '')) return false;
    prev = prev.previousSibling;
  }
  if (!prev || (prev.textContent?.length ?? 0) > 60) return false;
  return REFERENCE_LABEL.test(withoutGreekAccents(foldForMatch(prev.textContent ?? '')));
}
