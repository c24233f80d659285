/** Addresses on the reader's own machine or network, told by the host as written. */
import { describe, expect, it } from 'vitest';
import { JSDOM } from 'jsdom';
import { isLocalAddress } from '../../src/core/local-address.ts';
import { sanitizeHtml } from '../../src/core/sanitize.ts';
import { extractHtml, page } from './dom-env.ts';

const LOCAL = [
  'http://127.0.0.1/a.png',
  'http://127.1.2.3:8080/a.png',
  'http://2130706433/a.png', // 127.0.0.1 written as one number
  'http://0x7f.1/a.png',
  'http://0177.0.0.1/a.png',
  'http://0.0.0.0/a.png',
  'http://10.0.0.1/a.png',
  'http://172.16.0.1/a.png',
  'http://172.31.255.254/a.png',
  'http://192.168.1.1/cgi-bin/reboot',
  'http://169.254.169.254/latest/meta-data/',
  'http://100.64.0.1/a.png',
  'http://224.0.0.1/a.png',
  'http://255.255.255.255/a.png',
  'http://[::1]/a.png',
  'http://[::]/a.png',
  'http://[::ffff:127.0.0.1]/a.png',
  'http://[::ffff:c0a8:101]/a.png',
  'http://[fc00::1]/a.png',
  'http://[fd12:3456::1]/a.png',
  'http://[fe80::1]/a.png',
  'http://[64:ff9b::a00:1]/a.png',
  'http://[2002:c0a8:101::1]/a.png',
  'http://localhost/a.png',
  'http://LOCALHOST./a.png',
  'http://api.localhost/a.png',
  'http://router.lan/a.png',
  'http://printer.local/a.png',
  'http://metadata.google.internal/a.png',
  'http://nas.home.arpa/a.png',
  'http://router/a.png',
  'not a url',
];

const PUBLIC = [
  'http://qazaq24.com/storage/a.png',
  'https://www.inform.kz/a.png',
  'https://cdn.example.kz/local/a.png', // "local" in the path, not the host
  'https://lan.example.com/a.png',
  'https://local.kz/a.png',
  'http://8.8.8.8/a.png',
  'http://172.32.0.1/a.png',
  'http://192.169.0.1/a.png',
  'http://100.128.0.1/a.png',
  'http://[2a00:1450:4001::1]/a.png',
  'http://[::ffff:8.8.8.8]/a.png',
  'http://news.example.test/a.png',
];

describe('isLocalAddress', () => {
  it.each(LOCAL)('%s is local', (url) => expect(isLocalAddress(url)).toBe(true));
  it.each(PUBLIC)('%s is not', (url) => expect(isLocalAddress(url)).toBe(false));
});

describe('the sanitizer and the extractor leave out images at local addresses', () => {
  const dom = new JSDOM('<!doctype html><body></body>', { url: 'https://qazaq24.com/' });
  const win = dom.window as unknown as Window;

  it('drops the <img> and keeps the text and the public image', () => {
    const html = sanitizeHtml(
      '<p>Мәтін</p><img src="http://127.0.0.1:9/x.png" alt="a"><img src="http://router.lan/y.png"><img src="http://[::1]/z.png"><img src="https://qazaq24.com/ok.png" alt="ok">',
      win,
    );
    expect(html).toContain('Мәтін');
    expect(html).toContain('https://qazaq24.com/ok.png');
    expect(html).not.toMatch(/127\.0\.0\.1|router\.lan|\[::1\]/);
  });

  it('keeps blob: images (a saved article shows its stored copies)', () => {
    expect(sanitizeHtml('<img src="blob:https://qazaq24.com/0b1c">', win)).toContain('blob:');
  });

  it('lists no local image among the article\'s images', () => {
    const para = '<p>Бұл мақаланың мәтіні жеткілікті ұзын болуы керек, сондықтан бірнеше сөйлем жазылды.</p>'.repeat(6);
    const article = extractHtml(
      page(`<article><h1>Тақырып</h1>${para}<img src="http://192.168.1.1/cam.jpg"><img src="http://printer.local/p.jpg"><img src="https://news.example.kz/ok.jpg">${para}</article>`),
      'https://news.example.kz/2026/02/article',
    );
    expect(article.isArticle).toBe(true);
    expect(article.images).toEqual(['https://news.example.kz/ok.jpg']);
    expect(article.contentHtml).not.toMatch(/192\.168|printer\.local/);
  });
});
