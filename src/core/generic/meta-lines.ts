/**
 * Lines that say something about the article rather than being part of it: its date and time
 * ("Wtorek, 3 stycznia 2012 (15:58)", "Updated: Thu Jan. 12 2012 06:21"), its category, its
 * source or author label, a photo credit on its own, a bare address. The reader shows the date
 * and byline in its own meta line, so in the body they only repeat it. Such lines live at the
 * body's edges, before its first paragraph of prose or after its last, and only there are they
 * taken out: in the middle of an article, a date on its own line may be part of a timeline.
 */

import { spacedLength } from '../text/letters.ts';
import { withoutGreekAccents } from '../text/normalize.ts';
import { CJK_YEAR_MONTH } from '../meta/written-date.ts';

/** Month and weekday names (and their common short forms), by stem, accents folded. */
const DATE_WORD = new RegExp(
  '^(?:' +
    [
      // English
      'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?',
      'mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:rs(?:day)?)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|today|yesterday',
      // Polish
      'stycz\\p{L}*|lut\\p{L}*|marz\\p{L}*|marc\\p{L}*|kwie\\p{L}*|maj\\p{L}*|czerw\\p{L}*|lip\\p{L}*|sierp\\p{L}*|wrze\\p{L}*|pazdz\\p{L}*|listop\\p{L}*|grud\\p{L}*',
      'poniedzial\\p{L}*|wtor\\p{L}*|srod\\p{L}*|czwart\\p{L}*|piat\\p{L}*|sobot\\p{L}*|niedziel\\p{L}*|wczoraj|dzis|dzisiaj',
      // Greek
      'ιαν\\p{L}*|φεβ\\p{L}*|μαρ\\p{L}*|απρ\\p{L}*|μαι\\p{L}*|ιουν\\p{L}*|ιουλ\\p{L}*|αυγ\\p{L}*|σεπ\\p{L}*|οκτ\\p{L}*|νοε\\p{L}*|δεκ\\p{L}*',
      'δευτερα|τριτη|τεταρτη|πεμπτη|παρασκευη|σαββατο|κυριακη|χθες|σημερα',
      // Russian, Ukrainian, Kazakh
      'янв\\p{L}*|фев\\p{L}*|мар\\p{L}*|апр\\p{L}*|ма[йя]|июн\\p{L}*|июл\\p{L}*|авг\\p{L}*|сен\\p{L}*|окт\\p{L}*|ноя\\p{L}*|дек\\p{L}*',
      'понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|вчера|сегодня',
      'қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан',
      // German, French, Spanish, Italian
      'januar|februar|marz|juni|juli|oktober|dezember|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre',
      'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre',
      // Chinese, Japanese, Korean: the date's units and the day's names
      '年|月|日|时|時|分|秒|[上下]午|星期[一二三四五六日天]|周[一二三四五六日]|[月火水木金土日]?曜日?|년|월|일|[월화수목금토일]요일|오전|오후',
      // Time zones and the like
      'am|pm|gmt|utc|cet|cest|bst|est|edt|pst|pdt|et|pt|th|st|nd|rd|r|g|h',
    ].join('|') +
    ')$',
  'u',
);

/** Something only a date or a time looks like ("2012年1月5日" among them). */
const DATE_TOKEN = new RegExp(CJK_YEAR_MONTH + String.raw`|\b(?:1[89]|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}[:.]\d{2}\b|\b\d{4}-\d{2}-\d{2}\b`);

/** A date or time more than a year alone. */
const FULL_DATE_TOKEN = new RegExp(CJK_YEAR_MONTH + String.raw`|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}[:.]\d{2}\b|\b\d{4}-\d{2}-\d{2}\b`);

/** Letters a date line may hold besides its date: a label ("Updated", "aktualizacja") or a short source name. */
const MAX_REST_LETTERS = 32;
const MAX_REST_WORDS = 4;
const MAX_META_LINE = 160;

