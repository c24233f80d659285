/** Labels, date lines and written dates, as the generic reader tells them apart from prose. */
import { describe, expect, it } from 'vitest';
import { labelOf } from '../../src/core/generic/labels.ts';
import { isDateLine, metaLineKind } from '../../src/core/generic/meta-lines.ts';
import { parseWrittenDate } from '../../src/core/meta/written-date.ts';
import { isoDate, bylineFromDateline } from '../../src/core/meta/page-meta.ts';
import { articleLd } from '../../src/core/meta/jsonld.ts';
import { langFromScript } from '../../src/core/meta/script-lang.ts';
import { foldForMatch } from '../../src/core/text/normalize.ts';
import { parse } from './dom-env.ts';

const label = (s: string) => labelOf(foldForMatch(s));

describe('labels', () => {
  it.each([
    ['Comments (12)', 'comments'],
    ['Komentáře (8)', 'comments'],
    ['ΣΧΟΛΙΑ', 'comments'],
    ['#education #Almaty #olympiad', 'chrome'],
    ['ΔΙΑΒΑΣΤΕ ΕΠΙΣΗΣ:', 'related'],
    ['ΔΙΑΦΗΜΙΣΗ', 'chrome'],
    ['Hozzászólások (7)', 'comments'],
    ['Kapcsolódó cikkek', 'related'],
    ['Hirdetés', 'chrome'],
    ['Reacties', 'comments'],
    ['Lees ook:', 'related'],
    ['Advertentie', 'chrome'],
    ['Comentarii', 'comments'],
    ['Citește și', 'related'],
    ['Urmărește-ne pe Google News', 'chrome'],
    ['Temas relacionados', 'related'],
    ['E-mail this story', 'chrome'],
    ['Мнение редакции может не совпадать с мнением автора', 'chrome'],
    ['Diskuse', 'comments'],
    ['Související články', 'related'],
    ['Čtěte také:', 'related'],
    ['Prečítajte si aj', 'related'],
    ['Sdílet', 'chrome'],
    ['Sledujte nás na Facebooku', 'chrome'],
    ['Follow Example News on Google News', 'chrome'],
    ['Ακολουθήστε το Example News στο Google News', 'chrome'],
    ['Continua após a publicidade', 'chrome'],
    ['Artykuł kontynuujemy poniżej', 'chrome'],
    ['Iscriviti alla nostra newsletter per ricevere le notizie del giorno', 'chrome'],
    ['Weiterlesen mit Plus', 'paywall'],
    ['Already a subscriber? Log in', 'paywall'],
    ['Masz już subskrypcję? Zaloguj się', 'paywall'],
    ['13 Comment(s)', 'comments'],
    ['Leave a reply', 'comments'],
    ['Opinie', 'comments'],
    ['Wybrane komentarze', 'comments'],
    ['0 Σχόλια αναγνωστών', 'comments'],
    ['Комментарии', 'comments'],
    ['Пікірлер', 'comments'],
    ['Read also:', 'related'],
    ['Zobacz także:', 'related'],
    ['Διαβάστε επίσης', 'related'],
    ['Читайте также', 'related'],
    ['Тақырыпқа қатысты', 'related'],
    ['More on this story', 'related'],
    ['Share this article', 'chrome'],
    ['Podziel się', 'chrome'],
    ['Advertisement', 'chrome'],
    ['Big Box Advertisement', 'chrome'],
    ['Sponsored links', 'chrome'],
    ['Σύνδεσμοι διαφημιζομένων', 'chrome'],
    ['Sign up to our daily newsletter', 'chrome'],
    ['© 2026 Example News. All rights reserved.', 'chrome'],
    ['网友评论（36）', 'comments'],
    ['發表評論：', 'comments'],
    ['コメント', 'comments'],
    ['댓글 쓰기', 'comments'],
    ['相关新闻：', 'related'],
    ['延伸閱讀', 'related'],
    ['関連記事', 'related'],
    ['관련기사', 'related'],
    ['分享到：', 'chrome'],
    ['【打印本页】', 'chrome'],
    ['广告', 'chrome'],
    ['Copyright © 2012 新闻中心 版权所有', 'chrome'],
    ['Комментарии: 14', 'comments'],
    ['Bình luận (4)', 'comments'],
    ['التعليقات', 'comments'],
    ['İLGİLİ HABERLER', 'related'],
    ['Bunu da okuyun:', 'related'],
    ['Lesen Sie auch', 'related'],
    ['Lo más leído', 'related'],
    ['Найпопулярніше', 'related'],
    ['Новини по темі', 'related'],
    ['اقرأ أيضا', 'related'],
    ['यह भी पढ़ें', 'related'],
    ['Xem thêm', 'related'],
    ['REKLAM', 'chrome'],
    ['Quảng cáo', 'chrome'],
    ['إعلان', 'chrome'],
    ['विज्ञापन', 'chrome'],
    ['Поділитися', 'chrome'],
    ['Подписывайтесь на наш Telegram-канал', 'chrome'],
    ['Inscrivez-vous à notre newsletter', 'chrome'],
    ['© Örnek Haber. Tüm hakları saklıdır.', 'chrome'],
    ['Foto 1 de 5', 'chrome'],
    ['Photo 2 of 12', 'chrome'],
    ['Фото 3 из 8', 'chrome'],
    ['Lesezeit: 4 Minuten', 'chrome'],
    ['5 min read', 'chrome'],
    ['扫一扫在手机打开当前页', 'chrome'],
    ['上一页 1 2 3 下一页', 'chrome'],
    ['点击进入专题：2026楼市新政观察', 'chrome'],
    ['請繼續往下閱讀...', 'chrome'],
    ['打开网易新闻 查看精彩图片', 'chrome'],
    ['點我訂閱自由財經Youtube頻道', 'chrome'],
    ['特别声明：以上内容为自媒体平台用户上传并发布，本平台仅提供信息存储服务。', 'chrome'],
    ['本網站之文字、圖片及影音，非經授權，不得轉載、公開播送或公開傳輸及利用。', 'chrome'],
    ['제보는 카카오톡 okjebo', 'chrome'],
    ['Реклама. ООО «Уралтехснаб», ИНН 6670000000, erid: 2VtzqwH5p3K1', 'chrome'],
    ['Treść artykułu poniżej reklamy', 'chrome'],
    ['Oceń jakość naszego artykułu:', 'chrome'],
    ['Masz newsa, zdjęcie lub filmik? Prześlij nam przez dziejesie.wp.pl', 'chrome'],
    ['Εκτυπώσιμη μορφή | Αποστολή σε φίλο', 'chrome'],
    ['Αναγνώσεις: 1532', 'chrome'],
    ['Image source, Getty Images', 'chrome'],
    ['A post shared by Lena Marsh (@lenamarsh)', 'chrome'],
    ["When you purchase through links on our site, we may earn an affiliate commission. Here's how it works.", 'chrome'],
    ['Rating: 4 out of 5 stars', 'chrome'],
  ])('%s is a %s line', (text, kind) => {
    expect(label(text)).toBe(kind);
  });

  it.each([
    'The comments made by the minister were criticised by the opposition.',
    'Readers are invited to share this article with their friends.',
    'He said the related cases would be heard next week.',
    'Opinie ekspertów są podzielone w tej sprawie.',
    'The advertisement campaign cost the city two million.',
    'A banner advertisement for the new tram line was put up at the depot.',
    '不少网友评论说，这场雪来得太晚了。',
    '相关新闻在网上被大量分享。',
    'Inscrivez-vous avant le 3 mars pour participer au concours de la mairie.',
    'Abonnieren können Leser die Zeitung ab März auch digital.',
    'Photo 2 of 12 shows the depot in 1928, before the fire.',
    '记者扫一扫二维码就能看到列车的实时位置和到站时间，非常方便。',
    '下一页的内容将介绍各地铁路枢纽的客流情况。',
    '扫一扫就能付款，老人也学会了。',
    '市民下载“文化云”APP即可在线预约。',
    '제보 전화가 잇따르자 소방당국은 대응 1단계를 발령했다.',
    'Реклама. Так называлась выставка плакатов, открывшаяся в музее в субботу.',
    'Image source files were published by the council on Tuesday.',
    // A timetable, a menu path, subheadings, numbers, headlines that open with a tool's word.
    '06:40 07:15 08:30 09:45',
    '19:00 21:30',
    'Home > Settings > Privacy',
    'Home / away record: 12-3',
    'Więcej ze środków unijnych',
    'Najnowsze w ustawie',
    '«1984»',
    '2024 →',
    'Страница 12',
    '1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 — номера тиража',
    '12345678901234567890123456789012 transaction id',
    '2019 2020 2021 2022 2023 2024 годы роста',
    'Home sweet home',
    'Главная новость дня',
    'Печать и распространение газет',
    'Print and email are both dead',
    '打印机价格上涨 关闭工厂',
    '首页设计大赛结果揭晓',
    'Перепечатка газет запрещена законом, заявил министр, и это вызвало споры.',
    '推荐你去看看这本书。',
  ])('a sentence is not a label: %s', (text) => {
    expect(label(text)).toBeNull();
  });
});

