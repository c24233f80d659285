/**
 * A saved page's bytes read as text: by its byte-order mark, its XML declaration or `<meta>`,
 * as UTF-8 where its bytes are UTF-8 whatever it declares, and by its bytes where it declares
 * nothing (Russian and Ukrainian in windows-1251 or KOI8-R, Chinese in GBK or Big5, Japanese in
 * Shift_JIS, Korean in EUC-KR, Greek, Polish in ISO-8859-2, French in windows-1252), and as
 * UTF-8 where only a stray byte breaks it.
 */
import { describe, expect, it } from 'vitest';
import { declaredCharset, decodePage } from '../../src/cli/decode-page.ts';

/** Text to a legacy encoding's bytes, by a reverse table built from the platform's own decoder. */
function encode(charset: string, text: string): Uint8Array {
  const decoder = new TextDecoder(charset, { fatal: true });
  const table = new Map<string, number[]>();
  const learn = (bytes: number[]) => {
    try {
      const ch = decoder.decode(new Uint8Array(bytes));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, bytes);
    } catch {
      // not a character in this encoding
    }
  };
  for (let b = 0x80; b <= 0xff; b++) learn([b]);
  for (let lead = 0x81; lead <= 0xfe; lead++) for (let trail = 0x40; trail <= 0xfe; trail++) learn([lead, trail]);
  const out: number[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out.push(c);
    else {
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`${ch} has no bytes in ${charset}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

const page = (head: string, title: string, text: string) =>
  `<html><head>${head}<title>${title}</title></head><body><h1>${title}</h1><p>${text}</p></body></html>`;

const RU = ['В Москве прошёл снегопад', 'Сильный снегопад, который начался в субботу вечером, парализовал движение на многих улицах столицы. Коммунальные службы вывели на улицы более десяти тысяч единиц техники.'] as const;
const ZH = ['北京今冬首场降雪带来交通压力', '新华网北京1月5日电（记者王明）北京市气象台4日晚发布消息，今冬首场降雪于5日凌晨开始，城区大部分地区出现小到中雪，部分路段出现积雪和结冰现象。'] as const;
const TW = ['台北今冬首場寒流來襲', '中央氣象局表示，受到強烈大陸冷氣團影響，台北市今天清晨氣溫降至攝氏十度以下，民眾出門應注意保暖，週末期間各地仍有低溫特報。'] as const;
const EL = ['Χιόνια στην Αθήνα', 'Πυκνές χιονοπτώσεις σημειώθηκαν το πρωί της Τρίτης σε πολλές περιοχές της Αττικής, προκαλώντας προβλήματα στην κυκλοφορία.'] as const;
const JA = ['東京で今冬初めての積雪', '東京都心では五日朝、今冬初めての積雪を観測した。気象庁によると、交通機関に遅れが出ており、路面の凍結に注意するよう呼びかけている。'] as const;
const KO = ['서울에 첫눈이 내렸다', '서울에 올겨울 첫눈이 내렸다. 기상청은 오늘 아침 서울 종로구 기상관측소에서 눈이 관측됐다고 밝혔다. 이는 지난해보다 일주일가량 늦은 것이다.'] as const;
const PL = ['Śnieg w Krakowie', 'Pierwszy śnieg spadł w nocy na ulice Krakowa. Służby miejskie wyjechały na drogi, a kierowcy muszą się liczyć z utrudnieniami aż do środy.'] as const;
const UK = ['Сніг у Києві', 'Перший сніг випав уночі на вулицях Києва. Комунальні служби вивели техніку, а водіїв просять бути обережними на дорогах до середи.'] as const;
const FR = ['La neige arrive à Paris', "Les météorologues prévoient des chutes de neige importantes dès vendredi soir, à l'exception du littoral."] as const;

describe('decodePage', () => {
  it.each([
    ['Russian in windows-1251', 'windows-1251', RU],
    ['Russian in KOI8-R', 'koi8-r', RU],
    ['Chinese in GBK', 'gbk', ZH],
    ['Chinese in Big5', 'big5', TW],
    ['Greek in windows-1253', 'windows-1253', EL],
    ['French in windows-1252', 'windows-1252', FR],
    ['Japanese in Shift_JIS', 'shift_jis', JA],
    ['Korean in EUC-KR', 'euc-kr', KO],
    ['Polish in ISO-8859-2', 'iso-8859-2', PL],
    ['Ukrainian in windows-1251', 'windows-1251', UK],
  ])('reads %s with no declaration by its bytes', (_, charset, [title, text]) => {
    const html = page('', title, text);
    const bytes = encode(charset, html);
    expect(new TextDecoder('utf-8').decode(bytes)).not.toContain(title);
    expect(decodePage(bytes)).toBe(html);
  });

  it.each([
    ['a <meta charset>', '<meta charset="koi8-r">'],
    ['an http-equiv <meta>', '<meta http-equiv="Content-Type" content="text/html; charset=koi8-r">'],
  ])('reads the charset named by %s', (_, head) => {
    const html = page(head, ...RU);
    expect(decodePage(encode('koi8-r', html))).toBe(html);
  });

  it('reads the encoding of an XML declaration', () => {
    const html = `<?xml version="1.0" encoding="gb2312"?>\n${page('', ...ZH)}`;
    expect(declaredCharset(encode('gbk', html))).toBe('gb2312');
    expect(decodePage(encode('gbk', html))).toBe(html);
  });

  it('reads a page kept as UTF-8 under its old declaration as UTF-8', () => {
    const html = page('<meta charset="windows-1251">', ...RU);
    expect(decodePage(new TextEncoder().encode(html))).toBe(html);
  });

  it('finds a declaration after a long head of scripts, but not one inside a script or after the body starts', () => {
    const script = `<script>var s = '${'x'.repeat(3000)}'; document.write('<meta charset="big5">');</script>`;
    expect(declaredCharset(new TextEncoder().encode(`<html><head>${script}<meta charset="koi8-r"></head><body></body></html>`))).toBe('koi8-r');
    expect(declaredCharset(new TextEncoder().encode(`<html><head>${script}</head><body><meta charset="koi8-r"></body></html>`))).toBeNull();
    expect(declaredCharset(new TextEncoder().encode('<html><head><!-- <meta charset="big5"> --></head></html>'))).toBeNull();
  });

  it('reads undeclared UTF-8 with a stray byte as UTF-8, not as a legacy encoding', () => {
    const html = page('', ...RU);
    const utf8 = new TextEncoder().encode(html);
    const at = utf8.indexOf(0x20, utf8.length / 2);
    const stray = new Uint8Array([...utf8.subarray(0, at), 0x96, ...utf8.subarray(at)]);
    const read = decodePage(stray);
    expect(read).toContain(RU[0]);
    expect(read.replace('\ufffd', '')).toBe(html);
  });

  it('keeps a byte-order mark over any declaration', () => {
    const html = page('<meta charset="windows-1251">', ...RU);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(html)]);
    expect(decodePage(bytes)).toBe(html);
  });

  it('reads a page of ASCII alone, and an unknown declaration as UTF-8', () => {
    expect(decodePage(new TextEncoder().encode('<p>plain</p>'))).toBe('<p>plain</p>');
    const html = page('<meta charset="x-no-such">', ...RU);
    expect(decodePage(new TextEncoder().encode(html))).toBe(html);
  });
});
