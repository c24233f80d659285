/**
 * Builds whole Qazaq24 pages for one article in markups unlike the fixtures ("layouts"), from
 * the article's gold answer alone: title, text blocks, source, views, archived time, language,
 * images and the ticker headlines (the headline strings of its mustNotContain).
 *
 * The pages are written the way a real site might write them (see ../../../shared/docs/extraction.md
 * and the captured page), not to suit the extractor: glyph words as icon elements of any tag or
 * as bare text glued to the labels, headline lists of every shape, bodies without <p>, meta
 * lines in other places, random class names or none, boxes of links inside the text, real
 * comments, lazy images. The body text blocks stay exactly as in the gold, in order, with the
 * region dateline (where the gold has one) as the last block, so the gold text is still the
 * right answer. Each page also reports the strings it planted outside the article (`planted`):
 * none of them may show up in the body.
 */

export interface GoldSource {
  name: string;
  url: string;
}

export interface Gold {
  url: string;
  isArticle: boolean;
  lang: string;
  title: string;
  source: GoldSource;
  views: number;
  archivedAt: string;
  text: string[];
  images: string[];
  mustNotContain: string[];
}

export interface GeneratedPage {
  url: string;
  html: string;
  /** Visible strings the page holds outside the article body (boilerplate, headlines, comments...). */
  planted: string[];
}

type Lang = 'kk' | 'ru';

// ---------------------------------------------------------------------------------------------
// Labels, as in the captured page (Kazakh) and the Russian fixture.

interface Labels {
  views: string;
  source: string;
  archived: string;
  lead: (name: string) => string;
  trailer: string;
  comments: (n: number) => string;
  login: string;
  first: string;
  mostRead: string;
  mostReadSub: string;
  latest: string;
  latestSub: string;
  readAlso: string;
  home: string;
  news: string;
  sections: string[];
  switchText: string;
  switchHref: string;
  reply: string;
  footer: string[];
  monthsNom: string[];
  /** The other way the edition writes dates: Russian genitive, Kazakh lower case (as in the ticker). */
  monthsAlt: string[];
  altDate: (d: DateParts) => string;
  readAlsoOwn: string[];
  /** The next article an infinite scroll appends, with its own lines. */
  next: { divider: string; title: string; text: string[]; views: number; source: GoldSource; archived: string };
  /** Ads and inserts placed in the body by the 'ads-and-inserts' layout. */
  inserts: { adLabel: string; partnerLabel: string; partnerHeadline: string; cardLabel: string; cardHeadline: string; share: string; tags: string; tag: string };
  comments2: { author: string; when: string; text: string[] }[];
  excerpts: string[];
}

interface DateParts {
  y: string;
  m: number;
  d: string;
  hh: string;
  mm: string;
}

const KK: Labels = {
  views: 'Көрілімдер:',
  source: 'Дереккөз:',
  archived: 'Бұл хабарлама дереккөзден мұрағатталған',
  lead: (name) => `${name} парақшасынан алынған деректерге сүйене отырып, Qazaq24.com жаңалық жариялайды..`,
  trailer: 'Қосымша ақпарат пен соңғы жаңалықтар үшін Qazaq24.com сайтын бақылаңыз.',
  comments: (n) => `${n} Пікірлер`,
  login: 'Кіру, пікір қалдыру үшін...',
  first: 'Жарияланымға бірінші жауап беріңіз...',
  mostRead: 'Ең көп оқылғандар',
  mostReadSub: 'Қазір ең көп талқыланатын оқиғалар',
  latest: 'Соңғы жаңалықтар',
  latestSub: 'Күннің ең жаңа және өзекті оқиғалары',
  readAlso: 'Сондай-ақ оқыңыз:',
  home: 'Басты бет',
  news: 'Жаңалықтар',
  sections: ['Саясат', 'Экономика', 'Қоғам', 'Аймақтар', 'Спорт'],
  switchText: 'RU',
  switchHref: '/ru/',
  reply: 'Жауап беру',
  footer: ['Біз туралы', 'Жарнама', 'Байланыс', 'Құпиялылық саясаты'],
  monthsNom: ['Қаңтар', 'Ақпан', 'Наурыз', 'Сәуір', 'Мамыр', 'Маусым', 'Шілде', 'Тамыз', 'Қыркүйек', 'Қазан', 'Қараша', 'Желтоқсан'],
  monthsAlt: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
  altDate: (p) => `${Number(p.d)} ${KK.monthsAlt[p.m - 1]} ${p.y}, ${p.hh}:${p.mm}`,
  next: {
    divider: 'Келесі жаңалық',
    title: 'Атырауда жаңа көпір пайдалануға берілді',
    text: [
      'Атырау қаласында Жайық өзені арқылы өтетін жаңа көпір пайдалануға берілді. Көпірдің ұзындығы төрт жүз метрден асады, оның екі жағында жаяу жүргіншілерге арналған жолдар бар.',
      'Облыс әкімдігінің мәліметінше, көпір қаланың екі бөлігі арасындағы көлік қозғалысын жеңілдетеді. Құрылысқа жергілікті компаниялар мен жүзден астам маман қатысты.',
    ],
    views: 57,
    source: { name: 'Aikyn.kz', url: 'https://aikyn.kz' },
    archived: '02 Ақпан 2026 09:15',
  },
  inserts: {
    adLabel: 'Жарнама',
    partnerLabel: 'Серіктес материалы',
    partnerHeadline: 'Пәтерге ипотеканы жеңілдікпен рәсімдеңіз',
    cardLabel: 'ТАҚЫРЫПҚА ОРАЙ',
    cardHeadline: 'Түркістанда туристер саны екі есе артты',
    share: 'Бөлісу:',
    tags: 'Тегтер:',
    tag: '#жаңалықтар',
  },
  readAlsoOwn: [
    'Алматыда жаңа саябақ ашылды',
    'Шымкентте жол жөндеу жұмыстары басталды',
    'Астанада халықаралық кітап көрмесі өтеді',
    'Қарағандыда жылу беру маусымы ұзартылды',
  ],
  comments2: [
    {
      author: 'Айгүл Серікқызы',
      when: '30 Қаңтар 2026 12:40',
      text: [
        'Өте пайдалы мақала екен, авторға үлкен рахмет.',
        'Мұндай жаңалықтарды жиі жариялап тұрсаңыздар жақсы болар еді, әсіресе ауылдағы ағайындар үшін бұл ақпарат өте маңызды.',
        'Балаларыма да оқып берейін деп сақтап қойдым.',
      ],
    },
    {
      author: 'Ерлан Бақытұлы',
      when: '30 Қаңтар 2026 13:05',
      text: [
        'Меніңше, бұл мәселені әлдеқайда тереңірек зерттеу керек.',
        'Біздің ауданда да осындай жағдайлар бірнеше рет болған, бірақ оған ешкім назар аудармады.',
        'Жергілікті билік бұған міндетті түрде көңіл бөлуі тиіс деп ойлаймын.',
      ],
    },
  ],
  excerpts: [
    'Конституциялық комиссия отырысында Ата Заңға енгізілетін түзетулер тек жалпыхалықтық референдум арқылы қабылданатыны айтылды.',
    'Жоба бойынша ұсыныстарды азаматтар бір ай ішінде арнайы порталда жолдай алады, деп хабарлады комиссия мүшелері.',
    'Сарапшылардың айтуынша, мұнай бағасының өсуі ұлттық валютаның бағамына оң әсерін тигізуі мүмкін.',
    'Мақалада Жоғарғы Кеңестен бастап бүгінгі Парламентке дейінгі кезеңдер қысқаша баяндалады.',
  ],
};

