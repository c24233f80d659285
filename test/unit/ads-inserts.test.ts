/**
 * Advertising and inserts inside an article's body, case by case: what goes (labelled ads,
 * banner-sized pictures, sponsored links, cards, subscribe lines, share bars, tags, polls,
 * author cards) and what stays (the same words inside sentences, links inside sentences,
 * photos of ordinary sizes).
 */
import { describe, expect, it } from 'vitest';
import { extractHtml, parse } from './dom-env.ts';
import { isAdLabel, isBannerSized } from '../../src/core/clean/ads.ts';
import { isRelatedCard } from '../../src/core/clean/inserts.ts';

const URL_KK = 'https://qazaq24.com/news/shymkent-egis-1052302';
const P1 = 'Шымкент маңындағы шаруа қожалықтары көктемгі егіс науқанына кірісті. Биыл қала төңірегінде отыз мың гектардан астам жерге дәнді және майлы дақылдар егу жоспарланған.';
const P2 = 'Ауыл шаруашылығы басқармасының басшысы диқандарға жанар-жағармай мен тұқым уақытында жеткізілгенін айтты. Жеңілдетілген несие бағдарламасы аясында шаруаларға техника берілді.';
const P3 = 'Мамандардың айтуынша, былтырғы күзгі жауын-шашын топырақтың ылғалын жақсартқан. Бұл өнімділікке оң әсер етеді деп күтілуде, ал егіс сәуір айының соңына дейін аяқталады.';

/** An article page with `insert` between its second and third paragraphs. */
function page(insert: string): string {
  return `<!doctype html><html lang="kk"><head><title>Шымкентте егіс басталды - Qazaq24.com</title></head><body>
<h1>Шымкентте егіс басталды</h1>
<div>Egemen.KZ парақшасынан алынған деректерге сүйене отырып, Qazaq24.com жаңалық жариялайды..</div>
<div><p>${P1}</p><p>${P2}</p>${insert}<p>${P3}</p></div>
<div><div>Көрілімдер:87</div><div>Дереккөз:<a href="https://egemen.kz">https://egemen.kz</a></div><div>Бұл хабарлама дереккөзден мұрағатталған 03 Ақпан 2026 11:05</div></div>
</body></html>`;
}

function withInsert(insert: string) {
  const out = extractHtml(page(insert), URL_KK);
  for (const p of [P1, P2, P3]) expect(out.textContent, 'the article’s own paragraphs').toContain(p);
  return out;
}

const gone = (insert: string, ...words: string[]) => {
  const out = withInsert(insert);
  for (const w of words) expect(out.textContent, insert.slice(0, 80)).not.toContain(w);
  return out;
};
const kept = (insert: string, ...texts: string[]) => {
  const out = withInsert(insert);
  for (const t of texts) expect(out.textContent, insert.slice(0, 80)).toContain(t);
  return out;
};

