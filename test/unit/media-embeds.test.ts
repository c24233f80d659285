/**
 * Media that belongs to the article: embeds as link cards written anew from the post's ID (and
 * never a frame or a script), the card's mark kept only where Oqy put it, pictures of AMP pages
 * and <noscript> copies, and sliders with every picture once and in order.
 */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { embedFromUrl, embedsToCards, isEmbedCard } from '../../src/core/clean/embeds.ts';
import { blockText } from '../../src/core/dom.ts';
import { ampImagesToImg, dedupeImages, removeSlideCounters, useNoscriptImages } from '../../src/core/clean/media.ts';
import { resolveImages } from '../../src/core/clean/images.ts';
import { sanitizeHtml } from '../../src/core/sanitize.ts';
import { extractHtml } from './dom-env.ts';
import { articleFixtures } from './fixture-insert.ts';
import { collapse } from '../../src/core/text/normalize.ts';

const BASE = 'https://qazaq24.com/news/x-1000001';
const dom = new JSDOM('<!doctype html><body></body>', { url: BASE });
const win = dom.window as unknown as Window & typeof globalThis;

function root(html: string): HTMLElement {
  const el = win.document.createElement('div');
  el.innerHTML = html;
  return el;
}

describe('embeds', () => {
  it('name the post behind each platform’s embed address', () => {
    const cases: Array<[string, string | null]> = [
      ['https://www.youtube.com/embed/Zx9aB3cD4eF?autoplay=1', 'https://www.youtube.com/watch?v=Zx9aB3cD4eF'],
      ['//www.youtube-nocookie.com/embed/Qw8eR7tY6uI', 'https://www.youtube.com/watch?v=Qw8eR7tY6uI'],
      ['https://youtu.be/Qw8eR7tY6uI', 'https://www.youtube.com/watch?v=Qw8eR7tY6uI'],
      ['https://t.me/qazaq24news/1234?embed=1', 'https://t.me/qazaq24news/1234'],
      ['https://www.instagram.com/p/C9xYz12AbCd/embed/captioned/', 'https://www.instagram.com/p/C9xYz12AbCd/'],
      ['https://twitter.com/minzdrav_kz/status/1887654321098765432?ref_src=twsrc', 'https://x.com/minzdrav_kz/status/1887654321098765432'],
      ['https://platform.twitter.com/embed/Tweet.html?id=1887654321098765432', 'https://x.com/i/status/1887654321098765432'],
      ['https://player.vimeo.com/video/76979871', 'https://vimeo.com/76979871'],
      ['https://googleads.g.doubleclick.net/pagead/ads?client=1', null],
      ['https://t.me/share/url?url=https://qazaq24.com', null],
      ['https://www.youtube.com/embed/<script>', null],
      ['javascript:alert(1)', null],
    ];
    for (const [src, want] of cases) expect(embedFromUrl(src, BASE)?.url ?? null, src).toBe(want);
  });

  it('become link cards, and every other frame, object and script goes', () => {
    const el = root(
      '<p>Мәтін</p>' +
        '<iframe src="https://www.youtube.com/embed/Zx9aB3cD4eF" title="Жаңа бекет" srcdoc="<script>alert(1)</script>" onload="alert(2)"></iframe>' +
        '<iframe src="https://an.yandex.ru/meta/1"></iframe><object data="https://evil.test/x.swf"></object><embed src="https://evil.test/x">' +
        '<script async src="https://telegram.org/js/telegram-widget.js" data-telegram-post="qazaq24news/1234"></script>' +
        '<script data-telegram-post="../../evil"></script><script>alert(3)</script>' +
        '<amp-youtube data-videoid="Hj5kL0pQ2rS"></amp-youtube><video src="javascript:alert(4)"></video>',
    );
    const cards = embedsToCards(el, BASE);
    expect(cards.map((c) => [c.getAttribute('data-oqy-embed'), c.querySelector('a')?.getAttribute('href'), c.textContent])).toEqual([
      ['telegram', 'https://t.me/qazaq24news/1234', 'Telegramt.me/qazaq24news/1234'],
      ['youtube', 'https://www.youtube.com/watch?v=Hj5kL0pQ2rS', 'YouTubeyoutube.com/watch?v=Hj5kL0pQ2rS'],
      ['youtube', 'https://www.youtube.com/watch?v=Zx9aB3cD4eF', 'YouTube: Жаңа бекетyoutube.com/watch?v=Zx9aB3cD4eF'],
    ]);
    expect(el.querySelector('iframe, object, embed, script, video, amp-youtube')).toBeNull();
    expect(el.innerHTML).not.toMatch(/alert|srcdoc|onload|yandex|evil/);
  });

  it('turn quoted posts into cards with their own words as the title', () => {
    const el = root(
      '<blockquote class="twitter-tweet"><p lang="ru">Сегодня открылся центр.</p>— Минздрав (@mz) <a href="https://twitter.com/mz/status/123456789">5 февраля</a></blockquote>' +
        '<blockquote data-instgrm-permalink="https://www.instagram.com/reel/AbC_12-x/?utm_source=ig"><p>Жаңа саябақ</p></blockquote>' +
        '<blockquote cite="https://www.tiktok.com/@robo_kz/video/7330000000000000000"><section><a href="https://www.tiktok.com/@robo_kz">@robo_kz</a> Мой робот из старого принтера <a href="https://www.tiktok.com/tag/robot">#robot</a> <a href="https://www.tiktok.com/music/x">♬ original sound</a></section></blockquote>' +
        '<blockquote><p>«Бұл — әдеттегі дәйексөз», – деді ол.</p></blockquote>' +
        '<blockquote cite="https://www.youtube.com/watch?v=Zx9aB3cD4eF"><p>Дәйексөз бейнеден алынды.</p></blockquote>',
    );
    const cards = embedsToCards(el, BASE);
    expect(cards.map((c) => c.querySelector('a')?.textContent)).toEqual(['X: Сегодня открылся центр.', 'Instagram: Жаңа саябақ', 'TikTok: Мой робот из старого принтера']);
    expect(cards[2]!.querySelector('a')?.getAttribute('href')).toBe('https://www.tiktok.com/embed/v2/7330000000000000000');
    expect(el.textContent).not.toContain('original sound');
    // Quotations stay quotations, whatever they cite.
    expect(el.textContent).toContain('әдеттегі дәйексөз');
    expect(el.textContent).toContain('Дәйексөз бейнеден алынды.');
  });

  it('stay out of the article’s text, and the page cannot use their mark to hide its own', () => {
    const el = root('<p>Бірінші</p><figure data-oqy-embed="youtube"><p>Жасырын мәтін</p></figure><iframe src="https://www.youtube.com/embed/Zx9aB3cD4eF"></iframe><p>Екінші</p>');
    embedsToCards(el, BASE);
    expect(blockText(el, isEmbedCard)).toBe('Бірінші\nЖасырын мәтін\nЕкінші');
  });

  it('keep their mark through the sanitizer on a figure only', () => {
    const out = sanitizeHtml('<figure data-oqy-embed="youtube"><a href="https://www.youtube.com/watch?v=a">YouTube</a></figure><p data-oqy-embed="x">p</p><figure data-oqy-embed="a b">f</figure>', win);
    expect(out).toContain('<figure data-oqy-embed="youtube">');
    expect(out).not.toMatch(/<p data-oqy-embed|data-oqy-embed="a b"/);
  });

  it('show in the extracted body, not in its text', () => {
    const paragraph = 'Алматы метрополитенінің жаңа бекеті жолаушыларды қабылдай бастады, ал бекеттің құрылысы екі жылға созылды.';
    const out = extractHtml(
      `<!doctype html><html lang="kk"><head><title>Метро - Qazaq24.com</title></head><body><h1>Метро</h1><div><p>${paragraph}</p><iframe src="https://www.youtube.com/embed/Zx9aB3cD4eF" title="Бекет"></iframe><p>${paragraph}</p></div><div>Көрілімдер:5</div><div>Дереккөз: <a href="https://egemen.kz">egemen.kz</a></div></body></html>`,
      BASE,
    );
    expect(out.contentHtml).toMatch(/<figure data-oqy-embed="youtube"><a href="https:\/\/www\.youtube\.com\/watch\?v=Zx9aB3cD4eF"[^>]*>YouTube: Бекет<\/a>/);
    expect(out.textContent).not.toMatch(/YouTube|youtube/);
  });
});