describe('meta lines', () => {
  it.each([
    'Wtorek, 3 stycznia 2012 (15:58)',
    'Updated: Tue Jan. 10 2012 10:52:15 AM',
    '30.12.2011, 08:16',
    'Δευτέρα, 26 Δεκ 2011 19:05',
    'Data publikacji: 2012-01-03 09:38:47 | Data aktualizacji: 2012-01-03 09:58:03',
    'By Anna Kowalska, 3 February 2026',
    '2012年01月05日 10:23 来源：新华网',
    '2012年1月5日 星期四',
  ])('%s is a date line', (text) => {
    expect(isDateLine(text)).toBe(true);
  });

  it.each([
    'The first tram ran on 12 March 1928 from the depot to the station in the city centre.',
    'In 2011 the council spent 4.5 million on repairs to the eastern lines and the bridge.',
    'Population 2011',
    '2012年1月5日，北京市气象台发布消息说今冬首场降雪已经开始。',
  ])('prose with a date is not: %s', (text) => {
    expect(isDateLine(text)).toBe(false);
  });

  it('tells categories, credits and addresses', () => {
    expect(metaLineKind('Artykuł pochodzi z kategorii: Świat')).toBe('label');
    expect(metaLineKind('(fot. AKPA)')).toBe('credit');
    expect(metaLineKind('www.example.org')).toBe('address');
    expect(metaLineKind('责任编辑：李华')).toBe('label');
    expect(metaLineKind('来源：新华网')).toBe('label');
    expect(metaLineKind('【责任编辑:王晓宇】')).toBe('label');
    expect(metaLineKind('（編輯：張銘坤）1150219')).toBe('label');
    expect(metaLineKind('原标题：楼市新政密集出台')).toBe('label');
    expect(metaLineKind('本文来源：中国新闻网 作者：张雅琪')).toBe('label');
    expect(metaLineKind('（记者：王明）近日，市政府召开新闻发布会，介绍今年城市更新工作的主要进展。')).toBeNull();
    expect(metaLineKind('Źródło artykułu: PAP')).toBe('label');
    expect(metaLineKind('ΠΗΓΗ: ΑΠΕ-ΜΠΕ')).toBe('label');
    expect(metaLineKind('ΕΤΙΚΕΤΕΣ: Κρήτη, σεισμός')).toBe('label');
    expect(metaLineKind('Címkék: Budapest, közlekedés')).toBe('label');
    expect(metaLineKind('The mayor said the repairs would be paid from the transport budget.')).toBeNull();
  });
});