describe('advertising', () => {
  it('takes out a labelled banner, its label above or below it, and its picture from the list', () => {
    for (const insert of [
      '<div><div>Жарнама</div><a href="https://ads.example.kz/c" rel="sponsored"><img src="https://cdn.example.kz/b.jpg" width="728" height="90"></a></div>',
      '<figure><a href="https://ads.example.kz/c"><img src="https://cdn.example.kz/b.jpg" width="300" height="250"></a><figcaption>Реклама</figcaption></figure>',
      '<p>ЖАРНАМА 18+</p><div><a href="https://ads.example.kz/c"><img src="https://cdn.example.kz/b.jpg" style="width: 970px; height: 250px"></a></div>',
      '<div><span>Advertisement</span><iframe src="https://googleads.g.doubleclick.net/x" width="300" height="600"></iframe></div>',
    ]) {
      const out = gone(insert, 'Жарнама', 'ЖАРНАМА', 'Реклама', 'Advertisement');
      expect(out.images).toEqual([]);
    }
  });

  it('takes out a sponsored card under a partner label, whatever is in it', () => {
    gone('<div>Серіктес материалы</div><div><a href="https://partner.example.kz/"><img src="https://partner.example.kz/i.jpg" alt=""></a><a href="https://partner.example.kz/">Пәтерге ипотеканы 5 пайызбен рәсімдеңіз</a></div>', 'Серіктес', 'ипотеканы');
    gone('<div><small>На правах рекламы</small><p><a href="https://bank.example.kz/">Кредит на ремонт квартиры без комиссии</a></p></div>', 'правах', 'Кредит');
  });

  it('takes out an advertisement in words: its label, its text and the link that ends it', () => {
    gone(
      '<div><div>Реклама</div><p>Онлайн-курсы бухгалтерского учёта: первые два урока бесплатно. Запишитесь сегодня и получите сертификат!</p><a href="https://courses.example.kz/">Подробнее</a></div>',
      'Реклама',
      'Онлайн-курсы',
      'Подробнее',
    );
    gone('<section><b>Жарнама</b><p>Үнді шайына 30% жеңілдік! Тегін жеткізу тек осы аптада ғана жарамды.</p><p><a href="https://shop.example.kz/tea">Тапсырыс беру</a></p></section>', 'Жарнама', 'Үнді шайына', 'Тапсырыс');
  });

  it('keeps a short body that an ad label opens and a link to the site\'s own page ends', () => {
    const out = extractHtml(
      page('').replace(
        `<div><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>`,
        `<div><div>Жарнама</div><p>${P1.slice(0, 150)}</p><p><a href="https://qazaq24.com/news/egis-1052000">Егіс туралы толығырақ</a></p></div>`,
      ),
      URL_KK,
    );
    expect(out.textContent).toContain(P1.slice(0, 150));
  });

  it('keeps a short body that an ad label opens: it ends with its own text, not a link', () => {
    const out = extractHtml(
      page('').replace(
        `<div><p>${P1}</p><p>${P2}</p><p>${P3}</p></div>`,
        `<div><div>Жарнама</div><p>${P1} <a href="https://egemen.kz/article/1">Толығырақ</a></p><p>Шымкент қаласы</p></div>`,
      ),
      URL_KK,
    );
    expect(out.textContent).toContain(P1);
    expect(out.textContent).toContain('Шымкент қаласы');
    expect(out.textContent).not.toContain('Жарнама');
  });

  it('takes out banner-sized pictures without a label, and leaves photos of other sizes', () => {
    const out = withInsert(
      '<p><a href="https://ads.example.kz/"><img src="https://cdn.example.kz/lead.jpg" width="728" height="90"></a></p>' +
        '<img src="https://cdn.example.kz/strip.jpg" width="1000" height="100">' +
        '<figure><img src="https://qazaq24.com/storage/photo.jpg" width="800" height="533" alt=""><figcaption>Егіс алқабы</figcaption></figure>' +
        '<p><img src="https://qazaq24.com/storage/pano.jpg" width="1200" height="300" alt=""></p>',
    );
    expect(out.images).toEqual(['https://qazaq24.com/storage/photo.jpg', 'https://qazaq24.com/storage/pano.jpg']);
    expect(out.textContent).toContain('Егіс алқабы');
  });

  it('keeps the words of a sponsored link inside a sentence, not the link', () => {
    const out = kept('<p>Тұқымды <a href="https://shop.example.kz/" rel="sponsored nofollow">аграрлық дүкендер желісінен</a> сатып алуға болады.</p>', 'аграрлық дүкендер желісінен сатып алуға болады');
    expect(out.contentHtml).not.toContain('shop.example.kz');
  });

  it('leaves the word inside a sentence alone', () => {
    kept('<p>Министрлік ауыл шаруашылығы техникасының жарнамасына қатысты талаптарды қайта қарауды ұсынды.</p>', 'жарнамасына қатысты');
    kept('<p>Реклама на набережной больше не будет закрывать вид на реку, пообещали в акимате.</p>', 'Реклама на набережной');
  });

  it('knows the labels and the sizes', () => {
    for (const label of ['Жарнама', 'РЕКЛАМА', 'Реклама 18+', 'Advertisement', 'Серіктес материалы', 'Партнёрский материал', 'Партнерский материал', 'На правах рекламы', 'Материал опубликован на правах рекламы']) {
      expect(isAdLabel(label), label).toBe(true);
    }
    for (const text of ['Жарнама нарығы өсті', 'Рекламный щит', 'Партнёры']) expect(isAdLabel(text), text).toBe(false);
    const img = (attrs: string) => parse(`<img ${attrs}>`).window.document.querySelector('img')!;
    expect(isBannerSized(img('width="728" height="90"'))).toBe(true);
    expect(isBannerSized(img('width="320" height="50"'))).toBe(true);
    expect(isBannerSized(img('style="width:300px;height:250px"'))).toBe(true);
    expect(isBannerSized(img('width="800" height="533"'))).toBe(false);
    expect(isBannerSized(img('width="728"'))).toBe(false);
    expect(isBannerSized(img('width="250" height="250"')), 'a square portrait').toBe(false);
  });
});

