/**
 * The reader on other sites, over pages made up here: it always reads when asked, keeps the
 * article's text, and takes out what surrounds articles on news sites.
 */
import { describe, expect, it } from 'vitest';
import { isProbablyReaderable } from '@mozilla/readability';
import { extractHtml, parse } from './dom-env.ts';
import { removeEntryForms } from '../../src/core/generic/forms.ts';
import { removeEdgeMetaLines } from '../../src/core/generic/edge-lines.ts';

const URL_ = 'https://news.example.org/2026/02/story.html';

const P = [
  'The city council voted on Tuesday to keep the old tram depot open for another ten years, after a long debate about the cost of repairs and the future of public transport in the district.',
  'Residents had collected more than four thousand signatures in favour of the depot, which has served the eastern suburbs since 1928 and employs about sixty people in its workshops.',
  'The mayor said the repairs would be paid for from the transport budget and would not raise local taxes, although the opposition warned that the estimate was likely to grow.',
  'Work on the roof and the tracks is to begin in the spring, and the depot will stay open while it goes on, with some lines running on buses for a few weeks in the summer.',
  'A study of a new depot on the edge of the city, which the council asked for last year, will still be finished, but its authors were told to plan for the old one to stay.',
];

function page(article: string, { head = '', after = '', lang = 'en', title = 'Council keeps the old tram depot open' } = {}): string {
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title} | Example News</title>
    <meta property="og:site_name" content="Example News">${head}</head><body>
    <header><nav><a href="/">Home</a> <a href="/city">City</a> <a href="/sport">Sport</a></nav></header>
    <main><article><h1>${title}</h1>${article}</article>${after}</main>
    <footer><p>Example News, 1 Main Street</p></footer></body></html>`;
}

const paragraphs = (ps: readonly string[] = P) => ps.map((p) => `<p>${p}</p>`).join('\n');

describe('the reader on other sites never refuses', () => {
  it('reads a short page that Readability would call not an article', () => {
    const html = page(`<p>${P[0]}</p>`);
    const dom = parse(html, URL_);
    // The check that decides the toolbar and auto mode says no here ...
    expect(isProbablyReaderable(dom.window.document, { minContentLength: 140, minScore: 20 })).toBe(false);
    dom.window.close();
    // ... but a reader who asks is served.
    const out = extractHtml(html, URL_);
    expect(out).toMatchObject({ isArticle: true, site: 'generic', title: 'Council keeps the old tram depot open', siteName: 'Example News' });
    expect(out.textContent).toContain(P[0]);
  });

  // A brief beside longer prose in the page's footer or sidebar, which Readability prefers when
  // it finds the brief too short.
  const about = `<p>Example News was founded in 1921 by a group of printers, teachers and shopkeepers of the eastern suburbs, and it has been published every week since then, through two wars, three owners, a fire in the printing works and the move to the internet in 1998, which its readers, its staff and its foundation paid for together.</p>
    <p>We are an independent paper, kept alive by advertising, by the foundation and by the support of our readers, and we report on the council, the courts, the schools, the clubs and the markets of the district; if you want to tell us something, report a mistake in an article or suggest a subject, write to us, and we read and answer every letter.</p>`;
  for (const [where, edge] of [
    ['footer', `<footer class="site-footer"><div class="about"><h3>About us</h3>${about}</div></footer>`],
    ['sidebar', `<aside class="sidebar"><div class="author-box"><h3>About the paper</h3>${about}</div></aside>`],
  ]) {
    it(`reads a brief, not the longer text of the page's ${where}`, () => {
      const html = `<!doctype html><html lang="en"><head><title>Council keeps the old tram depot open | Example News</title></head><body>
        <div class="wrap"><div class="post"><h1>Council keeps the old tram depot open</h1><div class="post-content"><p>${P[0]}</p></div></div>${edge}</div></body></html>`;
      const out = extractHtml(html, URL_);
      expect(out.textContent).toContain(P[0]);
      expect(out.textContent).not.toMatch(/printing works|every letter/);
    });
  }

  it("shows no byline made of a row's texts run together, and keeps a name such as McDonald", () => {
    const row = (name: string) => `<div class="byline"><span>26 February 2026</span><button>Share</button><button>Save</button><span>${name}</span><span>BBC News, Cardiff</span></div>`;
    const glued = extractHtml(page(`${row('Tom Hughes')}${paragraphs()}`), URL_);
    expect(glued.byline ?? '').not.toMatch(/Share|Save|2026/);
    const plain = extractHtml(page(`<p class="byline">Mark McDonald and Sarah MacLeod</p>${paragraphs()}`), URL_);
    expect(plain.byline).toBe('Mark McDonald and Sarah MacLeod');
  });

  it("keeps a blog's post where the heading the title names is the blog's own name over its tagline", () => {
    const html = `<!doctype html><html lang="en"><head><title>Tram Notes</title></head><body>
      <div id="blog-header"><h1>Tram Notes</h1><p>The miscellaneous ramblings of a retired driver on trams, depots, timetables, the council and anything else that interests him.</p></div>
      <article id="content"><h1>Council keeps the old tram depot open</h1>${paragraphs()}</article></body></html>`;
    const out = extractHtml(html, URL_);
    for (const p of P) expect(out.textContent).toContain(p);
  });

  it('keeps an article whose sections are headed with <h1>, after a standfirst set apart', () => {
    const html = `<!doctype html><html lang="en"><head><title>Council keeps the old tram depot open | Example News</title></head><body>
      <header class="article-head"><h1>Council keeps the old tram depot open</h1><p>A long night at City Hall as councillors weigh the cost of repairs against a new depot on the edge of the city.</p></header>
      <div class="article-body"><h1>The vote</h1><p>${P[0]}</p><p>${P[1]}</p><h1>The money</h1><p>${P[2]}</p><p>${P[3]}</p><h1>What next</h1><p>${P[4]}</p></div></body></html>`;
    const out = extractHtml(html, URL_);
    for (const p of P) expect(out.textContent).toContain(p);
  });

  it('reads the article asked for, not the next one preloaded below it, longer', () => {
    const next = P.map((p) => p.replace(/council/gi, 'ministry').replace(/depot/g, 'station'));
    const html = `<!doctype html><html lang="en"><head><title>Council keeps the old tram depot open | Example News</title></head><body>
      <main><article><h1>Council keeps the old tram depot open</h1><div class="text"><p>${P[0]}</p><p>${P[1]}</p></div></article>
      <article><h1>Ministry closes the old railway station</h1><div class="text">${next.map((p) => `<p>${p}</p>`).join('')}</div></article></main></body></html>`;
    const out = extractHtml(html, URL_);
    expect(out.textContent).toContain(P[0]);
    expect(out.textContent).toContain(P[1]);
    expect(out.textContent).not.toMatch(/ministry|railway/i);
  });

  it('takes the headline from the part of the document title the page shows, where no heading or og:title names it', () => {
    const old = (title: string, shown: string) => `<!doctype html><html lang="en"><head><title>${title}</title></head><body>
      <table><tr><td><font size="4"><b>${shown}</b></font><br><br>${P.slice(0, 3).join('<br><br>')}</td></tr></table></body></html>`;
    const split = extractHtml(old('Millbrook Gazette - Council keeps the old tram depot open', 'Council keeps the old tram depot open'), URL_);
    expect(split.title).toBe('Council keeps the old tram depot open');
    expect(split.textContent).not.toContain('Council keeps the old tram depot open');
    for (const p of P.slice(0, 3)) expect(split.textContent).toContain(p);
    // A headline with a dash in it, shown whole, stays whole.
    const whole = extractHtml(old('Depot saved - for now, says the council', 'Depot saved - for now, says the council'), URL_);
    expect(whole.title).toBe('Depot saved - for now, says the council');
  });

  it("takes the headline from an h2 or h3 the document title names a part of, under a blog's or a forum's name in the h1", () => {
    const blog = (title: string, h1: string, h2: string, tag: string) => `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body>
      <h1>${h1}</h1><div class="post"><${tag}>${h2}</${tag}>${paragraphs(P.slice(0, 3))}</div></body></html>`;
    for (const [title, h1, h2, tag] of [
      ['重读《边城》：一个关于等待的故事_青山的博客_新浪博客', '青山的博客', '重读《边城》：一个关于等待的故事', 'h2'],
      ['Lenta.ru: Россия: В Подмосковье отремонтируют 300 километров дорог', 'Lenta.ru', 'В Подмосковье отремонтируют 300 километров дорог', 'h2'],
      ['Поездка на Байкал зимой: наш опыт -- Форум путешественников Сибири', 'Форум путешественников Сибири', 'Поездка на Байкал зимой: наш опыт', 'h2'],
      ['Old Steel Rides: Restoring a 1962 Raleigh: the bottom bracket', 'Old Steel Rides', 'Restoring a 1962 Raleigh: the bottom bracket', 'h3'],
    ]) {
      const out = extractHtml(blog(title!, h1!, h2!, tag!), URL_);
      expect(out.title).toBe(h2);
      for (const p of P.slice(0, 3)) expect(out.textContent).toContain(p);
    }
  });

  it("keeps the h1 as the headline where it is no part of the document title, over a section's heading that is one", () => {
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>Storm hits coast | Weather and Climate | Daily Gazette</title></head><body>
      <aside><h2>Weather and Climate</h2><a href="/w">Forecasts</a></aside><main><h1>Storm hits coast, killing two</h1>${paragraphs(P.slice(0, 3))}</main></body></html>`;
    expect(extractHtml(html, URL_).title).toBe('Storm hits coast, killing two');
  });

  it("takes the headline from the one long part of a document title beside a site's short name, shown as a plain line", () => {
    const zh = `<!doctype html><html><head><meta charset="utf-8"><title>我国成功发射一颗海洋观测卫星_新华网</title></head><body>
      <div class="nav"><a href="/">首页</a> <a href="/politics/">时政</a></div><div><div class="h-title">我国成功发射一颗海洋观测卫星</div>${paragraphs(P.slice(0, 3))}</div></body></html>`;
    expect(extractHtml(zh, URL_).title).toBe('我国成功发射一颗海洋观测卫星');
    const hk = `<!doctype html><html><head><title>港鐵西港島線工程延誤 通車日期押後一年 - 星島日報</title></head><body>
      <table><tr><td><font size="4"><b>港鐵西港島線工程延誤 通車日期押後一年</b></font><br><br>${P.slice(0, 3).join('<br><br>')}</td></tr></table></body></html>`;
    expect(extractHtml(hk, URL_).title).toBe('港鐵西港島線工程延誤 通車日期押後一年');
  });

  it('says there is nothing to show where the page is only links', () => {
    const out = extractHtml(`<!doctype html><html><body><nav><a href="/a">News</a> <a href="/b">Sport</a> <a href="/c">Weather</a></nav></body></html>`, URL_);
    expect(out).toMatchObject({ isArticle: false, site: 'generic', contentHtml: '', textContent: '' });
  });

  it('keeps every paragraph of an ordinary article and none of the menu or footer', () => {
    const out = extractHtml(page(paragraphs()), URL_);
    for (const p of P) expect(out.textContent).toContain(p);
    expect(out.textContent).not.toMatch(/Home|1 Main Street/);
  });
});

describe('comments', () => {
  const comments = ['Great news for the east side, I take the tram every day.', 'The estimate will double, mark my words.', 'Why not build the new depot instead?']
    .map((c, i) => `<div class="c"><p><b>reader${i}</b> 03.02.2026, 1${i}:2${i}</p><p>${c}</p><p><a href="#r">Reply</a></p></div>`)
    .join('');

  it('ends the article at a comments heading that follows it', () => {
    const out = extractHtml(page(`${paragraphs()}<h3>Comments (3)</h3>${comments}`), URL_);
    for (const p of P) expect(out.textContent).toContain(p);
    expect(out.textContent).not.toMatch(/reader0|mark my words|Comments/);
  });

  it('takes a comments box out of the middle and keeps the article after it', () => {
    const box = `<div class="box"><h4>Selected comments</h4>${comments}</div>`;
    const out = extractHtml(page(`${paragraphs(P.slice(0, 3))}${box}${paragraphs(P.slice(3))}`), URL_);
    for (const p of P) expect(out.textContent).toContain(p);
    expect(out.textContent).not.toMatch(/mark my words|Selected comments/);
  });

  it('reads a Greek comments heading and its reply buttons written in capitals, without accents', () => {
    const greek = ['Επιτέλους μια καλή είδηση για την ανατολική πλευρά.', 'Το κόστος θα διπλασιαστεί, θα το δείτε.', 'Γιατί δεν χτίζουν νέο αμαξοστάσιο;']
      .map((c, i) => `<div class="c"><p><b>αναγνώστης${i}</b> 03.02.2026, 1${i}:2${i}</p><p>${c}</p><p><a href="#r">ΑΠΑΝΤΗΣΗ</a></p></div>`)
      .join('');
    const out = extractHtml(page(`${paragraphs(P.slice(0, 2))}<div class="box"><h4>ΣΧΟΛΙΑ</h4>${greek}</div>${paragraphs(P.slice(2))}`), URL_);
    for (const p of P) expect(out.textContent).toContain(p);
    expect(out.textContent).not.toMatch(/ΣΧΟΛΙΑ|αναγνώστης|διπλασιαστεί|ΑΠΑΝΤΗΣΗ/);
  });

  it('leaves a comment count beside the byline and the article after it', () => {
    const out = extractHtml(page(`<p><a href="#comments">12 comments</a></p>${paragraphs()}`), URL_);
    for (const p of P) expect(out.textContent).toContain(p);
    expect(out.textContent).not.toContain('12 comments');
  });

  // Comments as a short article's siblings, each signed with a name on a line of its own, no time stamps.
  const said = [
    'I take the tram every day and I am glad the depot stays, it is the only good thing about this winter in the district.',
    'The estimate will double before the work even starts, mark my words, it always does with this council and its friends.',
    'Why not build the new depot instead and be done with the repairs for good, instead of paying for the same roof again?',
    'My grandfather worked in those workshops for forty years and I am happy to hear that they are not going to close them.',
  ];
  const signed = (n: number) => said.slice(0, n).map((c, i) => `<hr><p><b>${['Lindsay Gray', 'g4', 'John S.', 'Ruth K., Nepean'][i]}</b><br>${c}</p>`).join('');
  const short = (body: string) => `<!doctype html><html lang="en"><head><title>Council keeps the old tram depot open | Example News</title></head><body>
    <main><div class="story"><h1>Council keeps the old tram depot open</h1>${body}</div></main></body></html>`;
  const prompt = '<p><a href="/comments?id=1">Please add comments</a><div>| 4 Comment(s)</div></p>';

  it('ends a short article at a comments label followed by signed comments', () => {
    const out = extractHtml(short(`${paragraphs(P.slice(0, 2))}${prompt}${signed(4)}`), URL_);
    for (const p of P.slice(0, 2)) expect(out.textContent).toContain(p);
    expect(out.textContent).not.toMatch(/Lindsay Gray|mark my words|grandfather|Comment\(s\)/);
  });

  it('keeps what follows a comments label that two signed blocks alone do not show to be comments', () => {
    const out = extractHtml(short(`${paragraphs(P.slice(0, 2))}${prompt}${signed(2)}${paragraphs(P.slice(2, 3))}`), URL_);
    for (const p of P.slice(0, 3)) expect(out.textContent).toContain(p);
    expect(out.textContent).toContain('mark my words');
  });

  it('keeps an interview signed the same way under a comments count: two names take turns', () => {
    const interview = said.map((c, i) => `<p><b>${i % 2 ? 'Anna Berg' : 'Example News'}</b><br>${c}</p>`).join('');
    const out = extractHtml(short(`${paragraphs(P.slice(0, 2))}<div>4 Comments</div>${interview}`), URL_);
    for (const c of said) expect(out.textContent).toContain(c);
  });

  it('keeps the article after an early comments link, where signed blocks come only much later', () => {
    const out = extractHtml(short(`${paragraphs(P.slice(0, 2))}<p><a href="#c">Comments (3)</a></p>${paragraphs(P.slice(2))}${signed(3)}`), URL_);
    for (const p of P) expect(out.textContent).toContain(p);
  });

  it('takes a box of signed comments out of the middle and keeps the article after it', () => {
    const box = `<div class="talk"><h3>3 Comments</h3>${signed(3)}</div>`;
    const out = extractHtml(short(`${paragraphs(P.slice(0, 2))}${box}${paragraphs(P.slice(2))}`), URL_);
    for (const p of P) expect(out.textContent).toContain(p);
    expect(out.textContent).not.toMatch(/Lindsay Gray|mark my words|3 Comments/);
  });

  // A word that labels comments on some sites and heads an article's own section on others.
  const opinions = [
    'The depot is the cheapest way to keep the eastern lines running for the next decade, and the repairs cost less than a third of what a new depot on the edge of the city would.',
    'The workers are glad to stay, but the council has promised repairs before, and the roof of the main hall has leaked every winter since the last promise was made in 2015.',
    'Keeping the old building is the right call for the district, as long as the study of a new depot is finished and the city does not have to start from nothing in ten years.',
  ];
  const experts = opinions.map((c, i) => `<p><strong>${['Anna Berg, economist', 'Tom Reed, union leader', 'Prof. Eva Lind'][i]}</strong><br>${c}</p>`).join('');
  for (const heading of ['Discussion', 'Opinie', 'Kommentar', 'Комментарий']) {
    it(`keeps an article's own section headed "${heading}", with experts' signed words, past the middle or in a box`, () => {
      const section = `<h2>${heading}</h2>${experts}`;
      const late = extractHtml(short(`${paragraphs(P.slice(0, 2))}${section}${paragraphs(P.slice(4))}`), URL_);
      const boxed = extractHtml(short(`${paragraphs(P.slice(0, 1))}<section>${section}</section>${paragraphs(P.slice(1))}`), URL_);
      for (const out of [late, boxed]) {
        expect(out.textContent).toContain(heading);
        for (const c of opinions) expect(out.textContent).toContain(c);
        expect(out.textContent).toContain(P[4]);
      }
    });
  }

  it('still ends the article at such a word where comments with time stamps and reply buttons follow it', () => {
    const out = extractHtml(page(`${paragraphs()}<h3>Discussion</h3>${comments}`), URL_);
    for (const p of P) expect(out.textContent).toContain(p);
    expect(out.textContent).not.toMatch(/reader0|mark my words|Discussion/);
  });

  it('still ends the article at such a word where short comments signed by three readers follow it', () => {
    const chat = ['Dug up again, they did the same street last year.', 'Why in winter and not in summer?', 'The traffic is bad enough already.']
      .map((c, i) => `<div class="c"><b>${['Rustem', 'Gulnara', 'kazan_1985'][i]}</b><br>${c}</div>`)
      .join('');
    const out = extractHtml(short(`${paragraphs(P.slice(0, 2))}<div class="talk"><div>Discussion</div>${chat}</div>`), URL_);
    for (const p of P.slice(0, 2)) expect(out.textContent).toContain(p);
    expect(out.textContent).not.toMatch(/Rustem|Dug up|traffic is bad|Discussion/);
  });
});

describe('forms for filling in', () => {
  const consent = 'I agree that Example News Ltd, 1 Main Street, may process the personal data given above to send me the newsletter, as described in its privacy policy, until I withdraw this consent.';
  // As a paywall box puts it beside the story: its labels and notes in <div>s, like the story's own lines.
  const signUp = `<div class="box"><div>Subscribers to the printed paper read every story here for free. Fill in the form below to get your access.</div>
    <form action="/subscribe"><div>Full name* <input name="n"></div><div>E-mail (login)* <input type="email" name="e"></div>
    <div>Postcode* <input type="text" name="z"></div><div>* This field is required</div>
    <div><input type="checkbox" name="c"> ${consent}</div><div><input type="checkbox" name="d"> ${consent.replace('the newsletter', 'offers of its partners')}</div>
    <input type="submit" value="Send"></form></div>`;

  it('takes a sign-up form out of a short article, with its labels and consent notes', () => {
    // Under a long article, Readability's own cleaning drops such a box; under a short one it stays.
    const short = P.slice(0, 2);
    const html = `<!doctype html><html lang="en"><head><title>Council keeps the old tram depot open | Example News</title></head><body>
      <main><div class="story"><h1>Council keeps the old tram depot open</h1>${paragraphs(short)}${signUp}</div></main></body></html>`;
    const out = extractHtml(html, URL_);
    for (const p of short) expect(out.textContent).toContain(p);
    expect(out.textContent).not.toMatch(/Full name|This field is required|I agree that/);
  });

  it('takes a newsletter box of one e-mail field out, with its heading, its line and its consent note', () => {
    const box = `<div class="cta"><h3>Get the Morning Briefing</h3><p>Our free daily newsletter, with the top local stories at 6 a.m.</p>
      <form><input type="email" placeholder="Email address"><button>Sign up</button></form>
      <p class="fine">By signing up you agree to our Terms of Service and Privacy Policy. You can unsubscribe at any time, with one click.</p></div>`;
    const out = extractHtml(page(`${paragraphs(P.slice(0, 2))}${box}`), URL_);
    for (const p of P.slice(0, 2)) expect(out.textContent).toContain(p);
    expect(out.textContent).not.toMatch(/Morning Briefing|daily newsletter|By signing up/);
  });

  it('keeps a brief that stands in one box with an e-mail field: only the form goes', () => {
    // The menus hold more text than the brief.
    const menu = `<nav>${Array.from({ length: 30 }, (_, i) => `<a href="/section/${i}">Section number ${i} of the paper</a>`).join(' ')}</nav>`;
    for (const tag of ['p', 'div']) {
      const brief = `<div><${tag}>${P[0]}</${tag}><form><input type="email" name="email"><button>Get alerts</button></form></div>`;
      const out = extractHtml(page(brief, { after: menu }), URL_);
      expect(out.textContent, tag).toContain(P[0]);
    }
  });

  it('takes a form for writing a comment out from inside the article', () => {
    const form = `<form><div>Tell us what you think of the council's decision and the future of the old depot.</div><div>Your e-mail address will not be shown to anyone, and your opinion may be shortened.</div><input name="a" placeholder="Name"><input type="email" name="m" placeholder="E-mail"><textarea name="t"></textarea><button>Post</button></form>`;
    const html = `<!doctype html><html lang="en"><head><title>Council keeps the old tram depot open | Example News</title></head><body>
      <main><div class="story"><h1>Council keeps the old tram depot open</h1>${paragraphs(P.slice(0, 1))}${form}${paragraphs(P.slice(1, 2))}</div></main></body></html>`;
    const out = extractHtml(html, URL_);
    for (const p of P.slice(0, 2)) expect(out.textContent).toContain(p);
    expect(out.textContent).not.toMatch(/will not be shown|Tell us what you think/);
  });

  it('keeps the article on a page wrapped whole in one form, fields and all', () => {
    // No <article> or <h1> to go by: only the share of the page's text the form holds.
    const html = `<!doctype html><html lang="en"><head><title>Council keeps the old tram depot open | Example News</title></head><body>
      <form id="site-form" action="/page"><input type="hidden" name="state" value="x"><input name="q" placeholder="Search">
      <div class="nav"><a href="/">Home</a> <a href="/city">City</a></div>
      <div class="story"><div class="headline">Council keeps the old tram depot open</div>${P.map((p) => `<div>${p}</div>`).join('')}</div>
      <div class="newsletter">Our newsletter <input name="who"> <input type="email" name="nl"> <input name="zip"> <input type="radio" name="often"> <input type="checkbox" name="nl2"> weekly</div></form></body></html>`;
    const out = extractHtml(html, URL_);
    for (const p of P) expect(out.textContent).toContain(p);
  });

  /** A page whose menus hold more text than its article, each with a link. */
  const menus = Array.from({ length: 40 }, (_, i) => `<a href="/section/${i}">Section number ${i} of the site's many sections</a>`).join(' ');

  it('keeps a form that holds the article\'s own heading, however many its fields', () => {
    const fields = Array.from({ length: 12 }, (_, i) => `<input name="f${i}">`).join('');
    const html = `<!doctype html><html lang="en"><head><title>Council keeps the old tram depot open | Example News</title></head><body>
      <nav>${menus}</nav><form><div class="story"><h1>Council keeps the old tram depot open</h1>${P.map((p) => `<div>${p}</div>`).join('')}</div>${fields}</form><footer>${menus}</footer></body></html>`;
    const out = extractHtml(html, URL_);
    for (const p of P) expect(out.textContent).toContain(p);
  });

  it('keeps a form around the content alone, its heading outside it, where the menus hold more text', () => {
    const html = `<!doctype html><html lang="en"><head><title>Council keeps the old tram depot open | Example News</title></head><body>
      <header><h1>Council keeps the old tram depot open</h1><nav>${menus}</nav></header>
      <form action="/page"><input name="q" placeholder="Search"><div class="story">${paragraphs()}</div>
      <div>Our newsletter <input type="email" name="nl"> <input type="checkbox" name="ok"> weekly</div></form><footer>${menus}</footer></body></html>`;
    const out = extractHtml(html, URL_);
    for (const p of P) expect(out.textContent).toContain(p);
  });

  it('takes out a form of three fields, their types written in any case, and leaves a search box or a form of two', () => {
    const field = '<input name="f">';
    const dom = parse(`<!doctype html><html><body>${paragraphs()}
      <form id="one">${field}</form><form id="two">${field}<select name="s"></select></form>
      <form id="three">${field}<textarea name="t"></textarea><input type="radio" name="r"></form>
      <form id="upper"><input type="TEXT" name="a"><input type="Email" name="b"><input type="CHECKBOX" name="c"></form>
      <form id="hidden"><input type="hidden" name="a"><input type="hidden" name="b"><input type="submit"><button>Go</button></form></body></html>`, URL_);
    const body = dom.window.document.body;
    expect(removeEntryForms(body)).toBe(2);
    expect(Array.from(body.querySelectorAll('form'), (f) => f.id)).toEqual(['one', 'two', 'hidden']);
    dom.window.close();
  });
});