describe('pictures', () => {
  it('of an AMP page become images, their noscript copies gone', () => {
    const el = root('<amp-img src="/storage/a.jpg" width="800" height="533" alt="А" layout="responsive"><noscript><img src="/storage/a.jpg"></noscript></amp-img>');
    ampImagesToImg(el);
    useNoscriptImages(el, BASE);
    resolveImages(el, BASE);
    expect(el.innerHTML).toBe('<img src="https://qazaq24.com/storage/a.jpg" alt="А" width="800" height="533">');
  });

  it('take their noscript copy where the placeholder has no address, as parsed or as raw text', () => {
    const parsed = root('<div><img src="/assets/blank.gif" alt=""><noscript><img src="/storage/b.jpg" alt="Б"></noscript></div>');
    useNoscriptImages(parsed, BASE);
    resolveImages(parsed, BASE);
    expect(parsed.innerHTML).toBe('<div><img src="https://qazaq24.com/storage/b.jpg" alt="Б"></div>');
    // With scripting on (a live page), <noscript> holds its HTML as text.
    const raw = root('<div><img src="data:image/gif;base64,R0lG"><noscript></noscript></div>');
    raw.querySelector('noscript')!.textContent = '<img src="/storage/c.jpg" srcset="/storage/c-2x.jpg 2x" alt="В &amp; Г">';
    useNoscriptImages(raw, BASE);
    resolveImages(raw, BASE);
    expect(raw.innerHTML).toBe('<div><img src="https://qazaq24.com/storage/c.jpg" alt="В &amp; Г"></div>');
    const alone = root('<p><noscript><img src="/storage/d.jpg"></noscript></p>');
    useNoscriptImages(alone, BASE);
    expect(alone.innerHTML).toBe('<p><img src="https://qazaq24.com/storage/d.jpg"></p>');
  });

  it('of a looping slider show once, in the slider’s order', () => {
    const slide = (n: number) => `<div><img src="https://qazaq24.com/storage/s${n}.jpg"><p>Сурет ${n}</p></div>`;
    const el = root(`<div>${[3, 1, 2, 3, 1].map(slide).join('')}</div><p>Мәтін</p>`);
    dedupeImages(el);
    expect(Array.from(el.querySelectorAll('img'), (i) => i.getAttribute('src'))).toEqual([1, 2, 3].map((n) => `https://qazaq24.com/storage/s${n}.jpg`));
    expect(el.textContent).toBe('Сурет 1Сурет 2Сурет 3Мәтін');
    const twoEach = root(`<div>${[2, 3, 1, 2, 3, 1, 2].map(slide).join('')}</div>`);
    dedupeImages(twoEach);
    expect(twoEach.textContent).toBe('Сурет 1Сурет 2Сурет 3');
  });

  it('keep one picture shown twice with different captions, and drop a bare repeat', () => {
    const el = root('<figure><img src="https://qazaq24.com/storage/a.jpg"><figcaption>Бірінші</figcaption></figure><p>Мәтін</p><figure><img src="https://qazaq24.com/storage/a.jpg"><figcaption>Екінші</figcaption></figure><p><img src="https://qazaq24.com/storage/b.jpg"></p><p><img src="https://qazaq24.com/storage/b.jpg"></p>');
    dedupeImages(el);
    expect(el.textContent).toBe('БіріншіМәтінЕкінші');
    expect(el.querySelectorAll('img[src$="b.jpg"]').length).toBe(1);
  });

  it('leave a strip of thumbnails out when bigger pictures are there', () => {
    const el = root('<div><img src="https://qazaq24.com/storage/a.jpg" width="800" height="533"><div><img src="https://qazaq24.com/storage/a-t.jpg" width="100" height="67"><img src="https://qazaq24.com/storage/b-t.jpg" width="100" height="67"></div></div>');
    dedupeImages(el);
    expect(Array.from(el.querySelectorAll('img'), (i) => i.getAttribute('src'))).toEqual(['https://qazaq24.com/storage/a.jpg']);
    const onlySmall = root('<div><img src="https://qazaq24.com/storage/a-t.jpg" width="100" height="67"><img src="https://qazaq24.com/storage/b-t.jpg" width="100" height="67"></div>');
    dedupeImages(onlySmall);
    expect(onlySmall.querySelectorAll('img').length).toBe(2);
  });

  it('leave a slide\'s counter out, and keep a count or a fraction in the text', () => {
    const slide = (n: number) => `<figure><img src="https://qazaq24.com/storage/g${n}.jpg"><span>${n} / 3</span><figcaption>Сурет ${n}</figcaption></figure>`;
    const el = root(`${[1, 2, 3].map(slide).join('')}<div><img src="https://qazaq24.com/storage/h.jpg"><div>2 из 5</div></div><p>1/3</p><p>Дауыс беру нәтижесі: 3 / 4</p><figure><img src="https://qazaq24.com/storage/k.jpg"><figcaption>5 / 3</figcaption></figure>`);
    removeSlideCounters(el);
    expect(blockText(el).split('\n').filter(Boolean)).toEqual(['Сурет 1', 'Сурет 2', 'Сурет 3', '1/3', 'Дауыс беру нәтижесі: 3 / 4', '5 / 3']);
    expect(el.querySelectorAll('img').length).toBe(5);
    // A review's score beside its stars stands alone: no slides around it.
    const rating = root('<p>Мәтін бірінші абзац.</p><p><img src="https://qazaq24.com/storage/stars4.png"> <strong>4/5</strong></p><p>Мәтін екінші абзац.</p>');
    removeSlideCounters(rating);
    expect(rating.textContent).toContain('4/5');
  });
});

describe('the lead picture', () => {
  for (const f of articleFixtures()) {
    it(`${f.name}: is kept where it stands between the title and the lead`, () => {
      const src = 'https://qazaq24.com/storage/news/2026/02/lead-picture.jpg';
      const html = f.html.replace(/(<div class="post__lead">)/, `<div class="post__img"><img src="${src}" alt=""></div>$1`);
      expect(html).toContain(src);
      const out = extractHtml(html, f.gold.url);
      expect(out.images[0]).toBe(src);
      const text = collapse(out.textContent);
      for (const t of f.gold.text) expect(text).toContain(collapse(t));
      expect(text).not.toMatch(/парақшасынан алынған|публикует новость/);
      expect([out.source, out.views, out.archivedAt]).toEqual([f.gold.source, f.gold.views, f.gold.archivedAt]);
    });
  }
});
