/**
 * The reader on other sites, over pages in scripts written without spaces between words
 * (Chinese, Japanese), made up here: a headline there is one run of letters, a sentence has few
 * "words", and the labels are the languages' own. The same furniture goes as on a page in
 * English, and the article stays whole.
 */
import { describe, expect, it } from 'vitest';
import { extractHtml } from './dom-env.ts';

const URL_ = 'https://news.example.cn/2012/0105/snow.html';

const ZH = [
  '新华网北京1月5日电（记者王明）北京市气象台4日晚发布消息，今冬首场降雪于5日凌晨开始，城区大部分地区出现小到中雪，部分路段出现积雪和结冰现象。',
  '受降雪影响，北京市多条主干道早高峰期间车速明显下降，交通管理部门出动警力两千余人，在重点路段疏导交通。市交通委员会表示，公交和地铁运营总体平稳。',
  '气象专家提醒，降雪过后气温将明显下降，未来三天最低气温将降至零下十度左右，市民出行应注意防寒保暖，驾车出行要减速慢行，保持安全车距。',
  '据了解，这是北京今年入冬以来的第一场降雪，比常年偏晚约一个月。农业部门表示，此次降雪对缓解冬季旱情、减少病虫害有积极作用。',
];
const ZH_RELATED = ['北京发布道路结冰黄色预警信号', '全国多地迎来降温降雪天气过程', '气象局：春节前后将有两次冷空气'];
const ZH_COMMENTS = ['今天早上堵了一个多小时，太难了。', '羡慕北京能看到雪，我们这里一直没下。', '注意安全，开车慢一点。'];

