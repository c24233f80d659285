/**
 * A list of other articles under a label no vocabulary has ("Редакция ұсынады", "Выбор
 * редакции"), put into a fixture article's body in several shapes: the list goes, and its label
 * with it, because the box that held the links holds nothing else. A sentence beside such links
 * stays, and so does the article around them with its source, views and archived time.
 */
import { describe, expect, it } from 'vitest';
import { extractHtml } from './dom-env.ts';
import { afterBlock, articleFixtures, bodyPlaces, withBlock } from './fixture-insert.ts';
import { collapse } from '../../src/core/text/normalize.ts';

const HEADLINES = {
  kk: ['Түркістанда жаңа әуежай терминалы салынады', 'Арал өңірінде жаңа тұщыту қондырғысы іске қосылды', 'Алматыда қоғамдық көлік тарифі өзгереді', 'Маңғыстауда жел электр станциясы салынады'],
  ru: ['Как изменятся тарифы на коммунальные услуги', 'Казахстанские школьники взяли золото олимпиады', 'В Шымкенте построят новый мост', 'Где в Алматы появятся новые парковки'],
};
const LABELS = { kk: ['Редакция ұсынады', 'Тақырып бойынша'], ru: ['Выбор редакции', 'Это интересно'] };
const SENTENCE = {
  kk: 'Толығырақ ақпаратты облыс әкімдігінің ресми сайтынан оқуға болады.',
  ru: 'Подробнее о проекте можно узнать на официальном сайте акимата области.',
};
const DATE = { kk: '30 Қаңтар 2026', ru: '30 января 2026' };

type Lang = keyof typeof HEADLINES;
const link = (lang: Lang, i: number) => `<a href="https://qazaq24.com/${lang === 'ru' ? 'ru/' : ''}news/1053${i}0-x">${HEADLINES[lang][i]}</a>`;

const ul = (lang: Lang) => `<ul>${HEADLINES[lang].map((_, i) => `<li>${link(lang, i)}</li>`).join('')}</ul>`;

/** Boxes of a label and its links, in the shapes a site might give them. */
const SHAPES: Record<string, (lang: Lang, label: string) => string> = {
  'a label and dated items, all <div>s': (lang, label) =>
    `<div><div>${label}</div>${HEADLINES[lang].map((_, i) => `<div>${link(lang, i)}<span>${DATE[lang]}</span></div>`).join('')}</div>`,
  'a heading over a <ul>': (lang, label) => `<div><h4>${label}</h4><ul>${HEADLINES[lang].map((_, i) => `<li>${link(lang, i)}</li>`).join('')}</ul></div>`,
  'a bold label and links between line breaks': (lang, label) => `<section><b>${label}:</b><br>${HEADLINES[lang].map((_, i) => link(lang, i)).join('<br>')}</section>`,
  'a line and a <ul> among the paragraphs': (lang, label) => `<div>${label}</div>${ul(lang)}`,
};