const RU: Labels = {
  views: 'Просмотры:',
  source: 'Источник:',
  archived: 'Эта новость заархивирована из источника',
  lead: (name) => `Qazaq24.com публикует новость на основе данных со страницы ${name}..`,
  trailer: 'Следите за последними новостями и дополнительной информацией на сайте Qazaq24.com.',
  comments: (n) => `${n} Комментарии`,
  login: 'Войдите, чтобы оставить комментарий...',
  first: 'Будьте первым, кто ответит на публикацию...',
  mostRead: 'Самые читаемые',
  mostReadSub: 'Самые обсуждаемые события сейчас',
  latest: 'Последние новости',
  latestSub: 'Самые новые и актуальные события дня',
  readAlso: 'Читайте также:',
  home: 'Главная',
  news: 'Новости',
  sections: ['Политика', 'Экономика', 'Общество', 'Регионы', 'Спорт'],
  switchText: 'KZ',
  switchHref: '/',
  reply: 'Ответить',
  footer: ['О нас', 'Реклама', 'Контакты', 'Политика конфиденциальности'],
  monthsNom: ['Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август', 'Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь'],
  monthsAlt: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря'],
  altDate: (p) => `${Number(p.d)} ${RU.monthsAlt[p.m - 1]} ${p.y} г., ${p.hh}:${p.mm}`,
  next: {
    divider: 'Следующая новость',
    title: 'В Атырау открыли новый мост через Урал',
    text: [
      'В Атырау открыли движение по новому мосту через реку Урал. Длина моста превышает четыреста метров, по обеим сторонам устроены пешеходные дорожки.',
      'В акимате области отмечают, что мост разгрузит дороги между двумя частями города. На строительстве работали местные компании и более ста специалистов.',
    ],
    views: 57,
    source: { name: 'Vlast.kz', url: 'https://vlast.kz' },
    archived: '02 Февраль 2026 09:15',
  },
  inserts: {
    adLabel: 'Реклама',
    partnerLabel: 'Партнёрский материал',
    partnerHeadline: 'Кредит на ремонт квартиры без комиссии',
    cardLabel: 'Это интересно',
    cardHeadline: 'В Туркестане вдвое выросло число туристов',
    share: 'Поделиться:',
    tags: 'Теги:',
    tag: 'общество',
  },
  readAlsoOwn: [
    'В Алматы открылся новый парк',
    'В Шымкенте начался ремонт дорог',
    'В Астане пройдёт международная книжная выставка',
    'В Караганде продлили отопительный сезон',
  ],
  comments2: [
    {
      author: 'Марат К.',
      when: '30 Январь 2026 18:02',
      text: [
        'Отличная новость, наконец-то тенге хоть немного укрепился.',
        'Хотелось бы, чтобы эта тенденция сохранилась хотя бы до весны, потому что цены в магазинах растут буквально каждую неделю.',
        'Посмотрим, что будет в феврале.',
      ],
    },
    {
      author: 'Светлана Ивановна',
      when: '30 Январь 2026 18:45',
      text: [
        'Не стоит радоваться раньше времени.',
        'Всё зависит от нефти, и как только цены снова упадут, доллар опять пойдёт вверх.',
        'Так уже было много раз за последние годы, и каждый раз нам обещали стабильность.',
      ],
    },
  ],
  excerpts: [
    'Конституционная комиссия заявила, что поправки в Основной закон могут быть приняты только на всенародном референдуме.',
    'Предложения по проекту граждане смогут направить в течение месяца через специальный портал.',
    'По мнению экспертов, рост цен на нефть может положительно сказаться на курсе национальной валюты.',
    'В материале кратко описаны этапы развития казахстанского парламента.',
  ],
};

function labelsFor(lang: string): Labels {
  return lang === 'ru' ? RU : KK;
}

// ---------------------------------------------------------------------------------------------
// Layouts.

type IconStyle = 'material' | 'ico' | 'glyph' | 'glued' | 'em' | 'random' | 'inline-span' | 'ligature-b';
type ListShape = 'divs' | 'ps' | 'br' | 'table' | 'ul' | 'marquee' | 'plain-divs';
type BodyShape = 'p' | 'br' | 'divs';
type MetaPlace = 'after' | 'under-title';
type MetaShape = 'lines' | 'one-br' | 'ul' | 'split-spans';
type ReadAlso = 'none' | 'one' | 'list3' | 'run2' | 'link-para' | 'lookalike-list' | 'ads-inserts';
type Images = 'plain' | 'protocol' | 'lazy-data-src' | 'lazy-wp' | 'lazy-srcset';
type Frame = 'standard' | 'table' | 'logo-h1' | 'sidebar-first';
type ClassNames = 'bem' | 'random' | 'none' | 'utility';

interface Style {
  name: string;
  about: string;
  classes: ClassNames;
  icon: IconStyle;
  /** Only div, span, a, img and br (no headings, paragraphs, lists, sections). */
  divsOnly: boolean;
  /** The <html lang> value, or null for none. */
  htmlLang: (lang: Lang) => string | null;
  docTitle: (title: string) => string;
  ogTags: boolean;
  ticker: ListShape;
  tickerHasTitle: boolean;
  mostRead: ListShape;
  mostReadThumbs: boolean;
  cards: ListShape;
  body: BodyShape;
  /** Lead and trailer written into the body text itself (one text blob). */
  boilerplateInBody: boolean;
  meta: MetaShape;
  metaPlace: MetaPlace;
  /** `Көрілімдер: 104` instead of `Көрілімдер:104`. */
  metaSpaced: boolean;
  sourceText: 'url' | 'domain' | 'name';
  date: 'nominative' | 'alt';
  lead: boolean;
  readAlso: ReadAlso;
  comments: 'empty' | 'two';
  images: Images;
  frame: Frame;
  lookalikeMostRead: boolean;
  /** The next article appended below, as an infinite scroll does (the address names the first). */
  nextArticle: boolean;
}

const BASE: Style = {
  name: '',
  about: '',
  classes: 'bem',
  icon: 'material',
  divsOnly: false,
  htmlLang: (lang) => lang,
  docTitle: (t) => `${t} - Qazaq24.com`,
  ogTags: true,
  ticker: 'divs',
  tickerHasTitle: true,
  mostRead: 'ul',
  mostReadThumbs: false,
  cards: 'divs',
  body: 'p',
  boilerplateInBody: false,
  meta: 'lines',
  metaPlace: 'after',
  metaSpaced: false,
  sourceText: 'url',
  date: 'nominative',
  lead: true,
  readAlso: 'none',
  comments: 'empty',
  images: 'plain',
  frame: 'standard',
  lookalikeMostRead: false,
  nextArticle: false,
};

function layout(over: Partial<Style> & { name: string; about: string }): Style {
  return { ...BASE, ...over };
}