describe('inserts', () => {
  it('takes out a related card whatever its label says', () => {
    gone('<aside><div>ТАҚЫРЫПҚА ОРАЙ</div><a href="/news/kokshetau-mektep-1051999">Көкшетауда екі мектептің құрылысы кешіктірілді</a></aside>', 'ТАҚЫРЫПҚА', 'Көкшетауда');
    gone('<p><b>Осы тақырыпта</b><br><a href="/news/a-1051777">Астанада бес жаңа мектеп ашылды</a><br><a href="https://egemen.kz/article/412345">Мектеп тапшылығы қалай шешіледі</a></p>', 'Осы тақырыпта', 'Астанада бес', 'тапшылығы');
    gone('<p>Назар аударыңыз: <a href="https://egemen.kz/article/1">Жаңа оқу жылына дайындық басталды</a></p>', 'Назар аударыңыз', 'оқу жылына');
    gone('<div><a href="/news/urozhaj-1052444"><img src="/storage/thumbs/u.jpg" width="120" height="80"></a><a href="/news/urozhaj-1052444">Өткен жылғы егіннің қорытындысы шықты</a></div>', 'қорытындысы');
  });

  it('keeps a link inside a sentence', () => {
    kept('<p>Бұл туралы <a href="https://egemen.kz/article/55">Егемен Қазақстан газеті</a> хабарлады.</p>', 'Бұл туралы Егемен Қазақстан газеті хабарлады.');
    kept('<p>Министр <a href="/news/agro-1052999">жаңа бағдарламаны таныстырды</a>.</p>', 'Министр жаңа бағдарламаны таныстырды.');
    kept('<p><a href="https://gov.kz/agro">Бағдарламаның толық мәтіні</a> министрліктің сайтында жарияланды.</p>', 'Бағдарламаның толық мәтіні министрліктің сайтында жарияланды.');
    kept('<p>Бейнені <a href="https://www.youtube.com/watch?v=Ab3dEf9hIjK">әкімдіктің YouTube арнасынан</a> көруге болады.</p>', 'әкімдіктің YouTube арнасынан көруге болады');
  });

  it('takes out subscribe lines, share bars and tag lists', () => {
    gone('<p>Жаңалықтарды бірінші болып білгіңіз келсе, <a href="https://t.me/qazaq24news">Telegram-арнамызға</a> жазылыңыз!</p>', 'Telegram', 'жазылыңыз');
    gone('<p><strong>Подписывайтесь на наш канал в <a href="https://t.me/q24">Telegram</a> и <a href="https://youtube.com/@q24">YouTube</a></strong></p>', 'Подписывайтесь');
    gone('<div><a href="https://www.instagram.com/q24">Instagram</a> · <a href="https://www.facebook.com/q24">Facebook</a></div>', 'Instagram', 'Facebook');
    gone('<div>Бөлісу: <a href="https://www.facebook.com/sharer/sharer.php?u=x">Facebook</a> <a href="https://t.me/share/url?url=x">Telegram</a> <a href="whatsapp://send?text=x">WhatsApp</a></div>', 'Бөлісу', 'WhatsApp');
    gone('<div>Тегтер: <a href="/tag/a">#егіс</a> <a href="/tag/b">#Шымкент</a></div>', 'Тегтер', '#егіс');
    gone('<p>Теги: <a href="/ru/tag/a">зерно</a>, <a href="/ru/tag/b">экспорт</a></p>', 'Теги', 'зерно');
    gone('<p><a href="/tag/a">#егіс</a> <a href="/tag/b">#Шымкент</a> <a href="/tag/c">#ауылшаруашылығы</a></p>', '#егіс');
    gone('<p>#егіс #Шымкент #ауылшаруашылығы</p>', '#егіс');
    kept('<p>Әкімдік #егіс2026 хэштегімен суреттер жинап жатыр.</p>', 'Әкімдік #егіс2026 хэштегімен суреттер жинап жатыр.');
  });

  it('takes out polls and author cards, not a sentence that starts with their words', () => {
    gone('<div><div>Сауалнама</div><p>Сіздің ауданыңызда егіс басталды ма?</p><label><input type="radio"> Иә</label><label><input type="radio"> Жоқ</label><button>Дауыс беру</button></div>', 'Сауалнама', 'ауданыңызда', 'Дауыс');
    gone('<div><h3>Опрос</h3><p>Как вы оцениваете урожай?</p><ul><li>Хороший — 62%</li><li>Плохой — 38%</li></ul></div>', 'Опрос', 'Хороший');
    gone('<div><img src="/storage/a.jpg" width="64" height="64"><div><b>Автор:</b> Айгерім Сейтқали</div><div>Тілші</div></div>', 'Айгерім', 'Тілші');
    gone('<p>Автор: Дмитрий Ким</p>', 'Дмитрий Ким');
    kept('<p>Автор кітабын үш жыл бойы жазды.</p>', 'Автор кітабын үш жыл бойы жазды.');
    kept('<p>Опрос показал, что большинство фермеров довольны урожаем этого года.</p>', 'Опрос показал');
  });

  it('tells cards by their shape', () => {
    const doc = parse('<body></body>').window.document;
    const card = (html: string, selector?: string) => {
      doc.body.innerHTML = html;
      const block = selector ? doc.body.querySelector(selector)! : doc.body.firstElementChild!;
      return isRelatedCard(block, { pageUrl: new URL(URL_KK), siteHost: /(^|\.)qazaq24\.com$/ });
    };
    expect(card('<div><span>Выбор редакции</span><a href="https://x.kz/a">Как меняется рынок муки в Казахстане</a></div>')).toBe(true);
    expect(card('<p><a href="/news/other-1051000">Астанада бес жаңа мектеп ашылды</a> 04.02.2026</p>')).toBe(true);
    expect(card('<p>Көбірек білгіңіз келсе <a href="https://x.kz/a">Как меняется рынок муки в Казахстане</a></p>')).toBe(false);
    expect(card('<p><a href="https://x.kz/a">Как меняется рынок муки в Казахстане</a></p>')).toBe(false);
    expect(card('<p>Бұрын <a href="/news/a-1">Астанада бес жаңа мектеп ашылды</a> деп жазған едік.</p>')).toBe(false);
    // Alone, two words are a place or a tag; in a table's cell, the table's data.
    expect(card('<p><a href="/tag/zhetysu">Жетісу облысы</a></p>')).toBe(false);
    expect(card('<p><a href="/tag/zhetysu">Жетісу облысы</a> 04.02.2026</p>')).toBe(false);
    expect(card('<table><tr><td><a href="/news/other-1051000">Астанада бес жаңа мектеп ашылды</a></td></tr></table>', 'td')).toBe(false);
  });

  it('keeps a dateline that links to its region, and a table whose cells link to pages of the site', () => {
    kept('<p><a href="/tag/zhetysu">Жетісу облысы</a></p>', 'Жетісу облысы');
    const table = '<table><tr><th>Өңір</th><th>Өсім, %</th></tr><tr><td><a href="/tag/mangystau">Маңғыстау облысы</a></td><td>10,2</td></tr><tr><td><a href="/news/atyrau-oblysy-1051200">Атырау облысы бойынша есеп</a></td><td>8,7</td></tr></table>';
    const out = withInsert(table);
    for (const cell of ['Маңғыстау облысы', '10,2', 'Атырау облысы бойынша есеп', '8,7']) expect(out.textContent).toContain(cell);
  });
});