describe('a list of other articles under a label no list has', () => {
  for (const f of articleFixtures()) {
    const { gold } = f;
    for (const [shape, box] of Object.entries(SHAPES)) {
      for (const label of LABELS[gold.lang]) {
        it(`${f.name}: ${shape}, "${label}"`, () => {
          for (const at of bodyPlaces(gold)) {
            const out = extractHtml(withBlock(f.html, gold, at, box(gold.lang, label)), gold.url);
            const text = collapse(out.textContent);
            expect(text, `at block ${at}`).not.toContain(label);
            for (const h of HEADLINES[gold.lang]) expect(text, `at block ${at}`).not.toContain(h);
            for (const t of gold.text) expect(text, `at block ${at}`).toContain(collapse(t));
            expect([out.source?.url, out.views, out.archivedAt], `at block ${at}`).toEqual([gold.source.url, gold.views, gold.archivedAt]);
          }
        });
      }
    }

    it(`${f.name}: takes out a heading and its list after the body's last block, and keeps that block`, () => {
      const last = gold.text.length - 1;
      const label = LABELS[gold.lang][0]!;
      const text = collapse(extractHtml(afterBlock(f.html, gold, last, `<h3>${label}</h3>${ul(gold.lang)}`), gold.url).textContent);
      expect(text).not.toContain(label);
      for (const h of HEADLINES[gold.lang]) expect(text).not.toContain(h);
      for (const t of gold.text) expect(text).toContain(collapse(t));
    });

    it(`${f.name}: keeps the article's own heading where a list stands between it and its section`, () => {
      const heading = gold.lang === 'kk' ? 'Бекет құрылысының тарихы' : 'История строительства вокзала';
      for (const at of bodyPlaces(gold).filter((p) => p > 0)) {
        for (const h of [`<h3>${heading}</h3>`, `<p><strong>${heading}</strong></p>`]) {
          const text = collapse(extractHtml(withBlock(f.html, gold, at, `${h}${ul(gold.lang)}`), gold.url).textContent);
          expect(text, `${h} at block ${at}`).toContain(heading);
          for (const t of HEADLINES[gold.lang]) expect(text).not.toContain(t);
        }
      }
    });

    it(`${f.name}: takes out a bold line ending in a colon before a list, mid-body and after the last block`, () => {
      const label = gold.lang === 'kk' ? 'Күн жаңалықтары:' : 'Главное за день:';
      const box = `<p><strong>${label}</strong></p>${ul(gold.lang)}`;
      const last = gold.text.length - 1;
      const pages = [...bodyPlaces(gold).map((at) => withBlock(f.html, gold, at, box)), afterBlock(f.html, gold, last, box)];
      for (const html of pages) {
        const text = collapse(extractHtml(html, gold.url).textContent);
        expect(text).not.toContain(label.slice(0, -1));
        for (const h of HEADLINES[gold.lang]) expect(text).not.toContain(h);
        for (const t of gold.text) expect(text).toContain(collapse(t));
      }
    });

    // Paragraphs of prose that end a sentence: the first, one inside, the last.
    const prose = gold.text.flatMap((t, i) => (t.length > 100 && /[.!?…»"]$/.test(t) ? [i] : []));
    const proseAt = [...new Set([prose[0]!, prose[Math.floor(prose.length / 2)]!, prose[prose.length - 1]!])];

    it(`${f.name}: takes a read-also label and its link off the end of a paragraph, and keeps the paragraph`, () => {
      const label = gold.lang === 'kk' ? 'Сондай-ақ оқыңыз:' : 'Читайте также:';
      for (const at of proseAt) {
        const end = gold.text[at]!.slice(-25);
        // In the body, not in the head's description that may quote the same words.
        const where = f.html.indexOf(end, f.html.indexOf('<body'));
        expect(where).toBeGreaterThan(0);
        const html = `${f.html.slice(0, where + end.length)} ${label} ${link(gold.lang, 1)}${f.html.slice(where + end.length)}`;
        const text = collapse(extractHtml(html, gold.url).textContent);
        expect(text, `after block ${at}`).not.toContain(label.slice(0, -1));
        expect(text).not.toContain(HEADLINES[gold.lang][1]);
        for (const t of gold.text) expect(text).toContain(collapse(t));
      }
    });

    it(`${f.name}: keeps a read-also label inside a paragraph, where the paragraph goes on after its link or it links to nothing`, () => {
      const label = gold.lang === 'kk' ? 'Сондай-ақ оқыңыз:' : 'Читайте также:';
      const at = proseAt[Math.floor(proseAt.length / 2)]!;
      const end = gold.text[at]!.slice(-25);
      const after = gold.lang === 'kk' ? 'Бұл туралы кейін жазамыз.' : 'Об этом мы расскажем позже.';
      const where = f.html.indexOf(end, f.html.indexOf('<body'));
      expect(where).toBeGreaterThan(0);
      for (const glued of [`${label} ${link(gold.lang, 1)} ${after}`, `${label} ${after}`]) {
        const html = `${f.html.slice(0, where + end.length)} ${glued}${f.html.slice(where + end.length)}`;
        const text = collapse(extractHtml(html, gold.url).textContent);
        expect(text, glued).toContain(after);
        expect(text, glued).toContain(collapse(gold.text[at]!));
      }
    });

    if (gold.lang === 'ru') {
      it(`${f.name}: takes out a read-also line whose words come in the other order`, () => {
        for (const label of ['Также читайте:', 'Ещё читайте:', 'Также смотрите:']) {
          for (const at of bodyPlaces(gold)) {
            const text = collapse(extractHtml(withBlock(f.html, gold, at, `<p>${label} ${link('ru', 0)}</p>`), gold.url).textContent);
            expect(text, `${label} at block ${at}`).not.toContain(label.slice(0, -1));
            expect(text).not.toContain(HEADLINES.ru[0]);
            for (const t of gold.text) expect(text).toContain(collapse(t));
          }
        }
      });
    }

    it(`${f.name}: keeps the body's last short line (its dateline) before a list with no label`, () => {
      const last = gold.text.length - 1;
      const text = collapse(extractHtml(afterBlock(f.html, gold, last, ul(gold.lang)), gold.url).textContent);
      for (const h of HEADLINES[gold.lang]) expect(text).not.toContain(h);
      for (const t of gold.text) expect(text).toContain(collapse(t));
    });

    it(`${f.name}: keeps a sentence that stands in a box with such links`, () => {
      const lang = gold.lang;
      const box = `<div><p>${SENTENCE[lang]}</p>${ul(lang)}</div>`;
      for (const at of bodyPlaces(gold)) {
        const text = collapse(extractHtml(withBlock(f.html, gold, at, box), gold.url).textContent);
        expect(text, `at block ${at}`).toContain(SENTENCE[lang]);
        for (const t of gold.text) expect(text, `at block ${at}`).toContain(collapse(t));
      }
    });
  }
});