describe('rows of labels and of labelled items', () => {
  it.each([
    '打印 关闭',
    '字号：大 中 小 我要评论(128)',
    '【我要纠错】【打印本页】【关闭窗口】',
    '列印 | 電郵給朋友 | 回頁頂',
    '【纠错】[责任编辑: 刘阳]',
    '上一篇：小区电动车起火 / 下一篇：警方破获盗窃案',
    '首页 > 法治 > 正文',
    'Главная / Новости / Общество',
    'Все новости | Версия для печати',
    '<‹ Назад к списку новостей',
    'Share | Print | Email',
    '打印 网摘 纠错 商城 分享 推荐 字号',
    'Распечатать | Обсудить на форуме',
    '（本文仅代表作者个人观点）',
    'Перепечатка материалов без письменного разрешения редакции запрещена.',
    'При полном или частичном использовании материалов ссылка на сайт обязательна',
    '###',
  ])('reads "%s" as the page\'s tools', (line) => {
    expect(label(line)).toBe('chrome');
  });

  it("reads a portal's disclaimer over its readers' comments as no part of the article, and a sentence about comments as one", () => {
    expect(label('以上网友发言只代表其个人观点，不代表新浪网的观点或立场。')).toBe('chrome');
    expect(label('网友评论仅供其表达个人看法，并不表明网易立场。')).toBe('chrome');
    expect(label('网友评论说，这场雪来得太晚了。')).toBeNull();
  });

  it.each([
    '时间：2012-03-15 10:21 来源：城市晚报 作者：赵静 点击：1562次',
    '2012-08-21 09:46:20 来源：东海晚报 作者：记者 郑伟 通讯员 张帆',
    '【来源：东海晚报】【责任编辑：吴芳】',
  ])('reads "%s" as a row of labelled items', (line) => {
    expect(metaLineKind(line)).toBe('items');
  });

  it('reads a date after the site\'s address as a date line, and no sentence as a row of items', () => {
    expect(metaLineKind('http://www.sina.com.cn 2011年12月05日 09:12 北方日报')).toBe('date');
    expect(metaLineKind('时间：下午三点，他说，来源：现场记者发现火势已经得到控制')).toBeNull();
    expect(metaLineKind('Дата: 5 марта. Мы встретились с ним в редакции, и он рассказал, как всё было.')).toBeNull();
  });
});

