/**
 * Qazaq24 article pages in shapes no fixture has: comments under a heading and a prompt no rule
 * knew, a standfirst between the title and the lead, the trailer reworded, a share bar with a
 * "copy link" button, info lines drawn with emoji or written with a dash. Each page follows the
 * order of the captured page (title, lead, body, trailer, info lines, comments); the markup is
 * made up, and the answer is what a reader would keep.
 */
import { describe, expect, it } from 'vitest';
import { extractHtml } from './dom-env.ts';
import { collapse } from '../../src/core/text/normalize.ts';

const RU_URL = 'https://qazaq24.com/ru/news/tsentr-dlya-detey-108001';
const KK_URL = 'https://qazaq24.com/news/su-tasqyny-108002';

const RU_LEAD = '<p>Qazaq24.com публикует новость на основе данных со страницы Kapital.kz..</p>';
const RU_TRAILER = '<p>Следите за последними новостями и дополнительной информацией на сайте Qazaq24.com.</p>';
const KK_LEAD = '<p>Egemen.KZ парақшасынан алынған деректерге сүйене отырып, Qazaq24.com жаңалық жариялайды..</p>';
const KK_TRAILER = '<p>Қосымша ақпарат пен соңғы жаңалықтар үшін Qazaq24.com сайтын бақылаңыз.</p>';

const ruInfo = (views = '<div><span class="i">see</span>Просмотры:327</div>', source = '<div><span class="i">embed</span>Источник:<a href="https://kapital.kz">https://kapital.kz</a></div>') =>
  `${views}${source}<div><span class="i">archive</span>Эта новость заархивирована из источника 06 Февраль 2026 10:25</div>`;
const kkInfo = (views = '<div><span class="i">see</span>Көрілімдер:388</div>', source = '<div><span class="i">embed</span>Дереккөз:<a href="https://egemen.kz">https://egemen.kz</a></div>') =>
  `${views}${source}<div><span class="i">archive</span>Бұл хабарлама дереккөзден мұрағатталған 06 Ақпан 2026 10:25</div>`;

const page = (lang: 'kk' | 'ru', title: string, body: string) =>
  `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title} - Qazaq24.com</title><meta property="og:type" content="article"></head><body><h1>${title}</h1>${body}</body></html>`;

const RU_BODY = [
  'В Таразе открылся первый в области центр для детей с аутизмом.',
  'В нём будут работать логопеды, психологи и дефектологи, занятия для детей бесплатные.',
];
const KK_BODY = ['Ақмола облысында көктемгі су тасқынына дайындық басталды, бөгеттер нығайтылады.'];
const paragraphs = (texts: readonly string[]) => texts.map((t) => `<p>${t}</p>`).join('');

const COMMENTS = [
  'Очень нужный центр! Мы с сыном три года ездили на занятия в Алматы, это было тяжело и дорого.',
  'Надеюсь, специалистов наберут квалифицированных, а не как обычно, по знакомству.',
];
const commentsBlock = (prompt: string) => `<div><h3>Обсуждение</h3>${paragraphs(COMMENTS)}<p>${prompt}</p></div>`;