/** One container holds the article and everything after it, as on many portals. */
function zhPage(inside: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>北京今冬首场降雪带来交通压力_新闻中心</title></head><body>
    <div class="nav"><a href="/">首页</a> <a href="/news">新闻</a> <a href="/sports">体育</a> <a href="/finance">财经</a></div>
    <div class="main"><h1>北京今冬首场降雪带来交通压力</h1><div id="content">${inside}</div></div>
    <div class="footer">关于我们 | 联系我们</div></body></html>`;
}

const zhParagraphs = (ps: readonly string[] = ZH) => ps.map((p) => `<p>${p}</p>`).join('');
const zhLinks = ZH_RELATED.map((h, i) => `<li><a href="/news/${i}.html">${h}</a></li>`).join('');
const zhComments = ZH_COMMENTS.map((c, i) => `<div><span>网友${i}</span> 2012-01-05 11:${10 + i}<p>${c}</p><a href="#r">回复</a></div>`).join('');

describe('a Chinese page', () => {
  it('keeps the article and takes out its dateline, share line, related headlines, comments and copyright', () => {
    const out = extractHtml(
      zhPage(
        `<p>2012年01月05日 10:23 来源：新华网</p><p>分享到：</p>${zhParagraphs()}<p>责任编辑：李华</p>` +
          `<div><p><strong>相关新闻：</strong></p><ul>${zhLinks}</ul></div>` +
          `<div><p><b>网友评论(3)</b></p>${zhComments}</div><p>Copyright © 2012 新闻中心 版权所有</p>`,
      ),
      URL_,
    );
    for (const p of ZH) expect(out.textContent).toContain(p);
    for (const h of ZH_RELATED) expect(out.textContent).not.toContain(h);
    for (const c of ZH_COMMENTS) expect(out.textContent).not.toContain(c);
    expect(out.textContent).not.toMatch(/相关新闻|网友评论|分享到|来源：新华网|责任编辑|版权所有/);
    expect(out.publishedAt).toBe('2012-01-05T10:23:00');
  });

  it("takes out a portal's rows of tools and of labelled items, its breadcrumb and its links to the next and previous articles", () => {
    const out = extractHtml(
      zhPage(
        `<p>首页 &gt; 社会 &gt; 正文</p><p>时间：2012-01-05 10:21 来源：新华网 作者：王明 点击：1562次</p>${zhParagraphs()}` +
          `<p>【来源：新华网】【责任编辑：李华】</p><p>【我要纠错】【打印本页】【关闭窗口】</p><p>上一篇：北京发布道路结冰预警 / 下一篇：全国多地迎来降温</p>`,
      ),
      URL_,
    );
    expect(out.textContent.split('\n').map((l) => l.trim()).filter(Boolean)).toEqual(ZH);
    expect(out.publishedAt).toBe('2012-01-05T10:21:00');
  });

  it("puts back a short lead and an editor's note set above the text, and takes an editor's tag off the last paragraph's end", () => {
    const lead = '银监会要求各地融资平台今年不得新增贷款，存量贷款分类处置。';
    const note = '【编者按】今冬首场降雪如约而至，本网记者走进街头巷尾，记录这座城市的清晨。';
    const html = (head: string, above: string) => `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>北京今冬首场降雪带来交通压力</title>${head}</head><body>
      <div class="nav"><a href="/">首页</a> <a href="/news">新闻</a></div>
      <div class="main"><h1>北京今冬首场降雪带来交通压力</h1>${above}<div id="content">${zhParagraphs(ZH.slice(0, 3))}<p>${ZH[3]}[责任编辑：刘亚楠]</p></div></div>
      <div class="footer">关于我们 | 联系我们</div></body></html>`;
    const short = extractHtml(html(`<meta name="description" content="${lead}">`, `<div class="summary"><p>${lead}</p></div>`), URL_);
    expect(short.textContent.split('\n').map((l) => l.trim()).filter(Boolean)).toEqual([lead, ...ZH]);
    const noted = extractHtml(html('', `<div class="note"><p>${note}</p></div>`), URL_);
    expect(noted.textContent.split('\n').map((l) => l.trim()).filter(Boolean)).toEqual([note, ...ZH]);
  });

  it('takes out a list of headlines with no label, and keeps a list that is part of the article', () => {
    const own = '<ul><li>城区道路积雪较厚，请提前出门。</li><li>地铁增开临时列车。</li><li>高速公路部分路段封闭。</li></ul>';
    const out = extractHtml(zhPage(`${zhParagraphs(ZH.slice(0, 2))}<p>交通部门提醒市民：</p>${own}${zhParagraphs(ZH.slice(2))}<ul>${zhLinks}</ul>`), URL_);
    for (const p of ZH) expect(out.textContent).toContain(p);
    expect(out.textContent).toContain('地铁增开临时列车。');
    for (const h of ZH_RELATED) expect(out.textContent).not.toContain(h);
  });

  it('keeps an opening sentence that starts with a date, and label words inside sentences', () => {
    const opening = '2012年1月5日，北京市气象台发布消息说今冬首场降雪已经开始。';
    const inSentence = '不少网友评论说，这场雪来得太晚了，相关新闻在网上被大量分享。';
    const out = extractHtml(zhPage(`<p>${opening}</p>${zhParagraphs(ZH.slice(0, 2))}<p>${inSentence}</p>${zhParagraphs(ZH.slice(2))}`), URL_);
    expect(out.textContent).toContain(opening);
    expect(out.textContent).toContain(inSentence);
    for (const p of ZH) expect(out.textContent).toContain(p);
  });

  it('ends a short article at a comments label followed by more comments than article, by their times and reply buttons', () => {
    const many = Array.from({ length: 8 }, (_, i) => `<div><p>网友${i}：${ZH_COMMENTS[i % 3]}这件事大家都很关心，希望有关部门做好准备。</p><p>${i + 2}分钟前</p><p><a href="#r">回复</a></p></div>`).join('');
    const out = extractHtml(zhPage(`${zhParagraphs(ZH.slice(0, 3))}<p>评论</p>${many}`), URL_);
    for (const p of ZH.slice(0, 3)) expect(out.textContent).toContain(p);
    expect(out.textContent).not.toMatch(/网友\d|分钟前|回复/);
  });

  it('keeps an article inside a form with a comment form\'s fields, where the menus hold more text', () => {
    const menu = Array.from({ length: 40 }, (_, i) => `<li><a href="/c/${i}">栏目${i}新闻频道</a></li>`).join('');
    const fields = '<p>昵称 <input name="nick"> 邮箱 <input type="email" name="mail"></p><textarea name="body"></textarea><button>发表</button>';
    const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>北京今冬首场降雪带来交通压力</title></head><body>
      <ul class="menu">${menu}</ul><h1>北京今冬首场降雪带来交通压力</h1>
      <form action="/post">${zhParagraphs()}${fields}</form><ul class="menu">${menu}</ul></body></html>`;
    const out = extractHtml(html, URL_);
    for (const p of ZH) expect(out.textContent).toContain(p);
  });
});