describe('dates as written', () => {
  it.each([
    ['3 stycznia 2012 (15:58)', '2012-01-03T15:58:00'],
    ['Tue Jan. 10 2012 10:52:15 AM', '2012-01-10T10:52:00'],
    ['Thursday 15th December 2011', '2011-12-15'],
    ['05 Ιαν. 2012, 10:51', '2012-01-05T10:51:00'],
    ['2012-01-03 09:38:47', '2012-01-03T09:38:00'],
    ['30.12.2011, 08:16', '2011-12-30T08:16:00'],
    ['January 12, 2012 9:58 PM', '2012-01-12T21:58:00'],
    ['12 қаңтар 2026', '2026-01-12'],
    ['2012年01月05日 10:23 来源：新华网', '2012-01-05T10:23:00'],
    ['2012년 1월 5일 오후', '2012-01-05'],
  ])('%s is %s', (text, iso) => {
    expect(parseWrittenDate(text)).toBe(iso);
  });

  it('finds no date where there is none, or an impossible one', () => {
    expect(parseWrittenDate('The depot has 60 workers')).toBeNull();
    expect(parseWrittenDate('31.02.2012')).toBeNull();
    // A year and a month with a time, no day: the hour is no day.
    expect(parseWrittenDate('2023年10月 10:23')).toBeNull();
  });

  it('keeps a machine date with its offset, or as local time without one', () => {
    expect(isoDate('2026-02-03T09:30:00+01:00')).toBe('2026-02-03T09:30:00+01:00');
    expect(isoDate('2026-02-03T09:30:00Z')).toBe('2026-02-03T09:30:00+00:00');
    expect(isoDate('2026-02-03 09:30')).toBe('2026-02-03T09:30:00');
    expect(isoDate('2026-02-03')).toBe('2026-02-03');
    expect(isoDate('yesterday')).toBeNull();
  });

  it('reads the author of a dateline', () => {
    expect(bylineFromDateline('By Anna Kowalska, 3 February 2026')).toBe('Anna Kowalska');
    expect(bylineFromDateline('Autor: PAP | 03-01-2012 19:51')).toBe('PAP');
    expect(bylineFromDateline('3 February 2026')).toBeNull();
    expect(bylineFromDateline('By Priya Raman published February 23, 2026')).toBe('Priya Raman');
    expect(bylineFromDateline('By Priya Raman February 23, 2026')).toBe('Priya Raman');
    expect(bylineFromDateline('Von Felix Hartmann aktualisiert am 7. Februar')).toBe('Felix Hartmann');
    expect(bylineFromDateline('By Jan Kowalski, 3 lutego 2026')).toBe('Jan Kowalski');
    // A surname that begins like a month is no month.
    expect(bylineFromDateline('By Tom Martin 12 March 2026')).toBe('Tom Martin');
    expect(bylineFromDateline('By Anna Mayer 3 May 2026')).toBe('Anna Mayer');
  });
});

describe('JSON-LD and scripts', () => {
  it('reads an article nested as a WebPage main entity, and skips what does not parse', () => {
    const doc = parse(`<html><head>
      <script type="application/ld+json">{ broken</script>
      <script type="application/ld+json">{"@type":"WebPage","mainEntity":{"@type":"ReportageNewsArticle","headline":"Depot","author":"Anna Kowalska","inLanguage":"pl","articleBody":"Text."}}</script>
      </head><body></body></html>`, 'https://news.example.org/').window.document;
    expect(articleLd(doc)).toMatchObject({ headline: 'Depot', authors: ['Anna Kowalska'], inLanguage: 'pl', articleBody: 'Text.' });
  });

  it('tells Greek by its letters, and nothing by Latin ones', () => {
    expect(langFromScript('Οι χαρούμενοι και ευτυχισμένοι άνθρωποι όχι μόνο απολαμβάνουν περισσότερο τη ζωή τους, αλλά ζουν περισσότερο.')).toBe('el');
    expect(langFromScript('The city council voted on Tuesday to keep the old tram depot open for another ten years.')).toBeNull();
  });

  it('tells Chinese by its Han letters, and Japanese by the kana among them', () => {
    const zh = '新华网北京1月5日电北京市气象台4日晚发布消息，今冬首场降雪于5日凌晨开始，城区大部分地区出现小到中雪，部分路段出现积雪和结冰现象。';
    const tw = '中央氣象局表示，受到強烈大陸冷氣團影響，台北市今天清晨氣溫降至攝氏十度以下，民眾出門應注意保暖，週末期間各地仍有低溫特報。';
    const ja = '東京都心では５日朝、今冬初めての積雪を観測した。気象庁によると、交通機関に遅れが出ており、路面の凍結に注意するよう呼びかけている。';
    // Sixty letters at least tell a language: two sentences each.
    expect(langFromScript(zh + zh)).toBe('zh');
    expect(langFromScript(tw + tw)).toBe('zh');
    expect(langFromScript(ja + ja)).toBe('ja');
  });
});
