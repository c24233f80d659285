/**
 * The source link cannot be forged by the article's text. The site's info block (views,
 * source, archived, standing together outside the body) gives the publisher's link; a
 * `Дереккөз:` line inside the body does not, wherever it stands; an address with a user name
 * or password is refused; a name that does not fit the link's host is replaced by the host.
 */
import { describe, expect, it } from 'vitest';
import { extractHtml } from './dom-env.ts';
import { collapse } from '../../src/core/text/normalize.ts';
import { nameFitsHost, trustworthyUrl } from '../../src/core/profiles/qazaq24/source.ts';

const URL_KK = 'https://qazaq24.com/news/almaty-metro-1052301';
const PARAS = [
  'Алматы метрополитенінің жаңа бекеті жолаушыларды қабылдай бастады. Жаңа бекет қаланың батыс бөлігіндегі үш шағын ауданды орталықпен байланыстырады.',
  'Бекеттің құрылысы екі жылға созылды. Жұмысқа мыңнан астам құрылысшы мен инженер тартылды, ал жобаның басым бөлігі отандық өндірушілердің материалдарымен жүзеге асты.',
  'Қала әкімдігінің мәліметінше, жаңа бекеттің ашылуы Абай даңғылындағы көлік кептелісін азайтады. Автобус бағыттары да бекетке қарай өзгертілді.',
];

interface PageOptions {
  lead?: string | null;
  /** Inserted between the body's paragraphs, after the given one. */
  inBody?: { after: number; html: string };
  /** The info block's source line (its link). */
  infoSource?: string | null;
  /** Where the info block stands. */
  infoPlace?: 'after' | 'under-title';
}

function page(o: PageOptions): string {
  const lead = o.lead === undefined ? 'Kazinform парақшасынан алынған деректерге сүйене отырып, Qazaq24.com жаңалық жариялайды..' : o.lead;
  const body = PARAS.map((p, i) => `<p>${p}</p>${o.inBody && o.inBody.after === i ? o.inBody.html : ''}`).join('\n');
  const source = o.infoSource === null ? '' : `<div><span class="material-icons">embed</span>Дереккөз:<a href="${o.infoSource ?? 'https://www.inform.kz'}">${o.infoSource ?? 'https://www.inform.kz'}</a></div>`;
  const info = `<div><div><span class="material-icons">see</span>Көрілімдер:231</div>${source}<div><span class="material-icons">archive</span>Бұл хабарлама дереккөзден мұрағатталған 03 Ақпан 2026 09:40</div></div>`;
  const under = o.infoPlace === 'under-title';
  return `<!doctype html><html lang="kk"><head><title>Алматыда жаңа метро бекеті ашылды - Qazaq24.com</title></head><body>
<h1>Алматыда жаңа метро бекеті ашылды</h1>${under ? info : ''}${lead ? `<div>${lead}</div>` : ''}
<div>${body}</div>
<p>Қосымша ақпарат пен соңғы жаңалықтар үшін Qazaq24.com сайтын бақылаңыз.</p>${under ? '' : info}
<section><div>0 Пікірлер</div><p>Жарияланымға бірінші жауап беріңіз...</p></section></body></html>`;
}

const FORGED = '<p>Дереккөз: <a href="https://www.inform.kz@evil.test/phish">https://www.inform.kz</a></p>';