function foldAccents(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A line made of a date or a time, with at most a label or a source name beside it. */
export function isDateLine(text: string): boolean {
  if (text.length > MAX_META_LINE || !DATE_TOKEN.test(text)) return false;
  const words = foldAccents(text).match(/\p{L}+/gu) ?? [];
  const rest = words.filter((w) => !DATE_WORD.test(w));
  // A year alone is no date ("Population 2011"): a day and month, a time, or a month's name is.
  if (!FULL_DATE_TOKEN.test(text) && rest.length === words.length) return false;
  return rest.length <= MAX_REST_WORDS && spacedLength(rest.join('')) <= MAX_REST_LETTERS;
}

/** "Category: World", "Source: PAP", "Tags: …", "Posted in …": a label and a short value. */
const META_LABELS = withoutGreekAccents(
  '(?:' +
    [
      'categor(?:y|ies)|filed under|posted in|tags?|topics?|source|sources|author|written by|reporting by|editing by|photo(?:graph)?s?|pictures?|credit|image',
      'artykuł pochodzi z kategorii|kategori[ae]|dział|tagi|źródło(?: informacji| artykułu)?|autor(?:ka)?|fot(?:o)?\\.?|zdjęci[ae]',
      'κατηγορία|ετικέτες|πηγή|πηγές|συντάκτης|φωτογραφία(?: αρχείου)?|φωτ\\.?',
      'категори[яи]|рубрика|теги|тэги|источник|автор|фото|санат|тегтер|дереккөз|авторы',
      'kategorie|quelle|rubrique|source|fuente|categoría|fonte|categoria|texto|kaynak|fotoğraf|джерело|nguồn|ảnh|المصدر|स्रोत',
      'címkék|forrás|bron|etiquetas|etichete|sursa|sursă',
      '(?:本文|文章|稿件|新闻|新聞|图片|圖片)?(?:来源|來源)|出处|出處|作者|(?:责任|責任|值班|实习|實習)?(?:编辑|編輯)|记者|記者|标签|標籤|关键词|關鍵詞|分类|分類|原标题|原標題|稿源|(?:摄影|攝影)|(?:审核|審核|审校|審校|校对|校對|监制|監製)|出典|出所|筆者|タグ|출처|기자|태그',
    ].join('|') +
    ')',
);
const META_LABEL = new RegExp(
  String.raw`^(?:${META_LABELS}\s*[:|：]\s*\S` +
    // Chinese pages set such a line in brackets, the whole line: "【责任编辑:王晓宇】",
    // "（編輯：張銘坤）1150219", "（原标题：…）". A paragraph that opens "（记者：王明）近日，…" goes on.
    String.raw`|[【\[（(]\s*${META_LABELS}\s*[:：][^】\]）)]{1,60}[】\]）)]\s*\d*\s*$)`,
  'iu',
);
/** A photo credit standing alone: "(fot. AKPA)", "[fot: PAP]", "Photo: Reuters", "Photograph: A. B./AFP". */
const CREDIT = /^[([]?\s*(?:fot(?:o)?|photo(?:graph)?|pic(?:ture)?|image|foto(?:grafia|grafie)?|zdjęcie|φωτ(?:ο)?|фото)\s*[.:]\s*[^.!?]{1,60}[)\]]?\s*$/iu;
/** A bare address: a site, a page or an e-mail. */
const ADDRESS = /^(?:https?:\/\/\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|pl|gr|cy|uk|ru|kz|de|fr|info|eu)(?:\/\S*)?)$/i;

/** A byline set in a row of meta items: "By Felix Hartmann", "Von F. Hartmann", "Autor: Jan Nowak". */
const BYLINE_LABEL = /^(?:by|von|par|por|di|przez|από|автор|autor(?:ka)?|text|texto|reporting by|written by)\s*:?\s+/i;
const NAME = /^\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|van|von|de|da|di|der|la|le)){1,4}$/u;
const isBylineItem = (item: string) => BYLINE_LABEL.test(item) && NAME.test(item.replace(BYLINE_LABEL, ''));
/** Reading time as an item: "6 min read", "Lesezeit: 6 Minuten", "Czas czytania: 4 min". */
const READING_TIME_ITEM = /^(?:(?:reading time|read time|lesezeit|temps de lecture|tiempo de lectura|tempo di lettura|tempo de leitura|czas czytania|время чтения|χρόνος ανάγνωσης)\s*:?\s*\d+\s*[^\s\d]*\.?|\d+\s*(?:min(?:ute)?s?|minuten|мин(?:ут[аы]?)?\.?|λεπτά)\.?\s*(?:read|de lectura|di lettura|czytania|чтения|ανάγνωση|lesezeit|lesen))$/iu;
/** A short item that names a place or a section beside the others: "Berlin", "Kraj". */
const SHORT_ITEM = /^[\p{L}][\p{L}'’.-]*(?:\s+[\p{L}][\p{L}'’.-]*){0,2}$/u;