export const LAYOUTS: Style[] = [
  layout({
    name: 'glued-divs',
    about: 'glyph words as bare text glued to labels (seeКөрілімдер:104); ticker and most-read of nested <div>s; date and see113 glued',
    icon: 'glued',
    ticker: 'divs',
    mostRead: 'divs',
    cards: 'divs',
  }),
  layout({
    name: 'ico-paragraphs',
    about: 'icons as <i class="ico ico-eye">see</i>; ticker and most-read built of <p>s; in-body "read also": label + one link',
    icon: 'ico',
    ticker: 'ps',
    mostRead: 'ps',
    cards: 'ps',
    readAlso: 'one',
    docTitle: (t) => `${t} | Qazaq24.com`,
  }),
  layout({
    name: 'glyph-tables',
    about: 'icons as <span class="glyph">embed</span>; ticker a one-row <table>, most-read a <table> (headline | date | views); in-body "read also": label + <ul> of 3 ticker links',
    icon: 'glyph',
    ticker: 'table',
    mostRead: 'table',
    cards: 'table',
    readAlso: 'list3',
  }),
  layout({
    name: 'br-body',
    about: 'body one <div> of text, paragraphs split by <br><br>, lead and trailer inside it; ticker and most-read are links split by <br>; in-body bare run of 2 links between <br>s',
    icon: 'ico',
    ticker: 'br',
    mostRead: 'br',
    cards: 'br',
    body: 'br',
    boilerplateInBody: true,
    readAlso: 'run2',
  }),
  layout({
    name: 'meta-under-title',
    about: 'all three meta lines (views, archived, source) under the title, BEFORE the lead and body; ticker an <ul>',
    icon: 'material',
    ticker: 'ul',
    mostRead: 'divs',
    meta: 'lines',
    metaPlace: 'under-title',
    metaSpaced: true,
  }),
  layout({
    name: 'meta-one-br',
    about: 'all meta lines in one element separated by <br>; icons as <em class="mi">',
    icon: 'em',
    meta: 'one-br',
    ticker: 'divs',
    mostRead: 'ul',
  }),
  layout({
    name: 'random-classes',
    about: 'every class name random (c-x81, _3fKq), icons are spans with random classes; protocol-relative image URLs; <html lang="kz">/"ru-RU"',
    classes: 'random',
    icon: 'random',
    images: 'protocol',
    htmlLang: (lang) => (lang === 'kk' ? 'kz' : 'ru-RU'),
    ticker: 'divs',
    mostRead: 'divs',
    mostReadThumbs: true,
    meta: 'ul',
  }),
  layout({
    name: 'divs-only',
    about: 'no semantic tags at all (only div, span, a, img, br), no class names, inline styles; title a styled <div>; no og tags, no <html lang>',
    classes: 'none',
    icon: 'inline-span',
    divsOnly: true,
    htmlLang: () => null,
    ogTags: false,
    ticker: 'plain-divs',
    mostRead: 'plain-divs',
    cards: 'plain-divs',
    body: 'divs',
  }),
  layout({
    name: 'link-paragraph',
    about: 'a link-only paragraph to another qazaq24 article inside the body (absolute URL)',
    icon: 'material',
    readAlso: 'link-para',
    mostRead: 'ul',
  }),
  layout({
    name: 'real-comments',
    about: 'two real user comments with author, avatar, date, long text and reply link (`2 Пікірлер`)',
    icon: 'ico',
    comments: 'two',
  }),
  layout({
    name: 'no-lead',
    about: 'no aggregator lead at all; the source line links the publisher by name (Дереккөз: <a>Egemen.KZ</a>)',
    icon: 'glyph',
    lead: false,
    sourceText: 'name',
  }),
  layout({
    name: 'date-variant',
    about: 'archived date written the other way: ru genitive `30 января 2026 г., 17:19`, kk lower case with comma `30 қаңтар 2026, 10:54`',
    icon: 'material',
    date: 'alt',
    meta: 'split-spans',
  }),
  layout({
    name: 'source-domain',
    about: 'source line `Дереккөз: <a href=URL>egemen.kz</a>` (link text a bare domain), spaced labels `Көрілімдер: 104`',
    icon: 'ligature-b',
    sourceText: 'domain',
    metaSpaced: true,
  }),
  layout({
    name: 'lazy-data-src',
    about: 'lazy images: src a 1x1 gif data: URI, real address in data-src; most-read thumbnails lazy too',
    icon: 'material',
    images: 'lazy-data-src',
    mostRead: 'divs',
    mostReadThumbs: true,
  }),
  layout({
    name: 'lazy-wp',
    about: 'lazy images: src /assets/img/blank.gif, real address in data-lazy-src, plus a <noscript><img> fallback',
    icon: 'ico',
    images: 'lazy-wp',
  }),
  layout({
    name: 'lazy-srcset',
    about: 'lazy images: src a data:image/svg+xml placeholder, real address only in srcset',
    icon: 'glyph',
    images: 'lazy-srcset',
    mostReadThumbs: true,
  }),
  layout({
    name: 'lookalike',
    about: 'most-read and an in-body "read also" list carry the ticker headlines typed with a Latin look-alike letter (Cенатта / Сенатта)',
    icon: 'material',
    lookalikeMostRead: true,
    readAlso: 'lookalike-list',
  }),
  layout({
    name: 'table-frame',
    about: 'old-school page laid out in a <table>: most-read in the left cell BEFORE the article, ticker a <marquee> of links split by |',
    icon: 'glued',
    frame: 'table',
    ticker: 'marquee',
    mostRead: 'table',
    cards: 'table',
    docTitle: (t) => t,
  }),
  layout({
    name: 'logo-h1',
    about: 'utility classes (text-2xl font-bold); the logo is the <h1>, the title an <h2>; meta as an <ul>; sidebar before the content',
    classes: 'utility',
    icon: 'ico',
    frame: 'logo-h1',
    meta: 'ul',
    mostRead: 'ps',
    docTitle: (t) => `Qazaq24.com — ${t}`,
  }),
  layout({
    name: 'infinite-scroll',
    about: 'the next article appended below the comments under a "next article" divider, in the same template with its own title, lead, body and info lines; the address names the first',
    icon: 'material',
    nextArticle: true,
  }),
  layout({
    name: 'ads-and-inserts',
    about: 'inside the body: a labelled 728×90 banner, a partner card, a card under a label no list has, a share bar and a tag list',
    icon: 'ico',
    readAlso: 'ads-inserts',
  }),
];

export const LAYOUT_NAMES = LAYOUTS.map((l) => l.name);