describe('a Chinese portal\'s furniture and credits', () => {
  const captioned = (caption: string) => `<p><img src="/photo/1.jpg" alt=""></p><p>${caption}</p>`;
  it('takes out the editor in brackets, the original title, the QR prompt, the pager, a topic\'s link, app promotions and the copyright, and keeps the article', () => {
    const out = extractHtml(
      zhPage(
        `${zhParagraphs()}<p>点击进入专题：2012北京初雪</p><p>上一页 1 2 3 下一页</p><p>請繼續往下閱讀...</p>` +
          `<p>不用抽 不用搶 現在用APP看新聞 保證天天中獎</p><p>（原标题：北京迎来今冬首场降雪）</p><p>本文来源：中国新闻网 作者：张雅琪 责任编辑：王凤枝</p>` +
          `<p>【责任编辑:王晓宇】</p><p>扫一扫在手机打开当前页</p><p>本網站之文字、圖片及影音，非經授權，不得轉載、公開播送或公開傳輸及利用。</p>`,
      ),
      URL_,
    );
    expect(out.textContent.replace(/\s+/g, '')).toBe(ZH.join(''));
  });

  it('takes the photographer\'s credit off the end of a caption, and keeps the caption', () => {
    const captions: [string, string][] = [
      ['2月17日，旅客在北京南站候车大厅排队检票。', '新华社记者 鞠焕宗 摄'],
      ['2月17日，复兴号动车组列车驶出成都东站。', '新华社发（张磊 摄）'],
      ['高雄港第七貨櫃中心今日啟用，超大型貨櫃輪首度靠泊。', '（記者林志明攝）'],
      ['市民在杭州奥体中心体育馆内打羽毛球。', '（新华社记者 李华 摄）'],
    ];
    const out = extractHtml(zhPage(`${zhParagraphs(ZH.slice(0, 2))}${captions.map(([c, credit]) => captioned(c + credit)).join('')}${zhParagraphs(ZH.slice(2))}`), URL_);
    for (const [caption, credit] of captions) {
      expect(out.textContent).toContain(caption);
      expect(out.textContent).not.toContain(credit.replace(/[（）]/g, '').slice(0, 4));
    }
    for (const p of ZH) expect(out.textContent).toContain(p);
  });

  it('keeps sentences that hold the same words: a reporter who learned, a video filmed, an app to book with, a QR code to pay, an opening credit in brackets', () => {
    const sentences = [
      '日前，记者从市摄影家协会获悉，第十届城市风光摄影作品展将于3月1日在市美术馆开幕，展期为一个月。',
      '（记者：王明）近日，市政府召开新闻发布会，介绍今年城市更新工作的主要进展和下一步安排。',
      '市民下载“文化云”APP即可在线预约。',
      '扫一扫就能付款，老人也学会了。',
    ];
    const filmed = '<p>图为市民向记者展示用手机拍摄<a href="/v/1.html">的视频</a>，画面清晰。</p>';
    const out = extractHtml(zhPage(`<p>${sentences[1]}</p>${zhParagraphs(ZH.slice(0, 2))}<p>${sentences[0]}</p><p>${sentences[2]}</p>${filmed}<p>${sentences[3]}</p>${zhParagraphs(ZH.slice(2))}`), URL_);
    for (const s of sentences) expect(out.textContent).toContain(s);
    expect(out.textContent).toContain('图为市民向记者展示用手机拍摄的视频，画面清晰。');
  });

  it('takes an agency or a giver in brackets off a figure\'s caption only, and keeps them in a sentence', () => {
    const sentence = '市政府表示，相关数据（交通局提供）显示，本周客流比上周增加了百分之十二，地铁运营总体平稳有序。';
    const figure = '<figure><img src="/photo/2.jpg" alt=""><figcaption>台北捷運環狀線北環段19日動工，市府官員出席典禮。（中央社）</figcaption></figure>';
    const out = extractHtml(zhPage(`${zhParagraphs(ZH.slice(0, 2))}${figure}<p>${sentence}</p>${zhParagraphs(ZH.slice(2))}`), URL_);
    expect(out.textContent).toContain('台北捷運環狀線北環段19日動工，市府官員出席典禮。');
    expect(out.textContent).not.toContain('中央社');
    expect(out.textContent).toContain(sentence);
  });
});