/**
 * A row of meta items set apart by dots or bars: "Von Felix Hartmann · 07.02.2026, 16:00 Uhr ·
 * Lesezeit: 6 Minuten", "By A. Writer | Feb. 7, 2026 | 6 min read". A date and a byline or a
 * reading time, and nothing else but labels and short names: no sentence is written so, so the
 * row goes wherever it stands (right after the standfirst, most often).
 */
export function isMetaRow(text: string): boolean {
  if (text.length > MAX_META_LINE) return false;
  const items = text.split(/\s*[·|•]\s*/).map((s) => s.trim()).filter(Boolean);
  if (items.length < 2) return false;
  let dated = false;
  let signed = false;
  for (const item of items) {
    if (isBylineItem(item) || READING_TIME_ITEM.test(withoutGreekAccents(item))) signed = true;
    else if (isDateLine(item)) dated = true;
    else if (!META_LABEL.test(withoutGreekAccents(item)) && !SHORT_ITEM.test(item)) return false;
  }
  return dated && signed;
}

/** Labels of a row of labelled items: "时间：2012-03-15 10:21 来源：城市晚报 作者：赵静 点击：1562次". */
const ITEM_LABELS =
  META_LABELS +
  '|' +
  withoutGreekAccents(
    '(?:(?:发布|發佈|发表|發表|更新)?(?:时间|時間)|日期|(?:点击|點擊|阅读|閱讀|浏览|瀏覽)(?:数|數|次数|次數|量)?|人气|人氣|通讯员|通訊員|' +
      'дата(?: публикации)?|просмотр(?:ов|ы)?|опубликовано|обновлено|date|published|updated|views|data|aktualizacja|ημερομηνια)',
  );
const ITEM_LABEL = new RegExp(String.raw`(?:^|(?<=[\s】\]）)\p{Script=Han}]))(?:${ITEM_LABELS})\s*[:：]`, 'giu');
/** What a value of a labelled item may not hold: the marks that end or part a sentence. */
const SENTENCE_MARK = /[。！？!?；;，]|[.,]\s/u;
const MAX_ITEM_VALUE = 40;

/**
 * A row of labelled items, in brackets or not, with a date before them or not: "来源：东海晚报
 * 作者：记者 郑伟", "【来源：东海晚报】【责任编辑：吴芳】", "2012-08-21 09:46:20 来源：东海晚报". Two
 * items at least (the date one of them) unless told otherwise, each value short and no sentence.
 */
export function isLabelledRow(text: string, minItems = 2): boolean {
  if (text.length > MAX_META_LINE) return false;
  const t = withoutGreekAccents(text.replace(/[【】[\]]/g, ' ')).replace(/\s+/g, ' ').trim();
  const starts = [...t.matchAll(ITEM_LABEL)];
  if (!starts.length) return false;
  const prefix = t.slice(0, starts[0]!.index).trim();
  if (prefix && !isDateLine(prefix)) return false;
  for (let i = 0; i < starts.length; i++) {
    const from = starts[i]!.index! + starts[i]![0].length;
    const value = t.slice(from, starts[i + 1]?.index ?? t.length).trim();
    if (!value || value.length > MAX_ITEM_VALUE || SENTENCE_MARK.test(value)) return false;
  }
  return starts.length + (prefix ? 1 : 0) >= minItems;
}

/** A date line that names the site's address before its date: "http://www.sina.com.cn 2011年12月05日 09:12 北方日报". */
const LEADING_ADDRESS = /^(?:https?:\/\/|www\.)\S+\s+/i;

export type MetaLineKind = 'date' | 'row' | 'items' | 'label' | 'credit' | 'address';

/** The kind of meta line text is, or null. A 'row' is one wherever it stands (isMetaRow). */
export function metaLineKind(text: string): MetaLineKind | null {
  const t = text.trim();
  if (!t || t.length > MAX_META_LINE) return null;
  if (isMetaRow(t)) return 'row';
  if (isDateLine(t) || (LEADING_ADDRESS.test(t) && isDateLine(t.replace(LEADING_ADDRESS, '')))) return 'date';
  if (CREDIT.test(t)) return 'credit';
  if (ADDRESS.test(t)) return 'address';
  if (META_LABEL.test(withoutGreekAccents(t)) && t.length <= 120) return 'label';
  if (isLabelledRow(t)) return 'items';
  return null;
}