function styleOf(name: string): Style {
  const s = LAYOUTS.find((l) => l.name === name);
  if (!s) throw new Error(`no layout ${name}`);
  return s;
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function hash(s: string): number {
  let h = 2166136261;
  for (const ch of s) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return h;
}

const UTILITY: Record<string, string> = {
  page: 'bg-white text-gray-900',
  header: 'flex items-center justify-between px-4 py-2 border-b',
  logo: 'text-2xl font-bold text-blue-700',
  ticker: 'overflow-hidden whitespace-nowrap bg-gray-100 text-sm',
  'ticker-item': 'inline-block px-3',
  title: 'text-3xl font-bold leading-tight mb-4',
  lead: 'italic text-gray-600 mb-3',
  body: 'prose max-w-none',
  meta: 'text-sm text-gray-500 flex flex-col gap-1',
  'meta-item': 'flex items-center gap-1',
  comments: 'mt-8 border-t pt-4',
  sidebar: 'w-80 shrink-0',
  'list-title': 'text-lg font-semibold',
  'list-item': 'py-2 border-b',
};

/** A class attribute for a role, in the layout's naming scheme. */
function cls(style: Style, role: string): string {
  switch (style.classes) {
    case 'none':
      return '';
    case 'random': {
      const h = hash(`${style.name}:${role}`);
      const name = h % 3 === 0 ? `c-${(h % 46656).toString(36)}` : h % 3 === 1 ? `_${(h % 1679616).toString(36)}` : `x${(h % 4096).toString(16)}-${(h >> 12) % 100}`;
      return ` class="${name}"`;
    }
    case 'utility':
      return ` class="${UTILITY[role] ?? 'block'}"`;
    default:
      return ` class="nw-${role}"`;
  }
}

const ICON_CLASS: Record<string, string> = { see: 'eye', embed: 'link', archive: 'box', top: 'fire', news: 'bolt', close: 'x', up: 'arrow-up' };

/** An icon-font ligature: a glyph word that the page shows as a picture. */
function icon(style: Style, word: string): string {
  switch (style.icon) {
    case 'material':
      return `<span class="material-icons-outlined">${word}</span>`;
    case 'ico':
      return `<i class="ico ico-${ICON_CLASS[word] ?? word}">${word}</i>`;
    case 'glyph':
      return `<span class="glyph">${word}</span>`;
    case 'em':
      return `<em class="mi" aria-hidden="true">${word}</em>`;
    case 'random':
      return `<span${cls(style, `icon-${word}`)}>${word}</span>`;
    case 'inline-span':
      return `<span style="font-family:'Material Icons';font-size:18px;vertical-align:middle">${word}</span>`;
    case 'ligature-b':
      return `<b class="icon" translate="no">${word}</b>`;
    case 'glued':
      return word;
  }
}

function parseDate(iso: string): DateParts {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  if (!m) throw new Error(`bad date ${iso}`);
  return { y: m[1]!, m: Number(m[2]), d: m[3]!, hh: m[4]!, mm: m[5]! };
}

function nominative(L: Labels, p: DateParts): string {
  return `${p.d} ${L.monthsNom[p.m - 1]} ${p.y} ${p.hh}:${p.mm}`;
}

const LOOKALIKE: Record<string, string> = {
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X',
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', х: 'x', у: 'y',
};
const LOOKALIKE_BACK: Record<string, string> = Object.fromEntries(Object.entries(LOOKALIKE).map(([c, l]) => [l, c]));

/**
 * The headline typed with one letter swapped for its look-alike: a Latin letter already inside a
 * Cyrillic word goes back to Cyrillic, otherwise the first Cyrillic letter that has a Latin twin
 * becomes Latin.
 */
export function lookalike(h: string): string {
  const stray = /[A-Za-z](?=[\u0400-\u04FF])|(?<=[\u0400-\u04FF])[A-Za-z]/.exec(h);
  if (stray && LOOKALIKE_BACK[stray[0]]) return h.slice(0, stray.index) + LOOKALIKE_BACK[stray[0]] + h.slice(stray.index + 1);
  for (let i = 0; i < h.length; i++) {
    const to = LOOKALIKE[h[i]!];
    if (to) return h.slice(0, i) + to + h.slice(i + 1);
  }
  return h;
}

function slug(i: number): string {
  return `/news/n${i}-${1051100 + i}`;
}

// ---------------------------------------------------------------------------------------------
// The article, as blocks.

type Block =
  | { kind: 'p'; text: string }
  | { kind: 'quote'; text: string }
  | { kind: 'list'; items: string[] }
  | { kind: 'figure'; src: string; caption: string | null }
  | { kind: 'subhead'; text: string }
  | { kind: 'dateline'; text: string };

const SHORT = 70;
const isShort = (t: string) => t.length <= SHORT && !/[.!?»…:;]$/.test(t.trim());

/** A plausible structure for the gold's text blocks: lists after a colon, captions for the images, quotes, the dateline. */
function structure(gold: Gold): Block[] {
  const text = gold.text;
  const n = text.length;
  const hasDateline = n >= 2 && text[n - 1]!.length <= 40 && !/[.!?»]$/.test(text[n - 1]!.trim());
  const last = hasDateline ? n - 1 : n;
  const kinds: ('p' | 'li' | 'cap' | 'quote')[] = [];
  for (let i = 0; i < last; i++) {
    const t = text[i]!;
    const prev = i > 0 ? kinds[i - 1] : undefined;
    if (isShort(t) && i > 0 && (prev === 'li' ? true : /:$/.test(text[i - 1]!.trim()))) kinds.push('li');
    else if (isShort(t) && i > 0) kinds.push('cap');
    else if (t.startsWith('«')) kinds.push('quote');
    else kinds.push('p');
  }
  const images = gold.images.slice();
  const blocks: Block[] = [];
  let pendingImages = images.length - kinds.filter((k) => k === 'cap').length;
  for (let i = 0; i < last; i++) {
    const t = text[i]!;
    const k = kinds[i]!;
    if (k === 'li') {
      const prev = blocks[blocks.length - 1];
      if (prev && prev.kind === 'list') prev.items.push(t);
      else blocks.push({ kind: 'list', items: [t] });
    } else if (k === 'cap') {
      const src = images.shift();
      blocks.push(src ? { kind: 'figure', src, caption: t } : { kind: 'subhead', text: t });
    } else {
      blocks.push(k === 'quote' ? { kind: 'quote', text: t } : { kind: 'p', text: t });
    }
    // Images without a caption block go after the first paragraph.
    while (i === 0 && pendingImages > 0 && images.length > 0) {
      const src = images.pop()!;
      blocks.push({ kind: 'figure', src, caption: null });
      pendingImages--;
    }
  }
  if (hasDateline) blocks.push({ kind: 'dateline', text: text[n - 1]! });
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Page pieces.

interface Ctx {
  s: Style;
  L: Labels;
  lang: Lang;
  url: URL;
  planted: string[];
}

function plant(ctx: Ctx, ...strings: string[]): void {
  ctx.planted.push(...strings);
}

/** The tag for a role: div/span when the layout has no semantic tags. */
function tag(ctx: Ctx, semantic: string): string {
  if (!ctx.s.divsOnly) return semantic;
  return ['a', 'img', 'br', 'span', 'b', 'strong', 'i', 'em', 'small'].includes(semantic) ? (semantic === 'strong' || semantic === 'b' ? 'span' : semantic) : 'div';
}

function el(ctx: Ctx, semantic: string, role: string, inner: string, attrs = ''): string {
  const t = tag(ctx, semantic);
  let style = '';
  if (ctx.s.divsOnly) {
    const inline: Record<string, string> = {
      title: 'font-size:30px;font-weight:700;line-height:1.2;margin:12px 0',
      'list-title': 'font-size:18px;font-weight:700;margin-top:20px',
      lead: 'color:#666;font-style:italic;margin-bottom:10px',
      para: 'margin:0 0 14px',
      quote: 'font-style:italic;border-left:3px solid #ccc;padding-left:12px;margin:0 0 14px',
      dateline: 'font-weight:700',
      strong: 'font-weight:700',
      meta: 'font-size:13px;color:#888',
      small: 'font-size:12px;color:#999',
    };
    if (inline[role]) style = ` style="${inline[role]}"`;
  }
  return `<${t}${cls(ctx.s, role)}${style}${attrs}>${inner}</${t}>`;
}

function imgTag(ctx: Ctx, abs: string, alt: string): string {
  const u = new URL(abs);
  const sameHost = u.host === ctx.url.host;
  const rel = sameHost ? u.pathname + u.search : abs;
  const a = ` alt="${esc(alt)}"`;
  const GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';
  switch (ctx.s.images) {
    case 'plain':
      return `<img src="${esc(rel)}"${a} width="800" height="533">`;
    case 'protocol':
      return `<img src="//${u.host}${u.pathname}"${a}>`;
    case 'lazy-data-src':
      return `<img class="lazyload" src="${GIF}" data-src="${esc(rel)}"${a} width="800" height="533">`;
    case 'lazy-wp':
      return `<img src="/assets/img/blank.gif" data-lazy-src="${esc(rel)}"${a} width="800" height="533" class="lazy"><noscript><img src="${esc(rel)}"${a}></noscript>`;
    case 'lazy-srcset':
      return `<img src="data:image/svg+xml,%3Csvg%20xmlns='http://www.w3.org/2000/svg'%20viewBox='0%200%20800%20533'%3E%3C/svg%3E" srcset="${esc(rel)} 800w" sizes="(max-width: 800px) 100vw, 800px"${a}>`;
  }
}

function thumb(ctx: Ctx, i: number): string {
  return imgTag(ctx, `https://qazaq24.com/storage/thumbs/2026/01/n${i}-160x100.jpg`, '');
}

function head(ctx: Ctx, title: string, article: boolean, description: string): string {
  const lang = ctx.s.htmlLang(ctx.lang);
  const og = ctx.s.ogTags
    ? `<meta property="og:type" content="${article ? 'article' : 'website'}">\n<meta property="og:site_name" content="Qazaq24.com">\n<meta property="og:url" content="${esc(ctx.url.href)}">\n` +
      (article ? `<meta property="og:title" content="${esc(title)}">\n` : '')
    : '';
  return `<!DOCTYPE html>
<html${lang ? ` lang="${lang}"` : ''}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(article ? ctx.s.docTitle(title) : title)}</title>
<meta name="description" content="${esc(description)}">
${og}<link rel="stylesheet" href="/build/app.8f3a1c.css">
<script defer src="/build/app.8f3a1c.js"></script>
</head>
<body${cls(ctx.s, 'page')}>
`;
}

function header(ctx: Ctx): string {
  const { L } = ctx;
  plant(ctx, L.home, ...L.sections);
  const nav = [L.home, L.news, ...L.sections].map((t, i) => `<a href="/${i === 0 ? '' : `category/${i}`}">${esc(t)}</a>`).join(ctx.s.divsOnly ? ' ' : '');
  const logo = ctx.s.frame === 'logo-h1' ? `<h1${cls(ctx.s, 'logo')}><a href="/">Qazaq24.com</a></h1>` : `<a${cls(ctx.s, 'logo')} href="/"><img src="/assets/img/logo.svg" alt="">Qazaq24.com</a>`;
  return el(
    ctx,
    'header',
    'header',
    `${logo}<a${cls(ctx.s, 'logo-m')} href="/">Qazaq24.com</a>` +
      el(ctx, 'div', 'drawer', `<button type="button"${cls(ctx.s, 'drawer-close')}>${icon(ctx.s, 'close')}</button>${el(ctx, 'nav', 'nav', nav)}`) +
      `<a href="#top"${cls(ctx.s, 'to-top')}>${icon(ctx.s, 'up')}</a><a${cls(ctx.s, 'lang')} href="${L.switchHref}">${L.switchText}</a><button type="button"${cls(ctx.s, 'burger')}>Menu</button>`,
  );
}

function link(href: string, text: string, ctx: Ctx, role = 'link'): string {
  return `<a${cls(ctx.s, role)} href="${esc(href)}">${esc(text)}</a>`;
}

function ticker(ctx: Ctx, headlines: string[]): string {
  plant(ctx, ...headlines);
  const links = headlines.map((h, i) => link(slug(i), h, ctx, 'ticker-link'));
  const s = ctx.s;
  let inner: string;
  switch (s.ticker) {
    case 'divs':
      inner = `<div${cls(s, 'ticker-track')}>${links.map((l) => `<div${cls(s, 'ticker-item')}>${l}</div>`).join('\n')}</div>`;
      break;
    case 'plain-divs':
      inner = `<div style="white-space:nowrap;overflow:hidden">${links.map((l) => `<div style="display:inline-block;padding:0 12px">${l}</div>`).join('')}</div>`;
      break;
    case 'ps':
      inner = links.map((l) => `<p${cls(s, 'ticker-item')}>${l}</p>`).join('\n');
      break;
    case 'br':
      inner = links.join('<br>\n');
      break;
    case 'table':
      inner = `<table${cls(s, 'ticker-table')}><tbody><tr>${links.map((l) => `<td>${l}</td>`).join('')}</tr></tbody></table>`;
      break;
    case 'ul':
      inner = `<ul${cls(s, 'ticker-list')}>${links.map((l) => `<li>${l}</li>`).join('\n')}</ul>`;
      break;
    case 'marquee':
      inner = `<marquee scrollamount="4">${links.join(' &nbsp;|&nbsp; ')}</marquee>`;
      break;
  }
  return el(ctx, 'div', 'ticker', inner);
}

const MR_TIMES = ['17:19', '16:40', '16:40', '12:22', '17:19', '11:31', '12:22', '15:13', '10:55', '17:19', '16:58', '11:48', '14:54', '14:08', '15:52', '14:43', '10:54', '10:29', '12:25', '10:53'];
const MR_VIEWS = [113, 112, 112, 111, 111, 109, 109, 108, 108, 108, 107, 106, 105, 105, 105, 105, 105, 104, 104, 104];

interface ListItem {
  title: string;
  href: string;
  date: string;
  views: number;
  excerpt?: string;
  thumb?: string;
}

/** A list of headlines with date and view count, in one of the shapes. */
function headlineList(ctx: Ctx, shape: ListShape, items: ListItem[], role: string): string {
  const s = ctx.s;
  const see = (v: number) => `${icon(s, 'see')}${v}`;
  for (const it of items) plant(ctx, it.title, it.date, ...(it.excerpt ? [it.excerpt] : []));
  switch (shape) {
    case 'divs':
    case 'marquee':
      return items
        .map(
          (it) =>
            `<div${cls(s, `${role}-item`)}>${it.thumb ? `<div${cls(s, `${role}-thumb`)}><a href="${it.href}">${it.thumb}</a></div>` : ''}` +
            `<div${cls(s, `${role}-body`)}><div${cls(s, `${role}-title`)}>${link(it.href, it.title, ctx)}</div>` +
            (it.excerpt ? `<div${cls(s, `${role}-text`)}>${esc(it.excerpt)}</div>` : '') +
            (s.icon === 'glued'
              ? `<div${cls(s, `${role}-meta`)}>${esc(it.date)}${see(it.views)}</div>`
              : `<div${cls(s, `${role}-meta`)}><span>${esc(it.date)}</span><span>${see(it.views)}</span></div>`) +
            `</div></div>`,
        )
        .join('\n');
    case 'plain-divs':
      return items
        .map(
          (it) =>
            `<div style="display:flex;gap:8px;padding:8px 0;border-bottom:1px solid #eee">${it.thumb ? `<div><a href="${it.href}">${it.thumb}</a></div>` : ''}<div>` +
            `<div style="font-weight:600">${link(it.href, it.title, ctx)}</div>` +
            (it.excerpt ? `<div style="color:#444">${esc(it.excerpt)}</div>` : '') +
            `<div style="font-size:12px;color:#999"><span>${esc(it.date)}</span> <span>${see(it.views)}</span></div></div></div>`,
        )
        .join('\n');
    case 'ps':
      return items
        .map(
          (it) =>
            (it.thumb ? `<p${cls(s, `${role}-thumb`)}><a href="${it.href}">${it.thumb}</a></p>` : '') +
            `<p${cls(s, `${role}-item`)}>${link(it.href, it.title, ctx)}<br><small>${esc(it.date)} ${see(it.views)}</small></p>` +
            (it.excerpt ? `<p${cls(s, `${role}-text`)}>${esc(it.excerpt)}</p>` : ''),
        )
        .join('\n');
    case 'br':
      return `<div${cls(s, `${role}-links`)}>${items
        .map((it) => `${it.thumb ?? ''}${link(it.href, it.title, ctx)}<br>${it.excerpt ? `${esc(it.excerpt)}<br>` : ''}${esc(it.date)} ${see(it.views)}<br><br>`)
        .join('\n')}</div>`;
    case 'table':
      return `<table${cls(s, `${role}-table`)}><tbody>${items
        .map(
          (it) =>
            `<tr>${it.thumb ? `<td>${it.thumb}</td>` : ''}<td>${link(it.href, it.title, ctx)}${it.excerpt ? `<br>${esc(it.excerpt)}` : ''}</td><td>${esc(it.date)}</td><td>${see(it.views)}</td></tr>`,
        )
        .join('\n')}</tbody></table>`;
    case 'ul':
      return `<ul${cls(s, `${role}-list`)}>${items
        .map(
          (it) =>
            `<li${cls(s, `${role}-item`)}>${it.thumb ? `<a href="${it.href}">${it.thumb}</a>` : ''}${link(it.href, it.title, ctx)}` +
            (it.excerpt ? `<p>${esc(it.excerpt)}</p>` : '') +
            `<div${cls(s, `${role}-meta`)}><time>${esc(it.date)}</time> <span>${see(it.views)}</span></div></li>`,
        )
        .join('\n')}</ul>`;
  }
}

function blockTitle(ctx: Ctx, glyph: string, text: string, sub: string, level = 'h3'): string {
  plant(ctx, text, sub);
  return el(ctx, level, 'list-title', `${icon(ctx.s, glyph)}${esc(text)}`) + el(ctx, 'p', 'list-sub', esc(sub));
}

function listItems(ctx: Ctx, headlines: string[], withThumbs: boolean): ListItem[] {
  const p = { y: '2026', m: 1, d: '30', hh: '00', mm: '00' };
  return headlines.map((title, i) => {
    const [hh, mm] = (MR_TIMES[i % MR_TIMES.length] ?? '12:00').split(':');
    const date = nominative(ctx.L, { ...p, hh: hh!, mm: mm! });
    return { title, href: slug(i), date, views: MR_VIEWS[i % MR_VIEWS.length]!, ...(withThumbs ? { thumb: thumb(ctx, i) } : {}) };
  });
}

function mostRead(ctx: Ctx, headlines: string[]): string {
  const shown = ctx.s.lookalikeMostRead ? headlines.map(lookalike) : headlines;
  const items = listItems(ctx, shown, ctx.s.mostReadThumbs);
  return el(ctx, 'section', 'most-read', blockTitle(ctx, 'top', ctx.L.mostRead, ctx.L.mostReadSub) + headlineList(ctx, ctx.s.mostRead, items, 'mr'));
}

function latest(ctx: Ctx): string {
  return el(ctx, 'section', 'latest', blockTitle(ctx, 'news', ctx.L.latest, ctx.L.latestSub) + `<div${cls(ctx.s, 'latest-list')} data-endpoint="/api/latest"></div>`);
}

function footer(ctx: Ctx): string {
  plant(ctx, ...ctx.L.footer, '© 2026 Qazaq24.com');
  return el(
    ctx,
    'footer',
    'footer',
    `${ctx.L.footer.map((t, i) => `<a href="/page/${i}">${esc(t)}</a>`).join(' · ')}<br>© 2026 Qazaq24.com`,
  );
}

// --- the article proper ---

function readAlsoBox(ctx: Ctx, headlines: string[]): string {
  const s = ctx.s;
  const L = ctx.L;
  const own = L.readAlsoOwn;
  const para = (inner: string) => el(ctx, 'p', 'para', inner);
  switch (s.readAlso) {
    case 'none':
      return '';
    case 'one': {
      plant(ctx, L.readAlso, own[0]!);
      return para(`<strong>${esc(L.readAlso)}</strong> ${link('/news/almatyda-zhana-sayabak-ashyldy-1051090', own[0]!, ctx)}`);
    }
    case 'list3': {
      const three = headlines.slice(0, 3);
      plant(ctx, L.readAlso, ...three);
      return el(ctx, 'div', 'read-also', `<b>${esc(L.readAlso)}</b><ul>${three.map((h, i) => `<li>${link(slug(i), h, ctx)}</li>`).join('')}</ul>`);
    }
    case 'lookalike-list': {
      const three = [headlines[10] ?? headlines[0]!, headlines[3] ?? headlines[0]!, headlines[5] ?? headlines[0]!].map(lookalike);
      plant(ctx, L.readAlso, ...three);
      return el(ctx, 'div', 'read-also', `${el(ctx, 'p', 'para', `<strong>${esc(L.readAlso)}</strong>`)}<ul>${three.map((h, i) => `<li>${link(slug(20 + i), h, ctx)}</li>`).join('')}</ul>`);
    }
    case 'run2': {
      plant(ctx, own[1]!, own[2]!);
      return `${link('/news/shymkentte-zhol-zhondeu-1051091', own[1]!, ctx)}<br>${link('/news/astanada-kitap-kormesi-1051092', own[2]!, ctx)}`;
    }
    case 'ads-inserts': {
      const i = L.inserts;
      plant(ctx, i.adLabel, i.partnerLabel, i.partnerHeadline, i.cardLabel, i.cardHeadline, i.share.replace(/:$/, ''), i.tags.replace(/:$/, ''), i.tag);
      const u = encodeURIComponent(ctx.url.href);
      return [
        el(ctx, 'div', 'ad', `${el(ctx, 'div', 'ad-label', esc(i.adLabel))}<a href="https://ads.example.kz/click?b=1" rel="sponsored"><img src="https://cdn.example.kz/b/728x90.jpg" width="728" height="90" alt=""></a>`),
        el(ctx, 'div', 'partner-label', esc(i.partnerLabel)),
        el(ctx, 'div', 'partner', `<a href="https://partner.example.kz/p"><img src="https://partner.example.kz/p.jpg" alt=""></a><a href="https://partner.example.kz/p">${esc(i.partnerHeadline)}</a>`),
        el(ctx, 'div', 'card', `<span>${esc(i.cardLabel)}</span> <a href="/news/card-1051990">${esc(i.cardHeadline)}</a>`),
        el(ctx, 'div', 'share', `${esc(i.share)} <a href="https://www.facebook.com/sharer/sharer.php?u=${u}">Facebook</a> <a href="https://t.me/share/url?url=${u}">Telegram</a>`),
        el(ctx, 'div', 'tags', `${esc(i.tags)} <a href="/tag/1">${esc(i.tag)}</a>, <a href="/tag/2">${esc(i.tag)}2</a>`),
      ].join('\n');
    }
    case 'link-para': {
      plant(ctx, own[3]!);
      return para(`<a href="https://qazaq24.com/news/qaragandyda-zhylu-beru-mausymy-1051093" target="_blank">${esc(own[3]!)}</a>`);
    }
  }
}

function bodyHtml(ctx: Ctx, gold: Gold, headlines: string[]): string {
  const s = ctx.s;
  const blocks = structure(gold);
  // The box goes after the middle block; never after the dateline.
  const firstTail = blocks.findIndex((b) => b.kind === 'dateline');
  const end = firstTail < 0 ? blocks.length : firstTail;
  const at = end >= 3 ? Math.floor(end / 2) : end;
  const box = readAlsoBox(ctx, headlines);

  if (s.body === 'br') {
    const parts: string[] = [];
    if (s.boilerplateInBody && s.lead) parts.push(esc(ctx.L.lead(gold.source.name)));
    blocks.forEach((b, i) => {
      if (i === at && box) parts.push(box);
      switch (b.kind) {
        case 'p':
        case 'subhead':
          parts.push(esc(b.text));
          break;
        case 'quote':
          parts.push(`<i>${esc(b.text)}</i>`);
          break;
        case 'list':
          parts.push(b.items.map((t) => `- ${esc(t)}`).join('<br>\n'));
          break;
        case 'figure':
          parts.push(`${imgTag(ctx, b.src, b.caption ?? '')}${b.caption ? `<br><small>${esc(b.caption)}</small>` : ''}`);
          break;
        case 'dateline':
          parts.push(`<b>${esc(b.text)}</b>`);
          break;
      }
    });
    if (at >= blocks.length && box) parts.push(box);
    if (s.boilerplateInBody) parts.push(esc(ctx.L.trailer));
    return el(ctx, 'div', 'body', `\n${parts.join('<br><br>\n')}\n`);
  }

  const out: string[] = [];
  const para = (inner: string, role = 'para') => el(ctx, 'p', role, inner);
  blocks.forEach((b, i) => {
    if (i === at && box) out.push(box);
    switch (b.kind) {
      case 'p':
        out.push(para(esc(b.text)));
        break;
      case 'subhead':
        out.push(el(ctx, 'h3', 'subhead', esc(b.text)));
        break;
      case 'quote':
        out.push(s.divsOnly ? el(ctx, 'div', 'quote', esc(b.text)) : `<blockquote${cls(s, 'quote')}><p>${esc(b.text)}</p></blockquote>`);
        break;
      case 'list':
        out.push(
          s.divsOnly
            ? `<div>${b.items.map((t) => `<div>• ${esc(t)}</div>`).join('')}</div>`
            : `<ul${cls(s, 'list')}>${b.items.map((t) => `<li>${esc(t)}</li>`).join('')}</ul>`,
        );
        break;
      case 'figure': {
        const img = imgTag(ctx, b.src, b.caption ?? '');
        out.push(
          s.divsOnly
            ? `<div style="margin:16px 0">${img}${b.caption ? `<div style="font-size:13px;color:#777">${esc(b.caption)}</div>` : ''}</div>`
            : `<figure${cls(s, 'figure')}>${img}${b.caption ? `<figcaption>${esc(b.caption)}</figcaption>` : ''}</figure>`,
        );
        break;
      }
      case 'dateline':
        out.push(para(`${s.divsOnly ? `<span style="font-weight:700">${esc(b.text)}</span>` : `<strong>${esc(b.text)}</strong>`} `));
        break;
    }
  });
  if (at >= blocks.length && box) out.push(box);
  return el(ctx, 'div', 'body', `\n${out.join('\n')}\n`);
}

function domainOf(u: string): string {
  return new URL(u).hostname.replace(/^www\./, '');
}

function metaHtml(ctx: Ctx, gold: Gold): string {
  const s = ctx.s;
  const L = ctx.L;
  plant(ctx, L.views, L.source, L.archived);
  const sp = s.metaSpaced ? ' ' : '';
  const p = parseDate(gold.archivedAt);
  const date = s.date === 'alt' ? L.altDate(p) : nominative(L, p);
  plant(ctx, date);
  const srcText = s.sourceText === 'url' ? gold.source.url : s.sourceText === 'domain' ? domainOf(gold.source.url) : gold.source.name;
  const a = `<a href="${esc(gold.source.url)}" target="_blank" rel="nofollow noopener">${esc(srcText)}</a>`;
  const split = s.meta === 'split-spans';
  const views = split
    ? `${icon(s, 'see')}<span${cls(s, 'meta-label')}>${L.views}</span> <span${cls(s, 'meta-value')}>${gold.views}</span>`
    : `${icon(s, 'see')}${L.views}${sp}${gold.views}`;
  const source = split ? `${icon(s, 'embed')}<span${cls(s, 'meta-label')}>${L.source}</span> ${a}` : `${icon(s, 'embed')}${L.source}${sp}${a}`;
  const archived = split
    ? `${icon(s, 'archive')}<span${cls(s, 'meta-label')}>${L.archived}</span> <span${cls(s, 'meta-date')}>${esc(date)}</span>`
    : `${icon(s, 'archive')}${L.archived} ${esc(date)}`;
  const lines = s.metaPlace === 'under-title' ? [views, archived, source] : [views, source, archived];
  switch (s.meta) {
    case 'lines':
    case 'split-spans':
      return el(ctx, 'div', 'meta', lines.map((l) => el(ctx, 'div', 'meta-item', l)).join('\n'));
    case 'one-br':
      return el(ctx, 'div', 'meta', lines.join('<br>\n'));
    case 'ul':
      return s.divsOnly ? el(ctx, 'div', 'meta', lines.map((l) => `<div>${l}</div>`).join('')) : `<ul${cls(s, 'meta')}>${lines.map((l) => `<li${cls(s, 'meta-item')}>${l}</li>`).join('\n')}</ul>`;
  }
}

function commentsHtml(ctx: Ctx): string {
  const s = ctx.s;
  const L = ctx.L;
  if (s.comments === 'empty') {
    plant(ctx, L.comments(0), L.login, L.first);
    return el(
      ctx,
      'section',
      'comments',
      el(ctx, 'div', 'comments-count', esc(L.comments(0))) + `<a${cls(s, 'comments-login')} href="/login">${esc(L.login)}</a>` + el(ctx, 'p', 'comments-empty', esc(L.first)),
    );
  }
  plant(ctx, L.comments(2), L.login);
  const items = L.comments2.map((c, i) => {
    plant(ctx, c.author, c.when, ...c.text);
    return el(
      ctx,
      'div',
      'comment',
      `<img src="/storage/avatars/u${i + 7}.jpg" alt="" width="40" height="40"${cls(s, 'avatar')}>` +
        el(ctx, 'div', 'comment-head', `<b>${esc(c.author)}</b> <span>${esc(c.when)}</span>`) +
        el(ctx, 'div', 'comment-text', c.text.map(esc).join(' ')) +
        `<a href="#reply-${i}"${cls(s, 'comment-reply')}>${esc(L.reply)}</a>`,
    );
  });
  return el(
    ctx,
    'section',
    'comments',
    el(ctx, 'div', 'comments-count', esc(L.comments(2))) + items.join('\n') + `<a${cls(s, 'comments-login')} href="/login">${esc(L.login)}</a>`,
  );
}

function frame(ctx: Ctx, top: string, content: string, aside: string): string {
  const s = ctx.s;
  switch (s.frame) {
    case 'table':
      return `<table width="100%" cellpadding="0" cellspacing="0" border="0">
<tr><td colspan="2">${top}</td></tr>
<tr><td width="300" valign="top">${aside}</td><td valign="top">${content}</td></tr>
<tr><td colspan="2">${footer(ctx)}</td></tr>
</table>`;
    case 'logo-h1':
    case 'sidebar-first':
      return `${top}\n<div${cls(s, 'page')}>${el(ctx, 'aside', 'sidebar', aside)}\n${el(ctx, 'main', 'main', content)}</div>\n${footer(ctx)}`;
    case 'standard':
      return `${top}\n${el(ctx, 'main', 'main', `${el(ctx, 'div', 'content', content)}\n${el(ctx, 'aside', 'sidebar', aside)}`)}\n${footer(ctx)}`;
  }
}

/** The next article of an infinite scroll, below the first's comments: its own title, lead, body, trailer and info lines. */
function nextArticleHtml(ctx: Ctx, gold: Gold): string {
  const n = ctx.L.next;
  plant(ctx, n.divider, n.title, ...n.text, ctx.L.lead(n.source.name));
  const nextGold: Gold = { ...gold, title: n.title, text: n.text, views: n.views, source: n.source, archivedAt: gold.archivedAt, images: [] };
  const saved = ctx.planted.length;
  const meta = metaHtml(ctx, nextGold).replace(nominative(ctx.L, parseDate(gold.archivedAt)), n.archived).replace(ctx.L.altDate(parseDate(gold.archivedAt)), n.archived);
  ctx.planted.length = saved;
  const body = el(ctx, 'div', 'body', n.text.map((t) => el(ctx, 'p', 'para', esc(t))).join('\n'));
  const lead = ctx.s.lead && !ctx.s.boilerplateInBody ? el(ctx, 'div', 'lead', esc(ctx.L.lead(n.source.name))) : '';
  const title = el(ctx, 'h2', 'title', `<a href="/news/next-article-1051999">${esc(n.title)}</a>`);
  const parts = ctx.s.metaPlace === 'under-title' ? `${title}\n${meta}\n${lead}\n${body}` : `${title}\n${lead}\n${body}\n${el(ctx, 'p', 'follow', esc(ctx.L.trailer))}\n${meta}`;
  return `${el(ctx, 'div', 'next-label', esc(n.divider))}\n${el(ctx, 'article', 'article', parts)}`;
}

/** The labels of the gold's mustNotContain; everything else there is a ticker headline. */
export function tickerHeadlines(gold: Gold): string[] {
  const L = labelsFor(gold.lang);
  const labels = new Set([L.comments(0).replace(/^0 /, ''), L.login, L.first, L.mostRead, L.mostReadSub, L.latest, L.latestSub, L.readAlso]);
  return gold.mustNotContain.filter((x) => !labels.has(x) && !/^(see|embed|archive)/.test(x) && !x.includes('Qazaq24.com'));
}

/** For the layout without semantic tags: the inline tags that slipped through become spans. */
function onlyDivs(html: string): string {
  const at = html.indexOf('<body');
  return html.slice(0, at) + html.slice(at).replace(/<(\/?)(?:b|strong|i|em|small|time|button|label)(?=[\s>])/g, '<$1span');
}

/** One article page in one layout. */
export function articlePage(gold: Gold, layoutName: string): GeneratedPage {
  const s = styleOf(layoutName);
  const lang: Lang = gold.lang === 'ru' ? 'ru' : 'kk';
  const ctx: Ctx = { s, L: labelsFor(lang), lang, url: new URL(gold.url), planted: [] };
  const L = ctx.L;
  const headlines = tickerHeadlines(gold);
  const tickerList = s.tickerHasTitle ? [...headlines.slice(0, 9), gold.title, ...headlines.slice(9)] : headlines;

  const top = header(ctx) + '\n' + ticker(ctx, tickerList);
  plant(ctx, L.home, L.news);
  const crumbs = el(ctx, 'nav', 'crumbs', `<a href="/">${esc(L.home)}</a> / <a href="/news">${esc(L.news)}</a> / <span>${esc(gold.title)}</span>`);
  const titleEl = el(ctx, s.frame === 'logo-h1' ? 'h2' : 'h1', 'title', esc(gold.title));
  const lead = s.lead && !s.boilerplateInBody ? el(ctx, 'div', 'lead', esc(L.lead(gold.source.name))) : '';
  if (s.lead) plant(ctx, L.lead(gold.source.name));
  plant(ctx, L.trailer);
  const trailer = s.boilerplateInBody ? '' : el(ctx, 'p', 'follow', esc(L.trailer));
  const meta = metaHtml(ctx, gold);
  const body = bodyHtml(ctx, gold, headlines);
  const article =
    s.metaPlace === 'under-title'
      ? el(ctx, 'article', 'article', `${titleEl}\n${meta}\n${lead}\n${body}\n${trailer}`)
      : el(ctx, 'article', 'article', `${titleEl}\n${lead}\n${body}\n${trailer}\n${meta}`);
  const content = `${crumbs}\n${article}\n${commentsHtml(ctx)}${s.nextArticle ? `\n${nextArticleHtml(ctx, gold)}` : ''}`;
  const aside = `${mostRead(ctx, tickerList)}\n${latest(ctx)}`;
  const html = `${head(ctx, gold.title, true, gold.text[0]!.slice(0, 150))}${frame(ctx, top, content, aside)}\n</body>\n</html>\n`;
  return { url: gold.url, html: s.divsOnly ? onlyDivs(html) : html, planted: [...new Set(ctx.planted)] };
}

export const NON_ARTICLE_PAGES = {
  'home-kk': { lang: 'kk', url: 'https://qazaq24.com/' },
  'listing-kk': { lang: 'kk', url: 'https://qazaq24.com/news?page=2' },
  'listing-ru': { lang: 'ru', url: 'https://qazaq24.com/ru/news?page=2' },
} as const;

export type NonArticleKind = keyof typeof NON_ARTICLE_PAGES;

/** A home page or a news listing page in one layout: headlines with excerpts, no article on it. */
export function listingPage(kind: NonArticleKind, golds: Gold[], layoutName: string): GeneratedPage {
  const s = styleOf(layoutName);
  const { lang, url } = NON_ARTICLE_PAGES[kind];
  const ctx: Ctx = { s, L: labelsFor(lang), lang, url: new URL(url), planted: [] };
  const L = ctx.L;
  const own = golds.filter((g) => g.lang === lang);
  const headlines = [...new Set([...own.map((g) => g.title), ...own.flatMap(tickerHeadlines)])];
  const top = header(ctx) + '\n' + ticker(ctx, headlines);
  const cards = listItems(ctx, headlines, true).map((it, i) => {
    const fromGold = own.find((g) => g.title === it.title);
    const excerpt = fromGold ? fromGold.text[0]!.slice(0, 200) : L.excerpts[i % L.excerpts.length];
    return excerpt ? { ...it, excerpt } : it;
  });
  const content = blockTitle(ctx, 'news', L.latest, L.latestSub, 'h2') + headlineList(ctx, s.cards, cards, 'card') + el(ctx, 'nav', 'pager', '<a href="?page=1">1</a> <a href="?page=2">2</a> <a href="?page=3">3</a>');
  const aside = `${mostRead(ctx, headlines)}\n${latest(ctx)}`;
  const title = lang === 'kk' ? 'Qazaq24.com - Жаңалықтар' : 'Новости - Qazaq24.com';
  const html = `${head(ctx, title, false, L.latestSub)}${frame(ctx, top, content, aside)}\n</body>\n</html>\n`;
  return { url, html: s.divsOnly ? onlyDivs(html) : html, planted: [...new Set(ctx.planted)] };
}