describe('read-also boxes, headline lists and page furniture', () => {
  const related = ['Bus lanes to open on the ring road next month', 'New bridge over the river gets its name', 'Libraries extend their opening hours in winter'];
  const links = related.map((h, i) => `<li><a href="/city/${i}">${h}</a></li>`).join('');

  const paywall = (heading: string, login: string) => `<div class="offer-box"><h2>${heading}</h2>
    <p>Four weeks for 0.99, then 9.99 a month, cancel at any time.</p><ul><li>Every story on every device</li><li>The daily paper as an e-paper</li></ul>
    <a class="button" href="/subscribe">Subscribe now</a><p>${login} <a href="/login">Log in</a></p>
    <p class="small">The offer is for new subscribers only who have had no subscription in the last three months.</p></div>`;

  for (const [heading, login] of [
    ['Continue reading with Plus', 'Already a subscriber?'],
    ['Weiterlesen mit Plus', 'Bereits Abonnent?'],
    ['Czytaj dalej z Premium', 'Masz już subskrypcję?'],
  ]) {
    it(`ends the article's free part at a paywall's prompt: "${heading}"`, () => {
      const out = extractHtml(page(`${paragraphs(P.slice(0, 3))}${paywall(heading!, login!)}`), URL_);
      for (const p of P.slice(0, 3)) expect(out.textContent).toContain(p);
      expect(out.textContent).not.toMatch(/Four weeks|e-paper|Subscribe now|new subscribers only|Log in/);
      expect(out.textContent).not.toContain(heading);
    });
  }

  it('takes a stray log-in prompt near the start out alone, and keeps the whole article', () => {
    const out = extractHtml(page(`<p>Already a subscriber? <a href="/login">Log in</a></p>${paragraphs()}`), URL_);
    for (const p of P) expect(out.textContent).toContain(p);
    expect(out.textContent).not.toContain('Already a subscriber');
  });

  it('takes out a "Read also" box and its links, and keeps a link inside a sentence', () => {
    const withLink = `<p>The council published <a href="/docs/depot.pdf">the full report on the depot</a> on its website, with the cost of each repair.</p>`;
    const out = extractHtml(page(`${paragraphs(P.slice(0, 2))}<div class="also"><h4>Read also:</h4><ul>${links}</ul></div>${withLink}${paragraphs(P.slice(2))}`), URL_);
    for (const p of P) expect(out.textContent).toContain(p);
    expect(out.textContent).toContain('the full report on the depot');
    for (const h of related) expect(out.textContent).not.toContain(h);
    expect(out.textContent).not.toContain('Read also');
  });

  it('takes out a list of headlines with no label', () => {
    const out = extractHtml(page(`${paragraphs()}<ul>${links}</ul>`), URL_);
    for (const h of related) expect(out.textContent).not.toContain(h);
    expect(out.textContent).toContain(P[4]);
  });

  it('takes out a list of headlines and its label, whatever the label says', () => {
    for (const label of ['Don’t miss', 'Ne manquez pas', 'Tin liên quan']) {
      // A plain line before a list with the article going on after it, or a heading before a list that ends the body.
      for (const [box, after] of [[`<div>${label}</div><ul>${links}</ul>`, P.slice(3)], [`<h3>${label}</h3><ul>${links}</ul>`, []]] as const) {
        const out = extractHtml(page(`${paragraphs(P.slice(0, 3))}${box}${paragraphs(after)}`), URL_);
        for (const p of [...P.slice(0, 3), ...after]) expect(out.textContent).toContain(p);
        for (const h of related) expect(out.textContent).not.toContain(h);
        expect(out.textContent, box).not.toContain(label);
      }
    }
  });

  it('takes out a line that a related label opens and a headline link fills, and keeps "read more about" in a sentence', () => {
    const sentence = '<p>Read more about the depot in <a href="/reports/depot">our report from last year</a>, which the council cited.</p>';
    for (const line of [
      '<p><strong>READ MORE:</strong> <a href="/city/9">Bus lanes to open on the ring road next month</a></p>',
      '<p>Bunu da okuyun: <a href="/sehir/9">Çevre yolunda otobüs şeritleri gelecek ay açılıyor</a></p>',
      '<p>相关阅读：<a href="/news/9.html">北京发布道路结冰黄色预警信号</a></p>',
      '<p>【関連記事】<a href="/articles/9">関東地方で大雪警報、交通機関に影響</a></p>',
    ]) {
      const out = extractHtml(page(`${paragraphs(P.slice(0, 2))}${line}${sentence}${paragraphs(P.slice(2))}`), URL_);
      for (const p of P) expect(out.textContent).toContain(p);
      expect(out.textContent, line).not.toContain(line.replace(/<[^>]+>/g, '').slice(-12));
      expect(out.textContent, line).not.toMatch(/READ MORE|Bunu da okuyun|相关阅读|関連記事/);
      expect(out.textContent).toContain('Read more about the depot in our report from last year');
    }
  });

  it('takes out a read-also line whose headline is plain text, and keeps a sentence that a related label opens', () => {
    const kept = [
      '<p>See also: the council’s decision of 2019, when the depot was first saved.</p>',
      '<p>More on this story: the mayor will answer questions at the next council meeting on Thursday.</p>',
    ];
    for (const line of [
      '<p><strong>Czytaj też: Rząd przyjął projekt budżetu na przyszły rok</strong></p>',
      '<p>Читайте также: Жителей Астаны предупредили о гололёде</p>',
      '<p><b>READ MORE:</b> Bus lanes to open on the ring road next month</p>',
    ]) {
      const out = extractHtml(page(`${paragraphs(P.slice(0, 2))}${line}${kept.join('')}${paragraphs(P.slice(2))}`), URL_);
      for (const p of P) expect(out.textContent).toContain(p);
      expect(out.textContent, line).not.toContain(line.replace(/<[^>]+>/g, '').slice(-16));
      for (const k of kept) expect(out.textContent).toContain(k.replace(/<[^>]+>/g, ''));
    }
  });

  it('keeps a list that is part of the article', () => {
    const list = '<ul><li>The roof of the main hall, which leaks in heavy rain.</li><li>The tracks in the yard, laid in 1954.</li><li>The heating of the workshops.</li></ul>';
    const out = extractHtml(page(`${paragraphs(P.slice(0, 2))}<p>The repairs cover three parts of the depot:</p>${list}${paragraphs(P.slice(2))}`), URL_);
    expect(out.textContent).toContain('The tracks in the yard, laid in 1954.');
    expect(out.contentHtml).toContain('<li>');
  });

  it.each([
    ['a share line', '<p>Share this article</p>'],
    ['a follow line', '<p>Follow us on Twitter</p>'],
    ['a newsletter line', '<p>Sign up to our daily newsletter</p>'],
    ['an advertisement label', '<div>Advertisement</div>'],
    ['a copyright line', '<p>© 2026 Example News. All rights reserved.</p>'],
    ['a Polish share line', '<p>Podziel się</p>'],
    ['a Russian read-also line', '<p>Читайте также:</p>'],
    ['a Kazakh related line', '<p>Тақырыпқа қатысты:</p>'],
  ])('takes out %s and keeps the words in a sentence', (_name, line) => {
    const sentence = '<p>Readers may share this article with friends, follow us on our new page, or subscribe to the printed paper, the editor wrote.</p>';
    const out = extractHtml(page(`${paragraphs(P.slice(0, 3))}${line}${sentence}${paragraphs(P.slice(3))}`), URL_);
    const text = line.replace(/<[^>]+>/g, '');
    expect(out.textContent.split('\n')).not.toContain(text);
    expect(out.textContent).toContain('Readers may share this article with friends');
    for (const p of P) expect(out.textContent).toContain(p);
  });

  it('takes out icon-font elements and keeps the same words in the text', () => {
    const out = extractHtml(page(`<p><i class="material-icons">share</i><span class="icon" aria-hidden="true">close</span></p>${paragraphs(P.slice(0, 2))}<p>The doors will <em>close</em> at six, as before.</p>${paragraphs(P.slice(2))}`), URL_);
    expect(out.textContent).toContain('The doors will close at six, as before.');
    expect(out.textContent.split('\n')).not.toContain('share');
    expect(out.textContent).not.toMatch(/^share|^close/m);
  });
});