describe('a short brief', () => {
  it('is an article: two sentences of Chinese are worth showing', () => {
    const brief = '国家统计局今天发布数据，一月份全国居民消费价格同比上涨百分之二。其中城市上涨百分之一点九，农村上涨百分之二点三。';
    const out = extractHtml(zhPage(`<p>${brief}</p>`), URL_);
    expect(out.isArticle).toBe(true);
    expect(out.textContent).toContain(brief);
  });
});

describe('a Japanese page', () => {
  const JA = [
    '東京都心で5日未明、今冬初めての雪が観測された。平年より二十日遅く、昨年より三日遅い初雪となった。気象庁によると、雪は朝までに雨に変わる見込みだという。',
    '首都高速道路では一部の区間で通行止めとなり、朝の通勤時間帯には各地で渋滞が発生した。鉄道各社は列車の運行に大きな乱れはないとしている。',
    '気象庁は、路面の凍結による転倒や交通事故に十分注意するよう呼びかけている。週末にかけて寒さは一段と厳しくなる見通しだ。',
  ];
  const related = ['関東地方で大雪警報、交通機関に影響', '北日本で記録的な寒波が続く見通し', '初雪の観測、全国で平年より遅れ'];
  const comments = ['朝から電車が遅れて大変でした。', '雪景色がとてもきれいでした。', '道が凍っているので気をつけたい。'];

  it('keeps the article and takes out the related articles and the comments with their times and reply buttons', () => {
    const links = related.map((h, i) => `<li><a href="/articles/${i}">${h}</a></li>`).join('');
    const thread = comments.map((c, i) => `<div><p>${c}</p><p>${i + 2}時間前</p><p><a href="#r">返信</a></p></div>`).join('');
    const html = `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>東京で初雪 | 例ニュース</title></head><body>
      <nav><a href="/">トップ</a> <a href="/society">社会</a></nav>
      <main><h1>東京で初雪、平年より二十日遅く</h1><div>${JA.map((p) => `<p>${p}</p>`).join('')}
      <h3>関連記事</h3><ul>${links}</ul><h3>コメント</h3>${thread}</div></main></body></html>`;
    const out = extractHtml(html, 'https://news.example.jp/articles/snow');
    for (const p of JA) expect(out.textContent).toContain(p);
    for (const h of related) expect(out.textContent).not.toContain(h);
    for (const c of comments) expect(out.textContent).not.toContain(c);
    expect(out.textContent).not.toMatch(/関連記事|コメント|返信/);
  });
});
