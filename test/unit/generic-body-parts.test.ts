/**
 * Parts of an article on other sites that the reader once lost or kept wrongly, over pages made up
 * here: an episode's notes set apart above a longer transcript, news written one sentence to a
 * paragraph with a credit at each end, the article's list of sources, a paywall's "percent left"
 * line and a subscriber's badge, a video player's clock.
 */
import { describe, expect, it } from 'vitest';
import { extractHtml, parse } from './dom-env.ts';
import { leadCandidates, restoreLead } from '../../src/core/generic/lead.ts';
import { removeLayoutSideCells } from '../../src/core/generic/layout-cells.ts';

const URL_ = 'https://news.example.org/2026/02/story.html';

function page(body: string, { title = 'Why cities are tearing down their highways', head = '', lang = 'en' } = {}): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title} | Example</title>
    <meta property="og:title" content="${title}">${head}</head><body><main>${body}</main></body></html>`;
}

const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter(Boolean);

describe('parts of an article the reader once lost or kept wrongly', () => {
  it("puts back an episode's notes set apart above a longer transcript, from the lead its description names on", () => {
    const notes = [
      'In the 1960s, American cities built urban highways straight through their downtowns and neighbourhoods. Now a growing number of them are taking those roads down.',
      'This week we talk to a transport historian and a city planner who led the removal of an elevated freeway, about what happens to traffic and to the people nearby.',
      'We also ask who benefits from the new land, and whether the communities that were split by the roads in the first place will get to stay.',
    ];
    const transcript = [
      'HOST: Welcome back to City Desk. Today we are talking about something that sounds impossible: cities removing their highways.',
      'MORENO: It did sound impossible twenty years ago. The highway was seen as permanent infrastructure, like a river.',
      'CHO: It was a sunken expressway, a moat around downtown, carrying fewer cars a day than many local streets.',
      'HOST: And when you filled it in, did traffic collapse onto the surrounding streets as everyone feared it would?',
      'CHO: No. That was the big fear, and it simply did not happen. Drivers found other routes, and some trips were not made at all.',
    ];
    const html = page(
      `<div><h1>Why cities are tearing down their highways</h1><div class="player"><button>Play</button> 0:00 / 42:18</div>
      <div>${notes.map((p) => `<p>${p}</p>`).join('')}</div>
      <details><summary>Read the full transcript</summary><div>${transcript.map((p) => `<p>${p}</p>`).join('')}</div></details></div>`,
      { head: `<meta name="description" content="${notes[0]}">` },
    );
    const out = lines(extractHtml(html, URL_).textContent);
    expect(out.slice(0, 3)).toEqual(notes);
    expect(out).toContain(transcript[4]);
  });

  it('puts back after the lead the paragraphs that end a sentence, not a byline between them', () => {
    const lead = 'La tempête Elvire balaie le nord-ouest de la France depuis la nuit dernière. Quatre départements sont en vigilance rouge.';
    const byline = 'Par La rédaction — Publié le 9 février 2026 à 07h00, mis à jour à 16h05';
    const second = 'Les pompiers sont intervenus plus de deux mille fois depuis minuit, surtout pour des arbres tombés sur les routes.';
    const kept = 'Enedis indique que 80 000 foyers sont privés d’électricité en Bretagne, dont 45 000 dans le Finistère.';
    const doc = parse(`<body><h1>Tempête Elvire</h1><p>${lead}</p><p>${byline}</p><p>${second}</p><div id="body"><p>${kept}</p></div></body>`, URL_).window.document;
    const candidates = leadCandidates(doc, 'Tempête Elvire');
    const body = doc.createElement('div');
    body.innerHTML = `<p>${kept}</p>`;
    expect(restoreLead(body, candidates, lead)).toBe(2);
    expect(Array.from(body.children, (p) => p.textContent)).toEqual([lead, second, kept]);
  });

  it.each([
    ['a caption', '<div><img src="/a.jpg" alt=""><div>Council members debate the spending plan at City Hall on Monday evening, February 2.</div></div>'],
    ['a teaser', '<div><div>Related: Mayor\'s office unveils plan to cut traffic deaths by half before 2030, drawing praise from cyclists.</div></div>'],
  ])('puts back the lead, not %s in a box of its own between it and the body', (_, between) => {
    const lead = 'The city council approved a 2.4 billion dollar budget on Monday after a marathon session that lasted until midnight.';
    const body = [
      'The vote was 9 to 4, with the opposition bloc arguing that the plan leaves too little for road repairs and public transport. Debate stretched for more than eleven hours.',
      'Mayor Jane Doe said the budget protects core services while holding property tax increases to 2 percent, the lowest rise in a decade. "This is a responsible plan," she told reporters.',
      "Critics said the city's reserves would be drawn down by almost a third and warned of a shortfall next year if revenue growth slows as economists expect.",
      'The budget takes effect on July 1. A final review of capital projects is scheduled for March, when the council will revisit several contested items.',
      'Residents who spoke during the public comment period were divided, with several asking for more money for libraries and parks, and others for lower taxes.',
    ];
    const html = page(
      `<header><nav><a href="/">Home</a> <a href="/politics">Politics</a></nav></header><div>` +
        `<div><h1>City council approves new budget</h1><h2>${lead}</h2><div><a href="#">Share</a> <a href="#">Tweet</a></div></div>` +
        `<div><div>Sign up for our free morning newsletter and get the day's most important stories delivered to your inbox.</div></div>` +
        `${between}<div><div><div>${body.map((p) => `<p>${p}</p>`).join('')}</div></div></div></div><footer>© Example News</footer>`,
      { title: 'City council approves new budget', head: `<meta name="description" content="${lead}">` },
    );
    expect(lines(extractHtml(html, URL_).textContent)).toEqual([lead, ...body]);
  });

  it('takes the credits off the ends of news written one sentence to a paragraph', () => {
    const sentences = [
      'The new fares take effect on Monday, March 2.',
      'A full-price ticket rises from 27 to 36.50 lira.',
      'The student fare goes up from 13.20 to 17.80 lira.',
      'Opposition councillors said the increase would hurt low-income residents.',
      'Officials blamed rising fuel and staff costs.',
    ];
    const html = page(`<div><h1>Istanbul raises fares</h1><div><p>Photo: AA</p>${sentences.map((s) => `<p>${s}</p>`).join('')}<p>Source: Reuters</p></div></div>`, { title: 'Istanbul raises fares' });
    expect(lines(extractHtml(html, URL_).textContent)).toEqual(sentences);
  });

  it("keeps a race's results and a day's programme at the end of news written one sentence to a paragraph", () => {
    const sentences = ['Eliud Kipchoge won the Tokyo Marathon on Sunday.', 'The Kenyan pulled away from the pack after 30 kilometres.', "It was Kipchoge's third win in Tokyo.", 'Top three:'];
    const results = ['1. Eliud Kipchoge (KEN) 2:02:16', '2. Tadese Takele (ETH) 2:03:11', '3. Benson Kipruto (KEN) 2:04:02'];
    const html = page(`<article><h1>Kipchoge wins Tokyo Marathon</h1>${[...sentences, ...results].map((s) => `<p>${s}</p>`).join('')}</article>`, { title: 'Kipchoge wins Tokyo Marathon' });
    expect(lines(extractHtml(html, URL_).textContent)).toEqual([...sentences, ...results]);
    const programme = ['Le budget a été adopté à l’unanimité lundi soir.', 'La séance a duré plus de quatre heures.', 'Programme de la journée de mardi :', '9h30 Accueil des participants', '10h15 Discours du maire', '16h05 Clôture'];
    const fr = page(`<article><h1>Le budget adopté</h1>${programme.map((s) => `<p>${s}</p>`).join('')}</article>`, { title: 'Le budget adopté', lang: 'fr' });
    expect(lines(extractHtml(fr, URL_).textContent)).toEqual(programme);
  });

  describe('lists of links at the end of the text', () => {
    const p = [
      'A post shared more than 40,000 times on Facebook says that from January 2027 it will be illegal to use a wood burner in your own home.',
      'The consultation published by the environment department on February 3 proposes lower limits on the smoke that new stoves may emit.',
    ];
    const list = '<ul><li><a href="/s/1">Defra consultation on domestic burning, 3 February 2026</a></li><li><a href="/s/2">Environment Act 1995, Schedule 1A</a></li><li><a href="/s/3">Clean Air Act 1993, section 19</a></li></ul>';
    const article = (heading: string) => page(`<article><h1>No, stoves are not being banned</h1>${p.map((x) => `<p>${x}</p>`).join('')}<h3>${heading}</h3>${list}</article>`, { title: 'No, stoves are not being banned' });

    it.each(['Sources', 'References', 'Źródła', 'Πηγές', 'Quellen'])('keeps the list of sources under "%s"', (heading) => {
      const text = extractHtml(article(heading), URL_).textContent;
      expect(text).toContain('Environment Act 1995, Schedule 1A');
      expect(text).toContain(heading);
    });

    it.each(['Related', 'Literatur', 'Литература'])('still takes out a list of other articles under "%s" (a site\'s section)', (heading) => {
      const text = extractHtml(article(heading), URL_).textContent;
      expect(lines(text)).toEqual(p);
    });
  });

  describe("a page laid out as a table, whose short article's row Readability takes whole", () => {
    const p = [
      'В центре Тулы на улице Советской открылся первый в городе хостел. Он рассчитан на сорок мест, стоимость проживания — от 450 рублей в сутки.',
      'Как рассказал владелец, основными гостями он видит туристов, приезжающих на выходные, и студентов, которые приезжают на сессию.',
    ];
    const row = (left: string, right: string) => `<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>В Туле открылся хостел</title></head><body>
      <table width="100%"><tr><td class="menu"><a href="/">Главная</a> | <a href="/p/">Политика</a> | <a href="/e/">Экономика</a></td></tr></table>
      <table width="100%"><tr><td width="200">${left}</td><td><h1>В Туле открылся хостел</h1>${p.map((x) => `<p>${x}</p>`).join('')}</td><td width="240">${right}</td></tr></table></body></html>`;
    const rubrics =
      '<b>Рубрики</b><br><a href="/c/1">Город</a><br><a href="/c/2">Бизнес</a><br><a href="/c/3">Культура</a><br><a href="/c/4">Спорт</a><br><a href="/c/5">Происшествия</a><br><br><b>Погода</b><br>Тула: -3°C, облачно';
    const ads = '<b>Реклама</b><br><a href="/ad"><img src="/b/240x400.gif"></a><br><b>Объявления</b><br><a href="/o/1">Продам гараж в Заречье</a><br><a href="/o/2">Сдам квартиру посуточно</a>';

    it('keeps the cell of the article and takes out the columns of rubrics, weather, banners and small ads beside it', () => {
      expect(lines(extractHtml(row(rubrics, ads), URL_).textContent)).toEqual(p);
    });

    it("keeps a cell beside it with a photo of the article's own, and a table of data", () => {
      const photo = '<img src="/photo/hostel.jpg" alt=""><br>Фото: пресс-служба<br>Хостел на Советской<br>Вид со двора';
      const doc = parse(`<body><table><tr><td>${photo}</td><td>${p.map((x) => `<p>${x}</p>`).join('')}</td><td>${ads}</td></tr></table></body>`, URL_).window.document;
      expect(removeLayoutSideCells(doc.body)).toBe(1);
      expect(doc.body.innerHTML).toContain('hostel.jpg');
      expect(doc.body.textContent).not.toContain('Продам гараж');
      const data = parse(`<body><table><tr><th>Город</th><th>Текст</th></tr><tr><td>${rubrics}</td><td><p>${p[0]}</p></td></tr></table></body>`, URL_).window.document;
      expect(removeLayoutSideCells(data.body)).toBe(0);
    });

    it('keeps a factbox of short lines beside the prose, and a table of several rows (a squad: names beside their biographies)', () => {
      const facts = '<b>Справка</b><br>Население: 466 тысяч<br>Площадь: 145 км²<br>Основан: 1146 год';
      expect(lines(extractHtml(row(facts, ads), URL_).textContent)).toEqual(expect.arrayContaining(['Население: 466 тысяч', ...p]));
      const squad = parse(`<body><table>${p.map((x, i) => `<tr><td>Игрок ${i}<br>Нападающий<br>1990</td><td><p>${x}</p></td></tr>`).join('')}</table></body>`, URL_).window.document;
      expect(removeLayoutSideCells(squad.body)).toBe(0);
    });

    it('keeps both cells where two hold prose', () => {
      const more = p[1]!.replace('Как рассказал владелец', 'Как добавили в мэрии');
      expect(lines(extractHtml(row(`<p>${more}</p>`, ads), URL_).textContent)).toContain(more);
    });
  });

  it("takes a picture's credit and a gallery's arrows out of a slide in the middle of the text, and keeps its caption", () => {
    const p = [
      'Строительство футбольного стадиона в Казани, который примет матчи чемпионата мира, вышло на финишную прямую, сообщили в дирекции.',
      'Арена рассчитана на 45 тысяч зрителей. Ее крыша выполнена из поликарбоната и закрывает все трибуны, а фасад подсвечивается ночью.',
    ];
    const slide = '<div class="gallery"><div>Фото 1 из 12</div><img src="/g/1.jpg"><div>Вид на стадион с высоты птичьего полета</div><div>Фото: Иван Сидоров/РБК</div><a href="#">‹</a> <a href="#">›</a></div>';
    const html = page(`<article><h1>Стадион в Казани</h1><p>${p[0]}</p>${slide}<p>${p[1]}</p></article>`, { title: 'Стадион в Казани', lang: 'ru' });
    expect(lines(extractHtml(html, URL_).textContent)).toEqual([p[0], 'Вид на стадион с высоты птичьего полета', p[1]]);
  });

  it("takes out a video player's clock left as text, and keeps the times the article gives", () => {
    const p = [
      'Fire crews closed the northbound motorway near Malakasa at 11:40 after a lorry carrying paper caught fire.',
      'The driver got out of the cab in time and was not hurt; 22 firefighters with nine engines are at the scene.',
      'Traffic was diverted to the old national road until 14:05 / 14:30, the police said.',
    ];
    for (const clock of ['0:00 / 2:14', '00:0002:14', '00:00 | 01:02:14']) {
      const html = page(`<article><h1>Lorry fire closes motorway</h1><div class="video"><video src="/v.mp4"></video><div>${clock}</div></div>${p.map((x) => `<p>${x}</p>`).join('')}<p>12:30</p></article>`, { title: 'Lorry fire closes motorway' });
      expect(lines(extractHtml(html, URL_).textContent)).toEqual([...p, '12:30']);
    }
  });

  it("takes out a paywall's 'percent left to read' line and a subscriber's badge over the headline", () => {
    const p = [
      'Dans la cour de l’école élémentaire Bouge, les préfabriqués installés il y a quatre ans « pour dix-huit mois » sont toujours là.',
      'Lancé en 2021 avec le soutien de l’Etat, le plan « écoles d’avenir » devait transformer le parc scolaire marseillais.',
    ];
    const title = 'A Marseille, la rénovation des écoles prend du retard';
    const html = page(`<article><p>Article réservé aux abonnés</p><h1>${title}</h1>${p.map((x) => `<p>${x}</p>`).join('')}<p>Il vous reste 61.42% de cet article à lire. La suite est réservée aux abonnés.</p></article>`, { title, lang: 'fr' });
    expect(lines(extractHtml(html, URL_).textContent)).toEqual(p);
  });
});