describe('sentences and tables that look like the new rules\' lines stay', () => {
  it.each([
    ['a question about an account, mid-article', '<p>Masz już dostęp do konta? Wybierz zakładkę Dokumenty i kliknij Dodaj.</p>'],
    ['a question about another service', '<p>Déjà abonné à Netflix ? La plateforme propose une offre groupée.</p>'],
    ['a film\'s info row', '<p><b>Das Licht</b> · Kinostart: 12.03.2026 · 118 Minuten · Drama</p>'],
    ['a trip\'s info row', '<p>Warsaw · 14 March 2026 · By Train</p>'],
    ['advice after a broad label', '<p>Recommended: at least 150 minutes of moderate exercise a week</p>'],
    ['reactions under their Dutch heading', '<h2>Reacties</h2><p>De oppositie noemt het besluit verstandig, maar wil weten wat de reparaties gaan kosten.</p>'],
    ['a table of fixtures with times', '<table><tr><th>When</th><th>Match</th><th>Where</th></tr><tr><td>14.03.2026, 18:30</td><td>Legia – Lech</td><td>Stadion Miejski</td></tr><tr><td>15.03.2026, 20:00</td><td>Wisła – Górnik</td><td>Stadion Miejski</td></tr></table>'],
  ])('%s', (_, html) => {
    const out = extractHtml(page(`${paragraphs(P.slice(0, 3))}${html}${paragraphs(P.slice(3))}`), URL_);
    for (const p of P) expect(out.textContent).toContain(p);
    const shown = html.replace(/<\/(?:td|th|p|h2)>/g, ' ').replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
    for (const word of shown.split(' ').filter((w) => w.length > 3)) expect(out.textContent).toContain(word);
  });

  it('keeps a figure\'s picture whose caption is only a credit, and the title when a kicker shows part of the document title', () => {
    const figure = '<figure><img src="https://news.example.org/img/depot.jpg" alt=""><figcaption>Photo: Reuters</figcaption></figure>';
    const out = extractHtml(page(`${paragraphs(P.slice(0, 2))}${figure}${paragraphs(P.slice(2))}`), URL_);
    expect(out.images).toContain('https://news.example.org/img/depot.jpg');
    const kicker = extractHtml(`<!doctype html><html><head><title>Local politics - Council backs the depot budget | Gazette</title></head><body>
      <div class="kicker">Local politics</div><div class="head">The council backs the depot</div>${paragraphs()}</body></html>`, URL_);
    expect(kicker.title).not.toBe('Local politics');
  });
});