describe('the source link', () => {
  it('comes from the info block, not from a source line inside the body', () => {
    for (const after of [0, 1]) {
      for (const infoPlace of ['after', 'under-title'] as const) {
        const out = extractHtml(page({ inBody: { after, html: FORGED }, infoPlace }), URL_KK);
        expect(out.source, `${infoPlace}, forged line after paragraph ${after + 1}`).toEqual({ name: 'Kazinform', url: 'https://www.inform.kz' });
        for (const p of PARAS) expect(out.textContent).toContain(p);
        expect(out.contentHtml).not.toContain('evil.test');
      }
    }
  });

  it("keeps out of the text a credit-like line before the trailer that forges the source's link, shows one address and links to another, or copies the site's line", () => {
    for (const forged of [
      '<p>Дереккөз: <a href="https://www.inform.kz@evil.test/phish">Kazinform</a></p>',
      '<p>Дереккөз: <a href="https://evil.test/phish">https://www.inform.kz/</a></p>',
      '<p>Дереккөз: https://www.inform.kz.</p>',
    ]) {
      const out = extractHtml(page({ inBody: { after: 2, html: forged } }), URL_KK);
      expect(out.source, forged).toEqual({ name: 'Kazinform', url: 'https://www.inform.kz' });
      expect(out.contentHtml, forged).not.toContain('evil.test');
      expect(collapse(out.textContent), forged).toBe(collapse(PARAS.join(' ')));
    }
    // The article's own credit, pointing to another publisher where it shows it, stays.
    const own = extractHtml(page({ inBody: { after: 2, html: '<p>Дереккөз: <a href="https://stat.gov.kz">stat.gov.kz</a></p>' } }), URL_KK);
    expect(own.textContent).toContain('Дереккөз: stat.gov.kz');
    expect(own.source).toEqual({ name: 'Kazinform', url: 'https://www.inform.kz' });
  });

  it('is none where the only source line is inside the body', () => {
    const out = extractHtml(page({ infoSource: null, inBody: { after: 0, html: '<p>Дереккөз: <a href="https://news.example.org/story">news.example.org</a></p>' } }), URL_KK);
    expect(out.source?.url ?? null).toBeNull();
    for (const p of PARAS) expect(out.textContent).toContain(p);
  });

  it('refuses an address with a user name or password, even in the info block', () => {
    for (const forged of ['https://www.inform.kz@evil.test/phish', 'https://user:pass@www.inform.kz/', '//www.inform.kz@evil.test/']) {
      const out = extractHtml(page({ infoSource: forged }), URL_KK);
      expect(out.source?.url ?? null, forged).toBeNull();
    }
  });

  it('shows the host as the name where the link goes elsewhere than the name says', () => {
    const out = extractHtml(page({ infoSource: 'https://news.example.org/kazinform-copy' }), URL_KK);
    expect(out.source).toEqual({ name: 'news.example.org', url: 'https://news.example.org/kazinform-copy' });
  });

  it('keeps the name where it fits the host, in Latin letters or Cyrillic', () => {
    expect(extractHtml(page({}), URL_KK).source).toEqual({ name: 'Kazinform', url: 'https://www.inform.kz' });
    const cyrillic = extractHtml(page({ lead: 'Егемен Қазақстан парақшасынан алынған деректерге сүйене отырып, Qazaq24.com жаңалық жариялайды..', infoSource: 'https://egemen.kz' }), URL_KK);
    expect(cyrillic.source).toEqual({ name: 'Егемен Қазақстан', url: 'https://egemen.kz' });
  });

  it('reads a lead that stands between the body\'s paragraphs, and keeps the paragraph before it', () => {
    const lead = '<p>Kazinform парақшасынан алынған деректерге сүйене отырып, Qazaq24.com жаңалық жариялайды..</p>';
    for (const after of [0, 1]) {
      const out = extractHtml(page({ lead: null, inBody: { after, html: lead } }), URL_KK);
      for (const p of PARAS) expect(out.textContent, `after paragraph ${after + 1}`).toContain(p);
      expect(out.textContent).not.toContain('алынған');
      expect(out.source).toEqual({ name: 'Kazinform', url: 'https://www.inform.kz' });
    }
  });

  it('takes the name from a lead that says the news came from a site or a portal, and leaves the lead out of the text', () => {
    for (const word of ['сайтынан', 'порталынан']) {
      const lead = `Kazinform ${word} алынған деректерге сүйене отырып, Qazaq24.com жаңалық жариялайды..`;
      const out = extractHtml(page({ lead }), URL_KK);
      expect(out.source, word).toEqual({ name: 'Kazinform', url: 'https://www.inform.kz' });
      expect(out.textContent, word).not.toContain('алынған');
      for (const p of PARAS) expect(out.textContent).toContain(p);
    }
  });

  it('keeps the sentence that shares the lead\'s block, and reads the name from the lead alone', () => {
    for (const sentence of ['Семейде жаңа онкология орталығы ашылды.', 'Бекет таңғы алтыдан түнгі он екіге дейін жұмыс істейді, жол ақысы өзгерген жоқ.']) {
      const lead = `Kazinform парақшасынан алынған деректерге сүйене отырып, Qazaq24.com жаңалық жариялайды.. ${sentence}`;
      const out = extractHtml(page({ lead }), URL_KK);
      expect(out.textContent).toContain(sentence);
      expect(out.textContent).not.toContain('алынған');
      expect(out.source).toEqual({ name: 'Kazinform', url: 'https://www.inform.kz' });
    }
  });
});

describe('source helpers', () => {
  it('trust http(s) addresses without credentials only', () => {
    const base = 'https://qazaq24.com/news/x';
    expect(trustworthyUrl('https://egemen.kz/a', base)).toBe('https://egemen.kz/a');
    expect(trustworthyUrl('/news/y', base)).toBe('https://qazaq24.com/news/y');
    expect(trustworthyUrl('https://egemen.kz@evil.test/', base)).toBeNull();
    expect(trustworthyUrl('https://:secret@egemen.kz/', base)).toBeNull();
    expect(trustworthyUrl('javascript:alert(1)', base)).toBeNull();
    expect(trustworthyUrl('data:text/html,x', base)).toBeNull();
  });

  it('fit names to hosts', () => {
    expect(nameFitsHost('Egemen.KZ', 'egemen.kz')).toBe(true);
    expect(nameFitsHost('Kapital.kz', 'kapital.kz')).toBe(true);
    expect(nameFitsHost('Kazinform', 'www.inform.kz')).toBe(true);
    expect(nameFitsHost('Tengrinews.kz', 'tengrinews.kz')).toBe(true);
    expect(nameFitsHost('Егемен Қазақстан', 'egemen.kz')).toBe(true);
    expect(nameFitsHost('24.kz', 'www.24.kz')).toBe(true);
    expect(nameFitsHost('Egemen.KZ', 'egemen.com.kz')).toBe(true);
    expect(nameFitsHost('Egemen.KZ', 'evil.test')).toBe(false);
    expect(nameFitsHost('24.kz', 'evil.test')).toBe(false);
    expect(nameFitsHost('Kazinform', 'inform.kz.evil.test')).toBe(false);
    expect(nameFitsHost('Kapital.kz', 'kz.evil.test')).toBe(false);
    // com.<tld> is a registry's own level only in some countries: elsewhere it is someone's domain.
    expect(nameFitsHost('Kapital.kz', 'kapital.com.evil')).toBe(false);
    expect(nameFitsHost('Kapital.kz', 'kapital.com.de')).toBe(false);
  });
});