describe('Qazaq24 pages in shapes no rule was written for', () => {
  it.each([
    ['a short article', RU_BODY.slice(0, 1)],
    ['a longer article', RU_BODY],
  ])('%s, then comments under a heading no rule knows: the article, not the comments', (_, body) => {
    const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}${paragraphs(body)}${RU_TRAILER}${ruInfo()}${commentsBlock('Напишите, что вы думаете.')}`), RU_URL);
    const text = collapse(out.textContent);
    for (const p of body) expect(text).toContain(p);
    for (const c of COMMENTS) expect(text).not.toContain(c.slice(0, 30));
    expect(text).not.toContain('Обсуждение');
    expect(out.source?.url).toBe('https://kapital.kz');
    expect(out.views).toBe(327);
  });

  it.each(['Авторизуйтесь, чтобы прокомментировать', 'Войдите, чтобы прокомментировать', 'Чтобы прокомментировать, войдите'])(
    'ends the article at the comments prompt "%s": teasers of other news after it, with more text than the article, stay out',
    (prompt) => {
      const teaser = (i: number) =>
        `<div><a href="/ru/news/drugaya-novost-${i}-10800${i}">Другая новость о ремонте дорог в Таразе номер ${i}</a><p>Ремонт начнётся весной и продлится до осени, подрядчика выберут на открытом конкурсе, сообщили в акимате города, где также пообещали восстановить освещение и тротуары.</p></div>`;
      const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}${paragraphs(RU_BODY)}${RU_TRAILER}${ruInfo()}<p>${prompt}</p>${teaser(1)}${teaser(2)}${teaser(3)}`), RU_URL);
      expect(collapse(out.textContent)).toBe(RU_BODY.join(' '));
    },
  );

  it('keeps a standfirst set between the title and the lead', () => {
    const standfirst = 'Казахстан и Узбекистан договорились построить грузовой хаб.';
    const body = 'Соглашение подписали министры транспорта двух стран в Ташкенте. Хаб разместится в Туркестанской области.';
    const out = extractHtml(page('ru', 'Грузовой хаб', `<p><b>${standfirst}</b></p>${RU_LEAD}<p>${body}</p>${RU_TRAILER}${ruInfo()}`), RU_URL);
    expect(collapse(out.textContent)).toBe(`${standfirst} ${body}`);
  });

  it('leaves a date, a row of counts and links between the title and the lead out of the body', () => {
    const between = '<p><a href="/ru">Главная</a> / <a href="/ru/news">Новости</a></p><p>06 Февраль 2026 10:25 · 327</p>';
    const out = extractHtml(page('ru', 'Центр для детей', `${between}${RU_LEAD}${paragraphs(RU_BODY)}${RU_TRAILER}${ruInfo()}`), RU_URL);
    expect(collapse(out.textContent)).toBe(RU_BODY.join(' '));
  });

  it('takes out the trailer reworded', () => {
    const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}${paragraphs(RU_BODY)}<p>Больше актуальных новостей Казахстана и мира читайте на Qazaq24.com</p>${ruInfo()}`), RU_URL);
    expect(collapse(out.textContent)).toBe(RU_BODY.join(' '));
  });

  it('takes out a share bar that has a "copy link" button drawn as a link', () => {
    const bar = '<div><a href="https://t.me/share/url?url=x">Telegram</a> <a href="https://wa.me/?text=x">WhatsApp</a> <a href="#">Копировать</a></div>';
    const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}<p>${RU_BODY[0]}</p>${bar}<p>${RU_BODY[1]}</p>${RU_TRAILER}${ruInfo()}`), RU_URL);
    expect(collapse(out.textContent)).toBe(RU_BODY.join(' '));
  });

  it('keeps a line of links with a long in-page link: not a share bar', () => {
    const line = '<div><a href="https://t.me/share/url?url=x">Telegram</a> <a href="#details">подробности о том, как работает центр</a></div>';
    const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}<p>${RU_BODY[0]}</p>${line}<p>${RU_BODY[1]}</p>${RU_TRAILER}${ruInfo()}`), RU_URL);
    expect(collapse(out.textContent)).toContain('подробности о том, как работает центр');
  });

  it.each([
    ['in the text', '<div>👁 Көрілімдер: 388</div>', '<div>🔗 Дереккөз: <a href="https://egemen.kz">https://egemen.kz</a></div>'],
    ['in an element of its own', '<div><span>👁️</span> Көрілімдер: 388</div>', '<div><span>🔗</span>Дереккөз: <a href="https://egemen.kz">https://egemen.kz</a></div>'],
  ])('reads info lines drawn with emoji %s', (_, views, source) => {
    const out = extractHtml(page('kk', 'Су тасқыны', `${KK_LEAD}${paragraphs(KK_BODY)}${KK_TRAILER}${kkInfo(views, source)}`), KK_URL);
    expect(out.views).toBe(388);
    expect(out.source?.url).toBe('https://egemen.kz');
    expect(collapse(out.textContent)).toBe(KK_BODY.join(' '));
  });

  const card = (i: number, host = '') =>
    `<div><a href="${host}/ru/news/drugaya-novost-${i}-10810${i}">В Экибастузе ввели режим ЧС из-за аварии номер ${i}</a><p>Ведомство сообщило, что авария произошла из-за износа труб, бригады работают круглосуточно.</p></div>`;

  it('takes out teaser cards of other news set in the body with no label, and keeps the article around them', () => {
    const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}<p>${RU_BODY[0]}</p>${card(1)}${card(2)}${card(3)}<p>${RU_BODY[1]}</p>${RU_TRAILER}${ruInfo()}`), RU_URL);
    expect(collapse(out.textContent)).toBe(RU_BODY.join(' '));
  });

  it('keeps one such card alone, and cards that lead off the site: the article may link so', () => {
    const one = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}<p>${RU_BODY[0]}</p>${card(1)}<p>${RU_BODY[1]}</p>${RU_TRAILER}${ruInfo()}`), RU_URL);
    expect(collapse(one.textContent)).toContain('износа труб');
    const off = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}<p>${RU_BODY[0]}</p>${card(1, 'https://gov.kz')}${card(2, 'https://gov.kz')}<p>${RU_BODY[1]}</p>${RU_TRAILER}${ruInfo()}`), RU_URL);
    expect(collapse(off.textContent)).toContain('аварии номер 2');
  });

  it('keeps the body where the info lines stand above it, after a standfirst or a caption and no trailer', () => {
    for (const above of ['<p>Национальная валюта укрепилась на фоне роста цен на нефть и снижения спроса на доллары.</p>', '<figure><img src="/storage/news/kurs.jpg" alt=""><figcaption>Фото: пресс-служба Национального банка, архивный снимок с брифинга</figcaption></figure>']) {
      const out = extractHtml(page('ru', 'Центр для детей', `${above}${ruInfo()}${paragraphs(RU_BODY)}<div>0 Комментарии</div><a href="/login">Войдите, чтобы оставить комментарий...</a>`), RU_URL);
      for (const p of RU_BODY) expect(collapse(out.textContent)).toContain(p);
    }
  });

  it('reads a source line without a link that stands in the info block, and keeps it out of the text', () => {
    const source = '<div><span class="i">embed</span>Источник: ТАСС</div>';
    const out = extractHtml(page('ru', 'Центр для детей', `${paragraphs(RU_BODY)}${RU_TRAILER}${ruInfo(undefined, source)}`), RU_URL);
    expect(out.source?.name).toBe('ТАСС');
    expect(collapse(out.textContent)).toBe(RU_BODY.join(' '));
  });

  it('keeps a sentence that a dash after "source" opens, with its link', () => {
    const sentence = 'Источник — <a href="https://adilet.zan.kz/rus/docs/P2600000001">постановление правительства</a>, вступившее в силу с 1 февраля.';
    const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}<p>${RU_BODY[0]}</p><p>${sentence}</p><p>${RU_BODY[1]}</p>${RU_TRAILER}${ruInfo()}`), RU_URL);
    expect(collapse(out.textContent)).toContain('Источник — постановление правительства, вступившее в силу с 1 февраля.');
    expect(out.source?.url).toBe('https://kapital.kz');
  });

  it('takes out a latest-news box whose cards show their teaser before their headline', () => {
    const cards = [1, 2, 3]
      .map((i) => `<div class="card"><p>Депутаты мажилиса обсудили поправки в бюджет на текущий год и предложили увеличить расходы на образование номер ${i}.</p><a href="/ru/news/c${i}-10820${i}">Мажилис одобрил поправки в бюджет номер ${i}</a></div>`)
      .join('');
    const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}${paragraphs(RU_BODY)}${RU_TRAILER}${ruInfo()}<section><h3>Последние новости</h3>${cards}</section>`), RU_URL);
    expect(collapse(out.textContent)).toBe(RU_BODY.join(' '));
  });

  it('leaves a byline and a call to subscribe between the title and the lead out of the body', () => {
    for (const between of ['<p>Автор материала: Айгерим Нурланова, обозреватель отдела экономики.</p>', '<p>Подписывайтесь на наш канал в Telegram, чтобы первыми узнавать о главных новостях страны.</p>']) {
      const out = extractHtml(page('ru', 'Центр для детей', `${between}${RU_LEAD}${paragraphs(RU_BODY)}${RU_TRAILER}${ruInfo()}`), RU_URL);
      expect(collapse(out.textContent)).toBe(RU_BODY.join(' '));
    }
  });

  it("gives the edition's language: a Russian article on the Kazakh edition is the Kazakh edition's", () => {
    const kazakhEdition = page('kk', 'Центр для детей', `${KK_LEAD}${paragraphs(RU_BODY)}${KK_TRAILER}${kkInfo()}`);
    expect(extractHtml(kazakhEdition, KK_URL).lang).toBe('kk');
    // The address says the Russian edition, whatever the page declares.
    expect(extractHtml(kazakhEdition, RU_URL).lang).toBe('ru');
    // Where the page declares nothing, the article's letters tell.
    expect(extractHtml(kazakhEdition.replace(' lang="kk"', ''), KK_URL).lang).toBe('ru');
  });

  it('reads info lines written with a dash', () => {
    const views = '<div>Просмотры — 1 024</div>';
    const source = '<div>Источник — <a href="https://kapital.kz">Kapital.kz</a></div>';
    const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}${paragraphs(RU_BODY)}${RU_TRAILER}${ruInfo(views, source)}`), RU_URL);
    expect(out.views).toBe(1024);
    expect(out.source?.url).toBe('https://kapital.kz');
    expect(collapse(out.textContent)).toBe(RU_BODY.join(' '));
  });

  it.each([
    ['tags and a share line', '<div>Теги: курс доллара, тенге, Нацбанк, биржа</div><div>Поделиться в соцсетях: Facebook Telegram WhatsApp</div>'],
    ["an author's box", '<div><p>Автор материала — экономический обозреватель редакции, пишет о финансах с 2010 года.</p></div>'],
  ])('ends the article at the trailer with %s after it, before the info lines', (_, after) => {
    const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}${paragraphs(RU_BODY)}${RU_TRAILER}${after}${ruInfo()}`), RU_URL);
    expect(collapse(out.textContent)).toBe(RU_BODY.join(' '));
  });

  it('reads one article where the page prints its lead twice', () => {
    const body = [...KK_BODY, 'Облыс әкімдігінің мәліметінше, мердігерлер конкурс арқылы таңдалады.'];
    const out = extractHtml(page('kk', 'Су тасқыны', `${KK_LEAD}${KK_LEAD}${paragraphs(body)}${KK_TRAILER}${kkInfo()}`), KK_URL);
    expect(collapse(out.textContent)).toBe(body.join(' '));
    expect(out.source?.url).toBe('https://egemen.kz');
    expect(out.views).toBe(388);
  });

  it.each([
    ['ru', '<div><p>Подписывайтесь на Telegram-канал Qazaq24.com — главные новости за день</p><a href="https://t.me/qazaq24">Подписаться</a></div>'],
    ['kk', '<p>Qazaq24.com Telegram арнасына жазылыңыз</p>'],
  ] as const)('keeps the body past a call to follow the site set inside it (%s)', (lang, promo) => {
    const [lead, trailer, info, url] = lang === 'ru' ? [RU_LEAD, RU_TRAILER, ruInfo(), RU_URL] : [KK_LEAD, KK_TRAILER, kkInfo(), KK_URL];
    const after = lang === 'ru' ? ['Турнир продлится девять дней.', 'Караганда'] : ['Жұмыс маусым айында басталады.', 'Ақмола облысы'];
    const out = extractHtml(page(lang, 'Чемпионат', `${lead}${paragraphs(RU_BODY)}${promo}${paragraphs(after)}${trailer}${info}`), url);
    expect(collapse(out.textContent)).toBe([...RU_BODY, ...after].join(' '));
    expect(out.views).toBe(lang === 'ru' ? 327 : 388);
  });

  it.each([
    ['kk', '<div>1 214 рет қаралды</div>'],
    ['ru', '<div>Просмотрено 1 214 раз</div>'],
  ] as const)('reads the views written as how many times (%s)', (lang, views) => {
    const out = extractHtml(page(lang, 'Центр для детей', `${lang === 'ru' ? RU_LEAD : KK_LEAD}${paragraphs(RU_BODY)}${lang === 'ru' ? RU_TRAILER : KK_TRAILER}${lang === 'ru' ? ruInfo(views) : kkInfo(views)}`), lang === 'ru' ? RU_URL : KK_URL);
    expect(out.views).toBe(1214);
    expect(collapse(out.textContent)).toBe(RU_BODY.join(' '));
  });

  it("ends the article at a comment widget's words between the body and the trailer", () => {
    const widget = '<div><p>Facebook арқылы пікір қалдырыңыз</p><div class="fb-comments"></div><p>Әзірге пікірлер жоқ</p></div>';
    const body = [...KK_BODY, 'Облыс әкімдігі қажетті техника мен құм салынған қаптар дайындалғанын хабарлады.'];
    const out = extractHtml(page('kk', 'Су тасқыны', `${KK_LEAD}${paragraphs(body)}${widget}${KK_TRAILER}${kkInfo()}`), KK_URL);
    expect(collapse(out.textContent)).toBe(body.join(' '));
  });

  it("keeps a short article whole where a comment widget's words and a form's text follow the info lines", () => {
    const widget = '<div><p>Комментариев пока нет</p><h3>Добавить комментарий</h3><p>Ваш адрес email не будет опубликован. Обязательные поля помечены звёздочкой.</p></div>';
    const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}${paragraphs(RU_BODY.slice(0, 1))}${RU_TRAILER}${ruInfo()}${widget}`), RU_URL);
    expect(collapse(out.textContent)).toBe(RU_BODY[0]);
  });

  it('takes out "Тағы да оқыңыз" with its headline', () => {
    const readAlso = '<p>Тағы да оқыңыз: <a href="/news/bogetter-108010">Бөгеттер нығайтылып жатыр</a></p>';
    const body = [...KK_BODY, 'Облыс әкімдігі қажетті техника мен құм салынған қаптар дайындалғанын хабарлады.'];
    const out = extractHtml(page('kk', 'Су тасқыны', `${KK_LEAD}<p>${body[0]}</p>${readAlso}<p>${body[1]}</p>${KK_TRAILER}${kkInfo()}`), KK_URL);
    expect(collapse(out.textContent)).toBe(body.join(' '));
  });

  it("takes out the page's controls drawn as links, and keeps links to parts of the article", () => {
    const controls = '<div><a href="#"><span class="i">top</span>Жоғарыға</a></div><a href="#">Толығырақ оқу ▼</a> <a href="javascript:void(0)">Жасыру ▲</a>';
    const contents = '<p><a href="#part-2">Екінші бөлім</a></p>';
    const body = `<p>${KK_BODY[0]}<sup><a href="#note-1">1</a></sup></p>${contents}<h2 id="part-2">Екінші бөлім</h2><p id="note-1">Облыс әкімдігі қажетті техника дайындалғанын хабарлады.</p>${controls}`;
    const out = extractHtml(page('kk', 'Су тасқыны', `${KK_LEAD}${body}${KK_TRAILER}${kkInfo()}`), KK_URL);
    const text = collapse(out.textContent);
    expect(text).toBe(`${KK_BODY[0]}1 Екінші бөлім Екінші бөлім Облыс әкімдігі қажетті техника дайындалғанын хабарлады.`);
  });

  it('keeps a paragraph that a broken page wrapped in a link to "#"', () => {
    const wrapped = 'Министерство финансов сообщило о росте доходов бюджета за январь.';
    const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}${paragraphs(RU_BODY)}<p><a href="#">${wrapped}</a></p>${RU_TRAILER}${ruInfo()}`), RU_URL);
    expect(collapse(out.textContent)).toBe([...RU_BODY, wrapped].join(' '));
  });

  it.each([
    ['a list of terms', '<dl><dt>Просмотры:</dt><dd>327</dd><dt>Источник:</dt><dd><a href="https://kapital.kz">https://kapital.kz</a></dd><dt>Время архивации</dt><dd>06 Февраль 2026 10:25</dd></dl>'],
    ['a table', '<table><tr><td>Просмотры</td><td>327</td></tr><tr><td>Источник</td><td><a href="https://kapital.kz">https://kapital.kz</a></td></tr><tr><td>Эта новость заархивирована из источника</td><td>06.02.2026 10:25</td></tr></table>'],
  ])('reads the info lines written as labels and values in cells of their own: %s', (_, info) => {
    const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}${paragraphs(RU_BODY)}${RU_TRAILER}${info}`), RU_URL);
    expect(out.views).toBe(327);
    expect(out.source?.url).toBe('https://kapital.kz');
    expect(out.archivedAt).toBe('2026-02-06T10:25:00+05:00');
    expect(collapse(out.textContent)).toBe(RU_BODY.join(' '));
  });

  it("takes the source's address from the lead's link where no source line gives one, if it fits the name", () => {
    const linkedLead = (href: string) => `<p><a href="${href}">Egemen.KZ</a> парақшасынан алынған деректерге сүйене отырып, Qazaq24.com жаңалық жариялайды..</p>`;
    const info = kkInfo(undefined, '');
    const fits = extractHtml(page('kk', 'Су тасқыны', `${linkedLead('https://egemen.kz/')}${paragraphs(KK_BODY)}${KK_TRAILER}${info}`), KK_URL);
    expect(fits.source).toEqual({ name: 'Egemen.KZ', url: 'https://egemen.kz/' });
    const other = extractHtml(page('kk', 'Су тасқыны', `${linkedLead('https://elsewhere.example/')}${paragraphs(KK_BODY)}${KK_TRAILER}${info}`), KK_URL);
    expect(other.source?.url ?? null).toBeNull();
  });

  it('reads "Оригинал:" with its link in the article as no source line: the text after it stays, the source is the info block\'s or none', () => {
    const original = 'Оригинал: <a href="https://adilet.zan.kz/rus/docs/P2600000001">постановление правительства</a>';
    const last = 'Книга выйдет весной.';
    for (const [source, url] of [[undefined, 'https://kapital.kz'], ['', null]] as const) {
      const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}${paragraphs(RU_BODY)}<p>${original}</p><p>${last}</p>${RU_TRAILER}${ruInfo(undefined, source)}`), RU_URL);
      expect(collapse(out.textContent)).toContain([...RU_BODY].join(' '));
      expect(collapse(out.textContent)).toContain(last);
      expect(out.source?.url ?? null).toBe(url);
    }
  });

  it("keeps the article's own credit with its link before the trailer, the source from the info block after it", () => {
    const body = ['Қазақстанда 2025 жылы орташа жалақы 420 мың теңгеге жетті. Бұл алдыңғы жылмен салыстырғанда 12 пайызға жоғары.', 'Ең жоғары жалақы Атырау облысында тіркелді.'];
    for (const credit of ['Дереккөз: <a href="https://stat.gov.kz">stat.gov.kz</a>', 'Дереккөз: https://stat.gov.kz']) {
      const out = extractHtml(page('kk', 'Орташа жалақы', `${KK_LEAD}${paragraphs(body)}<p>${credit}</p><p>Астана</p>${KK_TRAILER}${kkInfo()}`), KK_URL);
      expect(collapse(out.textContent)).toBe(collapse([...body, credit.replace(/<[^>]+>/g, ''), 'Астана'].join(' ')));
      expect(out.source?.url).toBe('https://egemen.kz');
    }
  });

  it.each([
    ['a typo prompt', '<p class="orphus"><small>Нашли ошибку? Выделите текст и нажмите Ctrl+Enter</small></p>'],
    ['a pager', '<div>Страница: <a href="?page=1">1</a> <span>2</span> <a href="?page=3">3</a> <a href="?page=3">Следующая →</a></div>'],
    ['a question over reaction buttons', '<div><div>Вам понравилась статья?</div><button>👍 <span>12</span></button><button>👎 <span>3</span></button></div>'],
  ])("takes out %s after the body, and keeps the article's sentences with the same words", (_, furniture) => {
    const sentences = ['Ошибку в расчётах нашли аудиторы, выделите время и прочтите отчёт.', 'Страница 2 отчёта посвящена расходам на 1 2 3 этапах.'];
    const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}${paragraphs([...RU_BODY, ...sentences])}${furniture}${RU_TRAILER}${ruInfo()}`), RU_URL);
    expect(collapse(out.textContent)).toBe([...RU_BODY, ...sentences].join(' '));
  });

  it('reads "Оригинал:" as the source line', () => {
    const source = '<div><span class="i">embed</span>Оригинал: <a href="https://kapital.kz">kapital.kz</a></div>';
    const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}${paragraphs(RU_BODY)}${RU_TRAILER}${ruInfo(undefined, source)}`), RU_URL);
    expect(out.source?.url).toBe('https://kapital.kz');
    expect(collapse(out.textContent)).toBe(RU_BODY.join(' '));
  });

  it("takes out an ad with Russia's legal marking, its picture with it", () => {
    const ad = '<div><a href="https://shop.example.ru/?erid=2Vtz" rel="sponsored"><img src="https://ads.example.ru/cr/banner.jpg" alt=""></a><div>Реклама. ООО «Маркет», ИНН 7700000000. erid: 2VtzqwXyz1</div></div>';
    const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}<p>${RU_BODY[0]}</p>${ad}<p>${RU_BODY[1]}</p>${RU_TRAILER}${ruInfo()}`), RU_URL);
    expect(collapse(out.textContent)).toBe(RU_BODY.join(' '));
    expect(out.contentHtml).not.toContain('banner.jpg');
  });

  it('keeps "Пікірлер" with no count as a subheading of the article, before the trailer', () => {
    const body = ['Қарағанды облысында жаңа жол салу жобасы талқыланды.', 'Пікірлер', 'Жолдың ұзындығы қырық шақырым болады және ол үш ауданды облыс орталығымен байланыстырады.', 'Құрылыс жұмыстары екі жылға созылады деп күтілуде.'];
    const out = extractHtml(page('kk', 'Жаңа жол', `${KK_LEAD}${paragraphs(body)}${KK_TRAILER}${kkInfo()}<div><h3>Пікірлер</h3><p>Кіру, пікір қалдыру үшін...</p></div>`), KK_URL);
    expect(collapse(out.textContent)).toBe(body.join(' '));
  });

  it('keeps a sentence about an advertiser fined that opens with "Реклама"', () => {
    const fined = 'Реклама без согласования стоила дорого: ТОО «Медиа-Плюс» (БИН 123456789012) заплатит штраф в размере 500 МРП.';
    const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}${paragraphs(RU_BODY)}<p>${fined}</p>${RU_TRAILER}${ruInfo()}`), RU_URL);
    expect(collapse(out.textContent)).toBe([...RU_BODY, fined].join(' '));
  });

  describe("readers' comments known by their entries, whatever their heading", () => {
    const entry = (name: string, when: string, text: string) => `<div><b>${name}</b> <span>${when}</span><p>${text}</p></div>`;
    const discussion = (heading: string, whens: readonly string[]) =>
      `<div><h3>${heading}</h3>${entry('Марат', whens[0]!, COMMENTS[0]!)}${entry('Gulnara_K', whens[1]!, COMMENTS[1]!)}</div>`;
    const REGION = '<p>Тараз</p>';

    it.each([
      ['dates and times', ['05.02.2026 18:20', '05.02.2026 19:02']],
      ['days written out', ['5 февраля 2026, 18:20', '6 февраля 2026 в 09:14']],
      ['how long ago', ['2 часа назад', '15 минут назад']],
    ])('between the body and the trailer, with %s: the body and its last line kept, the heading and comments out', (_, whens) => {
      const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}${paragraphs(RU_BODY)}${REGION}${discussion('Мнения читателей', whens)}${RU_TRAILER}${ruInfo()}`), RU_URL);
      expect(collapse(out.textContent)).toBe(`${RU_BODY.join(' ')} Тараз`);
      expect(out.views).toBe(327);
    });

    it('after the info block, under a heading no rule knows, with more text than a short article', () => {
      const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}${paragraphs(RU_BODY.slice(0, 1))}${RU_TRAILER}${ruInfo()}${discussion('Обсуждение', ['05.02.2026 18:20', '05.02.2026 19:02'])}`), RU_URL);
      expect(collapse(out.textContent)).toBe(RU_BODY[0]);
    });

    it('in Kazakh, with times written "сағат бұрын"', () => {
      const kk = ['Дұрыс шешім! Бөгеттерді ерте нығайту керек еді.', 'Біздің ауылда да су жиі шығады, көмек керек.'];
      const entries = `<div><h4>Оқырман ойы</h4>${entry('Асхат', '3 сағат бұрын', kk[0]!)}${entry('Айгүл Серікқызы', 'кеше 18:20', kk[1]!)}</div>`;
      const body = [...KK_BODY, 'Облыс әкімдігі қажетті техника мен құм салынған қаптар дайындалғанын хабарлады.'];
      const out = extractHtml(page('kk', 'Су тасқыны', `${KK_LEAD}${paragraphs(body)}${entries}${KK_TRAILER}${kkInfo()}`), KK_URL);
      expect(collapse(out.textContent)).toBe(body.join(' '));
    });

    it('leaves the article whole where one line of a name and a time is its byline', () => {
      const out = extractHtml(page('ru', 'Центр для детей', `<p>Айгерим Нурланова 05.02.2026 18:20</p>${RU_LEAD}${paragraphs(RU_BODY)}${RU_TRAILER}${ruInfo()}`), RU_URL);
      expect(collapse(out.textContent)).toContain(RU_BODY.join(' '));
    });

    it.each([
      ['a chronicle by days', (t: string, i: number) => `<h3>${['Понедельник', 'Вторник', 'Среда'][i]}, ${i + 2} февраля</h3><p>${t}</p>`],
      ['datelines', (t: string, i: number) => `<p>${['Астана', 'Алматы', 'Шымкент'][i]}, ${i + 5} февраля</p><p>${t}</p>`],
      ['a quoted chat, the article going on after it', (t: string, i: number) => `<p><b>${['Марат', 'Айгуль', 'Марат'][i]} 05.02.2026 18:2${i}</b></p><p>${t}</p>`],
      ['updates with their times', (t: string, i: number) => `<p><i>Обновлено 05.02.2026 1${i + 6}:40</i></p><p>${t}</p>`],
    ])('leaves the article whole where it holds %s', (_, entry) => {
      const texts = ['Мажилис одобрил законопроект в первом чтении.', 'Правительство рассмотрело итоги января.', 'Сенат вернул закон с замечаниями.'];
      const closing = 'Эту хронику редакция дополняет по мере поступления новостей, следите за обновлениями.';
      const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}${paragraphs(RU_BODY)}${texts.map(entry).join('')}<p>${closing}</p>${RU_TRAILER}${ruInfo()}`), RU_URL);
      const text = collapse(out.textContent);
      for (const t of [...texts, closing]) expect(text).toContain(t);
    });

    it("leaves the article whole where a chronicle's entries start with their times", () => {
      const chronicle = [
        ['18:20 — Прибытие делегации', 'Делегация прибыла в аэропорт Тараза, её встретил аким области.'],
        ['5 февраля — Открытие центра', 'Центр открыли в присутствии родителей и врачей, первые занятия прошли в тот же день.'],
        ['Заседание 05.02.2026', 'Члены совета обсудили набор специалистов и утвердили план работы на год.'],
      ];
      const body = chronicle.map(([head, text]) => `<h3>${head}</h3><p>${text}</p>`).join('');
      const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}${paragraphs(RU_BODY)}${body}${RU_TRAILER}${ruInfo()}`), RU_URL);
      const text = collapse(out.textContent);
      for (const [head, p] of chronicle) expect(text).toContain(`${head} ${p}`);
    });

    it('leaves a list of headlines with their times inside the body to the list rules, not the comments', () => {
      const item = (i: number) => `<li><a href="/ru/news/remont-dorog-${i}-10810${i}">Ремонт дорог</a> 05.02.2026 18:2${i}<p>Подрядчика выберут на конкурсе.</p></li>`;
      const out = extractHtml(page('ru', 'Центр для детей', `${RU_LEAD}${paragraphs(RU_BODY)}<ul>${item(1)}${item(2)}</ul><p>Родители могут записать детей на занятия по телефону центра.</p>${RU_TRAILER}${ruInfo()}`), RU_URL);
      expect(collapse(out.textContent)).toContain('Родители могут записать детей на занятия по телефону центра.');
    });
  });
});