describe('meta lines at the edges', () => {
  it('takes a dateline above the article out of the body and reads the date and author from it', () => {
    const out = extractHtml(page(`<p class="byline">By Anna Kowalska, 3 February 2026</p>${paragraphs()}`), URL_);
    expect(out.textContent).not.toContain('3 February 2026');
    expect(out.publishedAt).toBe('2026-02-03');
    expect(out.byline).toBe('Anna Kowalska');
  });

  it('keeps a date in the middle of the article, where it may be part of a timeline', () => {
    const out = extractHtml(page(`${paragraphs(P.slice(0, 2))}<p>12 March 1928</p>${paragraphs(P.slice(2))}`), URL_);
    expect(out.textContent).toContain('12 March 1928');
  });

  it('takes a category line and a photo credit below the article out', () => {
    const out = extractHtml(page(`${paragraphs()}<p>Category: City</p><p>(Photo: Example News)</p>`), URL_);
    expect(out.textContent).not.toMatch(/Category: City|Photo: Example/);
    expect(out.textContent).toContain(P[4]);
  });

  it('keeps a timeline at the end of the article, and takes out the date lines that end the body', () => {
    const timeline = [
      ['March 3, 1928', 'The depot opens with twelve trams.'],
      ['May 9, 1954', 'The yard gets new tracks.'],
      ['June 1, 2015', 'The council promises a new roof.'],
    ]
      .map(([date, what]) => `<p><strong>${date}</strong></p><p>${what}</p>`)
      .join('');
    const out = extractHtml(page(`${paragraphs()}<h3>The depot's years</h3>${timeline}<p>Updated: 3 February 2026, 16:40</p>`), URL_);
    for (const p of P) expect(out.textContent).toContain(p);
    for (const t of ['March 3, 1928', 'The depot opens with twelve trams.', 'June 1, 2015', 'The council promises a new roof.']) expect(out.textContent).toContain(t);
    expect(out.textContent).not.toContain('Updated: 3 February 2026');
  });

  it('takes out the stamps of entries after the article: a date with its clock time, or one said twice', () => {
    const entries = [
      ['15.02.2026', 'Our deepest condolences to the family.'],
      ['15.02.2026', 'He will be missed by the whole street.'],
      ['16.02.2026, 08:07', 'Rest in peace, neighbour.'],
    ]
      .map(([date, what]) => `<p>${date}</p><p>${what}</p>`)
      .join('');
    const out = extractHtml(page(`${paragraphs()}${entries}`), URL_);
    for (const p of P) expect(out.textContent).toContain(p);
    expect(out.textContent).not.toMatch(/15\.02\.2026|16\.02\.2026/);
  });

  it('takes a picture\'s credit out of its figure in the middle of the article, and keeps the caption', () => {
    const figure = '<figure><img src="/img/depot.jpg" alt=""><figcaption><p>The main hall of the depot, built in 1928.</p><span>Photograph: Anna Kowalska/Example News</span></figcaption></figure>';
    const out = extractHtml(page(`${paragraphs(P.slice(0, 2))}${figure}${paragraphs(P.slice(2))}`), URL_);
    for (const p of P) expect(out.textContent).toContain(p);
    expect(out.textContent).toContain('The main hall of the depot, built in 1928.');
    expect(out.textContent).not.toContain('Photograph:');
  });

  it('takes out a date line of a page laid out in a table, and keeps the dates of a table of data', () => {
    // The body as Readability leaves it on such a page: the layout table's rows kept.
    const data = '<table><tr><td>Opened</td><td>12.03.1928</td></tr><tr><td>Rebuilt</td><td>09.05.1954</td></tr></table>';
    const body = parse(`<body><div><table><tbody><tr><td>Tuesday, 3 February 2026, 12:00</td></tr><tr><td>${data}${paragraphs()}</td></tr></tbody></table></div></body>`, URL_).window.document.body;
    const report = removeEdgeMetaLines(body);
    expect(body.textContent).not.toContain('Tuesday, 3 February 2026');
    expect(report.headDate).toBe('2026-02-03T12:00:00');
    for (const p of P) expect(body.textContent).toContain(p);
    expect(body.textContent).toContain('12.03.1928');
  });

  // A row of a byline, a date and a reading time, set between the standfirst and the body.
  const rows = [
    'By Anna Kowalska · Feb. 3, 2026 · 6 min read',
    'Von Anna Kowalska | 03.02.2026, 16:00 Uhr | Lesezeit: 6 Minuten',
    '03.02.2026, 16:00 • Czas czytania: 4 min',
    'Autor: Anna Kowalska · Kraj · 3 lutego 2026',
  ];
  for (const row of rows) {
    it(`takes out a row of meta items after the standfirst: "${row}"`, () => {
      const out = extractHtml(page(`<p><strong>${P[0]}</strong></p><div class="meta">${row}</div>${paragraphs(P.slice(1))}`), URL_);
      expect(out.textContent).not.toContain(row.split(/ [·|•] /)[1]);
      for (const p of P) expect(out.textContent).toContain(p);
    });
  }

  it('keeps a row that holds words of a sentence, and a date with only a place beside it mid-article', () => {
    const kept = ['Berlin · 3 February 2026', 'The vote · 3 February 2026 · was by 31 votes to 12 in the end'];
    for (const row of kept) {
      const out = extractHtml(page(`${paragraphs(P.slice(0, 2))}<p>${row}</p>${paragraphs(P.slice(2))}`), URL_);
      expect(out.textContent).toContain(row);
    }
  });
});

describe('the lead set apart from the body', () => {
  const lead = 'The old tram depot in the eastern suburbs will stay open for at least ten more years, the council decided.';
  // As some sites lay it out: the lead a heading of its own beside the body's container, which
  // Readability takes alone.
  const html = (description: string) =>
    `<!doctype html><html lang="en"><head><title>Depot stays | Example News</title><meta name="description" content="${description}"></head><body>
    <div class="main"><h1>Depot stays</h1>
    <table class="share"><tr><td><a href="/s1">Facebook</a></td><td><a href="/s2">Twitter</a></td></tr></table>
    <h3 class="lead">${lead}</h3>
    <div class="content">${paragraphs()}</div></div></body></html>`;

  it('is left out by Readability, and stays out where the page describes the article otherwise', () => {
    const out = extractHtml(html('Everything about the city, every day.'), URL_);
    expect(out.textContent).not.toContain(lead);
    expect(out.textContent).toContain(P[0]);
  });

  it('is put back where the page describes the article with it', () => {
    const out = extractHtml(html(lead), URL_);
    expect(out.textContent.split('\n')[0]).toBe(lead);
    for (const p of P) expect(out.textContent).toContain(p);
  });
});

describe('JSON-LD', () => {
  const ld = (extra: object) =>
    `<script type="application/ld+json">${JSON.stringify({
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'WebPage', name: 'Depot' },
        {
          '@type': 'NewsArticle',
          headline: 'Council keeps the old tram depot open',
          author: [{ '@type': 'Person', name: 'Anna Kowalska' }, { '@type': 'Person', name: 'Jan Nowak' }],
          datePublished: '2026-02-03T09:30:00+01:00',
          publisher: { '@type': 'Organization', name: 'Example News Group' },
          image: { '@type': 'ImageObject', url: '/img/depot.jpg' },
          ...extra,
        },
      ],
    })}</script>`;

  it('gives the byline, the date with its offset and the lead image', () => {
    const out = extractHtml(page(paragraphs(), { head: ld({}) }), URL_);
    expect(out).toMatchObject({
      byline: 'Anna Kowalska, Jan Nowak',
      publishedAt: '2026-02-03T09:30:00+01:00',
      leadImage: 'https://news.example.org/img/depot.jpg',
      siteName: 'Example News',
    });
  });

  it('shows the stated article body where the page hides its article from Readability', () => {
    const stated = P.join('\n\n');
    // The article is drawn by script; the page holds only a teaser and a long list of links.
    const teaser = `<p>Loading the article…</p><ul>${Array.from({ length: 30 }, (_, i) => `<li><a href="/a${i}">Another story number ${i} about the city and its people</a></li>`).join('')}</ul>`;
    const out = extractHtml(page(teaser, { head: ld({ articleBody: stated }) }), URL_);
    expect(out.isArticle).toBe(true);
    for (const p of P) expect(out.textContent).toContain(p);
    expect(out.textContent).not.toContain('Another story number');
  });

  it('keeps the body found where it covers the stated one', () => {
    const out = extractHtml(page(paragraphs(), { head: ld({ articleBody: P.join('\n') }) }), URL_);
    expect(out.contentHtml).toContain('<p>');
    for (const p of P) expect(out.textContent).toContain(p);
  });

  it('skips a malformed block and reads the rest of the page', () => {
    const head = `<script type="application/ld+json">{"@type": "NewsArticle", "author": </script><meta name="author" content="Anna Kowalska">`;
    const out = extractHtml(page(paragraphs(), { head }), URL_);
    expect(out.byline).toBe('Anna Kowalska');
    expect(out.textContent).toContain(P[0]);
  });
});
