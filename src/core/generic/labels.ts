/**
 * The visible labels of what surrounds articles on news sites, in the languages Oqy's readers
 * meet most: English, Russian, Kazakh, Ukrainian, Polish, Czech, Slovak, Hungarian, Romanian,
 * Dutch, Greek, German, French, Spanish, Italian, Portuguese, Turkish, Arabic, Hindi,
 * Vietnamese, Chinese, Japanese and Korean. Each pattern matches a whole short line (folded:
 * lower case, whitespace collapsed, Greek without accents), never a word inside a sentence.
 */

import { FURNITURE } from '../clean/furniture.ts';
import { isLabelledRow } from './meta-lines.ts';
import { withoutGreekAccents } from '../text/normalize.ts';

/** A pattern of labels, matched on text without Greek accents (see withoutGreekAccents). */
export const greekFreeRegExp = (source: string, flags?: string) => new RegExp(withoutGreekAccents(source), flags);

export type LabelKind =
  /** Starts the readers' comments: everything after it in the body is theirs. */
  | 'comments'
  /** Heads a list of other articles: "Read also", "Related", "Most read". */
  | 'related'
  /** A line of its own that is no part of any article: share, follow, subscribe, advertisement. */
  | 'chrome'
  /** A paywall's prompt: "Continue reading with Plus", "Already a subscriber?". The free part ends here. */
  | 'paywall';

const COUNT = String.raw`(?:[(（]?\d+[)）]?\s*)?`;

/** Comment sections: "Comments (12)", "13 Comment(s)", "Leave a reply", "Opinie", "Σχόλια", "Пікірлер". */
const COMMENTS = greekFreeRegExp(
  String.raw`^${COUNT}(?:` +
    [
      String.raw`(?:reader'?s'?\s+|user\s+|your\s+|latest\s+|recent\s+|selected\s+|featured\s+|all\s+|show\s+(?:all\s+)?|view\s+(?:all\s+)?|read\s+(?:all\s+)?|top\s+)?comments?(?:\s*\(s\))?(?:\s+(?:on this (?:article|story|post)|are closed|closed|policy|\(\d+\)))?`,
      String.raw`(?:please\s+)?(?:add|post|leave|write|submit)\s+(?:a|your|new)?\s*(?:comment|reply|response|opinion)s?`,
      String.raw`leave a reply|have your say|join the (?:discussion|conversation|debate)|discuss(?:ion)?(?: this (?:article|story))?|reader reactions?|what do you think\??`,
      String.raw`komentarz(?:e|y|a)?|wybrane komentarze|najnowsze komentarze|dodaj (?:komentarz|opini[eę])|skomentuj|napisz komentarz|opinie|opinii|twoja opinia|forum dyskusyjne`,
      String.raw`σχόλι(?:α|ο)(?:\s+αναγνωστών)?|σχολιάστε|γράψτε (?:το )?σχόλιο|προσθήκη σχολίου|τα σχόλιά σας|οι απόψεις σας|η γνώμη σας`,
      String.raw`комментари(?:и|ев|й|я)?|оставить комментарий|добавить комментарий|обсуждение|ваше мнение|коментар(?:і|ів)|залишити коментар`,
      String.raw`пікір(?:лер)?|пікір қалдыру|пікір жазу`,
      String.raw`(?:网友|網友|读者|讀者|最新|热门|熱門|精彩|全部|查看|相关|相關)?(?:评论|評論|留言)(?:区|區|列表)?|(?:发表|發表|我要|我来|我來)(?:评论|評論|留言)|(?:已有|共)\s*\d+\s*(?:条|條)(?:评论|評論)|コメント(?:一覧|する|を書く|を投稿)?|読者の(?:声|コメント)|댓글(?:\s*(?:쓰기|달기|보기))?`,
      String.raw`التعليقات|تعليقات|أضف تعليق[اً]?|اترك تعليق[اً]?|टिप्पणियां|टिप्पणियाँ|टिप्पणी करें|कमेंट्स|bình luận|ý kiến bạn đọc|(?:gửi|viết) bình luận`,
      String.raw`hozzászólások|hozzászólás írása|reacties|reageer|reactie plaatsen|comentarii|adaugă un comentariu|lasă un comentariu|komentáře|komentáre|komentovat|diskuse|diskuze|diskusia|přidat komentář|pridať komentár|kommentare?|kommentieren|leserkommentare|diskussion|commentaires?|réagissez|réagir|réactions|laisser un commentaire|comentarios?|deja (?:un|tu) comentario|commenti|lascia un commento|comentários?|yorumlar|yorum yap`,
    ].join('|') +
    String.raw`)\s*(?:[:：]\s*)?${COUNT}[:.!：！]?$`,
);

/**
 * Comment labels that are also an article's own subheadings: "Opinie" over experts' words,
 * "Discussion" closing a paper's summary, "Kommentar" over a commentary, a singular
 * "Комментарий" before an official's comment. Alone, with no count, they head the readers'
 * comments only where the comments' own details (time stamps, reply buttons) follow.
 */
const SUBHEADING_LIKE_COMMENTS = greekFreeRegExp(
  '^(?:' +
    [
      'opinie|opinii|komentarz|discussion|discuss|comment',
      'обсуждение|комментарий|коментар|пікір|σχόλιο',
      'diskussion|kommentar|réactions|commentaire|comentario|comentário|diskuse|diskuze|diskusia|komentář|komentár|reacties|reactie|reakciók|reakce|reacții',
    ].join('|') +
    ')[:.!：]?$',
);

/** Lists of other articles: "Read also", "Related articles", "See also", "More on this story". */
const RELATED_WORDS =
  '(?:' +
  [
    String.raw`(?:read|see) (?:also|more)|also read|read next|related(?: (?:articles?|stories|news|content|posts|links|coverage|topics))?|more (?:on this (?:story|topic)|from|stories|news|in|like this)(?:\s.*)?|you (?:may|might) (?:also )?(?:like|be interested in)|recommended(?: for you)?|most (?:read|popular|viewed|shared|commented)|latest (?:news|stories|articles)|top stories|elsewhere on .{1,40}|in (?:other|related) news|trending(?: now)?|popular (?:now|stories)|editor'?s picks`,
    String.raw`zobacz (?:też|także|również)|czytaj (?:też|także|również|więcej)|przeczytaj (?:też|także|również)|polecamy|najnowsze|najczęściej czytane|najpopularniejsze|powiązane(?: artykuły)?|w tym temacie|więcej na ten temat|podobne artykuły`,
    String.raw`διαβάστε (?:επίσης|ακόμη|ακόμα)|δείτε (?:επίσης|ακόμη)|σχετικά(?: άρθρα| θέματα)?|περισσότερα|τα πιο δημοφιλή|δημοφιλή|πιο πρόσφατα|τελευταία νέα|ροή ειδήσεων`,
    String.raw`читайте (?:также|еще|ещё)|смотрите также|по теме|ссылки по теме|ещё по теме|другие новости|похожие (?:новости|статьи)|самое читаемое|популярное|последние новости|новости по теме|лента новостей|читайте також|на цю тему|новини (?:по|на) темі|найпопулярніше|схожі новини|останні новини|стрічка новин`,
    String.raw`тақырыпқа қатысты|тақырыптас жаңалықтар|оқи отырыңыз|көп оқылғандар|ең көп оқылғандар|соңғы жаңалықтар|ұқсас жаңалықтар`,
    String.raw`(?:相关|相關)(?:新闻|新聞|阅读|閱讀|文章|链接|連結|报道|報導|资讯|資訊|专题|專題)|(?:延伸|推荐|推薦|扩展|擴展)(?:阅读|閱讀)|(?:热门|熱門|热点|熱點|最新|更多|精彩|今日)(?:新闻|新聞|文章|推荐|推薦|资讯|資訊|排行)|(?:点击|點擊|阅读|閱讀)?排行(?:榜)?|更多(?:报道|報導)(?:详见|詳見)?|猜你喜(?:欢|歡)|(?:编辑|編輯)(?:推荐|推薦)`,
    String.raw`関連(?:記事|ニュース|リンク)|(?:おすすめ|オススメ|人気|最新)(?:記事|ニュース)|アクセスランキング|あわせて読みたい|こちらもおすすめ|관련\s*(?:기사|뉴스)|많이 본 (?:기사|뉴스)|(?:인기|추천|최신)\s*(?:기사|뉴스)`,
    String.raw`(?:lesen sie(?: auch| mehr)?|mehr zum thema|das könnte sie auch interessieren|weitere artikel|meistgelesen)|(?:à lire aussi|lire aussi|sur le même sujet|les plus lus|le plus lu)|(?:lee también|te puede interesar|noticias relacionadas|más leídas|lo más (?:leído|visto))|(?:leggi anche|potrebbe interessarti|articoli correlati)|(?:leia também|veja também|mais lidas)|(?:kapcsolódó (?:cikkek|hírek)|ezt is ajánljuk|olvassa el ezt is|legolvasottabb|lees ook|lees meer|gerelateerde artikelen|meest gelezen|citește și|vezi și|articole similare|cele mai citite|temas relacionados)|(?:související(?: články| zprávy)?|čtěte (?:také|též|dále)|přečtěte si (?:také|též)|mohlo by vás zajímat|nejčtenější|další zprávy|súvisiace(?: články| správy)?|čítajte (?:aj|tiež)|prečítajte si (?:aj|tiež)|najčítanejšie)|(?:ilgili haberler|bunlar da ilginizi çekebilir|ilginizi çekebilir|bunu da okuyun|en çok okunanlar)`,
    String.raw`اقرأ (?:أيضا|أيضاً|المزيد)|(?:مواضيع|أخبار|مقالات) ذات صلة|الأكثر قراءة|यह भी पढ़ें|ये भी पढ़ें|संबंधित (?:खबरें|ख़बरें|लेख)|और पढ़ें|सबसे ज्यादा पढ़ी गई|xem thêm|tin liên quan|bài liên quan|tin cùng chuyên mục|đọc nhiều nhất|tin mới nhất`,
  ].join('|') +
  ')';
const RELATED = greekFreeRegExp('^' + RELATED_WORDS + String.raw`\s*[:.»>›→\-–—：》]*\s*$`);
/** A related label that opens a line and a headline follows it: "Read also: …", "相关阅读：…", "【関連記事】…". */
const RELATED_LEAD = greekFreeRegExp('^[【\\[(]?' + RELATED_WORDS + String.raw`\s*(?:[:：»>›|】\])]|\s[-–—])\s*\S`);

/** Lines that are no part of an article anywhere. */
const CHROME = greekFreeRegExp(
  '^(?:' +
    [
      // Sharing and following.
      String.raw`share(?: this)?(?: (?:article|story|page|post))?(?: (?:on \w+|via email))?|tweet|email|e-mail|print(?: this (?:article|page))?|pin it|like us on facebook|follow us(?: on .{1,40})?|be a fan of .{1,60} on facebook.*|find us on facebook|join us on facebook`,
      String.raw`podziel się|udostępnij|wyślij(?: znajomemu)?|drukuj|poleć|obserwuj nas.*|jesteśmy (?:też |również )?na facebooku.*|dołącz do nas.*`,
      String.raw`κοινοποίηση|μοιραστείτε(?: το)?|εκτύπωση|αποστολή(?: με email)?`,
      String.raw`поделиться|распечатать|печать|версия для печати|обсудить(?: на форуме)?|все новости|(?:[<‹«]+\s*)?назад к списку (?:новостей|статей|материалов)|соб\.?\s?инф\.?|в избранное|подписывайтесь на на[сш].*|бөлісу|басып шығару|бізге жазылыңыз.*|поширити|поділитися|підписуйтесь.*|підпишіться.*|друк`,
      String.raw`分享(?:到|至)?|打印(?:本页|本頁|此文)?|列印(?:本頁)?|收藏(?:本文)?|关闭(?:窗口)?|關閉(?:視窗)?|返回(?:顶部|頂部)|回到(?:顶部|頂部)|回(?:页|頁)(?:顶|頂)|(?:我要)?(?:纠错|糾錯)|(?:电邮|電郵|推荐|推薦|转寄|轉寄|发送|發送)(?:给|給)(?:朋友|好友)|字[号號](?:[:：]?\s*(?:[大中小]\s*){1,3})?|シェア(?:する)?|印刷|ページの先頭へ|공유(?:하기)?|인쇄|맨 위로`,
      // The next and the previous article, and a breadcrumb of three steps from the home page: "上一篇：…", "首页 > 法治 > 正文", "Главная / Новости / Общество".
      String.raw`(?:上一篇|下一篇|上一条|下一条|上一條|下一條|上一则|下一则|上一則|下一則)[:：].{1,80}|(?:首页|首頁|主页|主頁|网站首页|網站首頁|главная|басты бет)(?:\s*[>»›→/]\s*[^>»›→/]{1,30}){2,5}`,
      // Chinese page furniture: a QR prompt, the pager, a topic's link, "continue below", app promotions, a platform's disclaimer.
      String.raw`(?:扫一扫|掃一掃)(?:在手机打开当前页|在手機打開當前頁|分享(?:到朋友圈)?)?|(?:手机|手機)(?:扫码|掃碼)(?:阅读|閱讀|打开|打開)?|(?:上一页|上一頁)?\s*(?:\d+\s*){1,12}(?:下一页|下一頁)|上一页|上一頁|下一页|下一頁|(?:点击|點擊)(?:进入|進入|查看)(?:专题|專題)[:：].{1,60}|(?:请|請)(?:继续|繼續)(?:往下|向下)?(?:阅读|閱讀)(?:\.{1,3}|…)?|打开.{1,12}查看(?:精彩|更多)?(?:图片|圖片|视频|視頻)|.{0,20}(?:用app看新[闻聞]|点我订阅|點我訂閱).{0,30}|(?:特别声明|特別聲明|免责声明|免責聲明)[:：].*|[（(]?本文(?:仅|僅)代表作者(?:个人|個人|本人)?(?:观点|觀點|看法)[）)]?|网摘|網摘|商城|推荐|推薦|(?:以上)?(?:网友|網友|网民|網民|用户|用戶|读者|讀者)(?:发言|發言|评论|評論|言论|言論|留言).{0,12}(?:只|仅|僅)(?:代表|供).{0,60}(?:观点|觀點|立场|立場|看法)[^。]{0,30}。?`,
      // A tip line ends with its addresses: "제보는 카카오톡 okjebo".
      String.raw`(?:기사\s*)?제보는\s*(?:카카오톡|이메일)\s*[:：]?\s*[^\s가-힣]+(?:\s*[,/]?\s*[^\s가-힣]+){0,3}`,
      String.raw`e-?mail this (?:story|article)|printer[- ]friendly(?: version)?|мнение редакции (?:может )?не (?:всегда )?совпада(?:ет|ть) с мнением (?:автора|авторов).*|sdílet|tisk|zdieľať|tlačiť|sledujte nás(?: na .{1,40})?|(?:follow .{1,40} on|urmărește-ne pe|śledź nas w|ακολουθήστε (?:το|τη|τον|μας) .{0,40}στο|следите за нами в|segui(?:ci)? .{0,40}su) google news.{0,80}|следите за нами в .{1,40}|teilen|drucken|partager|imprimer|compartir|imprimir|condividi|stampa|compartilhar|paylaş|شارك|مشاركة|طباعة|शेयर करें|प्रिंट|chia sẻ(?: bài viết)?|in bài(?: viết)?`,
      String.raw`(?:jetzt |newsletter )?abonnieren|(?:inscrivez|abonnez)-vous(?: gratuitement)?(?: à (?:notre|la|nos) newsletters?.*)?|suscr[ií]b(?:e|ete|irse)(?: a (?:nuestro|nuestra|nuestros) (?:newsletter|boletín|boletines).*)?|abone ol(?:un)?`,
      // Newsletters and subscriptions.
      String.raw`iscriviti alla (?:nostra )?newsletter.*|inscreva-se (?:na|em) (?:nossa )?newsletter.*|přihlaste se k (?:odběru )?newsletteru.*|sign up (?:to|for) (?:our|the) .{0,40}newsletters?.*|subscribe(?: (?:to|now|today).*)?|get (?:our|the) .{0,30}newsletter.*|newsletter|zapisz się(?: do)? newslettera?.*|newsletter|εγγραφείτε.*|подпишитесь.*|жазылыңыз`,
      // Advertisements and page furniture.
      String.raw`(?:(?:big box|leaderboard|skyscraper|banner)\s+)?advertisement|sponsored(?: (?:content|links))?|ads by google|linki sponsorowane|reklama|ogłoszenie|hirdetés|advertentie|publicitate|διαφήμιση|σύνδεσμοι διαφημιζομένων|реклама|жарнама|anzeige|werbung|publicité|publicidad|pubblicità|publicidade|reklam|إعلان|विज्ञापन|quảng cáo|广告|廣告|推广|推廣|広告|광고`,
      String.raw`continua após a publicidade|continúa después de la publicidad|la suite après (?:la publicité|cette publicité)|l'articolo continua (?:sotto|dopo la pubblicità)|weiterlesen nach der anzeige|artykuł kontynuujemy poniżej|dalsza część (?:artykułu|tekstu) pod (?:reklamą|materiałem wideo)|pokračování (?:článku )?pod reklamou|continue reading(?: the main story| below)?|story continues below(?: advertisement)?|back to top|top of page|skip to (?:content|main content)|advertisement\s*-\s*continue reading below`,
      // A badge over a subscriber's article.
      String.raw`(?:article |contenu )?réservé aux abonnés|(?:for |exclusive (?:for|to) )?subscribers only|subscriber exclusive|nur für abonnenten|tylko dla (?:prenumeratorów|subskrybentów)|μόνο για συνδρομητές|solo para suscriptores|riservato agli abbonati|exclusivo para assinantes`,
      String.raw`rate this(?: article| story)?|oceń(?: artykuł)?|ocena|βαθμολογήστε|oceń jakość naszego artykułu|twoja opinia pozwala nam tworzyć lepsze treści|rating:\s*\d(?:[.,]\d)?\s*out of\s*\d+\s*stars?`,
      // A sponsor's legal marking (Russia's "erid"), an agency's prompts and notices, a print view's links, a read count.
      String.raw`реклама\.\s.{0,160}\berid\s*:\s*\S+|treść artykułu poniżej reklamy|masz newsa, zdjęcie lub filmik\?.{0,80}|εκτυπώσιμη μορφή(?:\s*\|\s*αποστολή σε φίλο)?|αναγνώσεις\s*:?\s*\d+`,
      String.raw`image source,\s*[^,.]{1,60}|a post shared by [^()]{1,60}\(@[\w.]+\)|when you (?:purchase|buy)(?: something)? through (?:retail )?links on our site,? we may earn (?:an )?affiliate commission\.?(?: here's how it works)?`,
      String.raw`font size|a\s*a\s*a|a\s*-\s*a\s*\+|text size|rozmiar (?:tekstu|czcionki)`,
      // A typo prompt, a reactions question, a pager.
      FURNITURE,
      // A gallery's arrows left alone: "‹ ›".
      String.raw`[‹›«»<>←→]+(?:\s+[‹›«»<>←→]+)*`,
      // The end mark of a press release.
      String.raw`#{3}|-\s?30\s?-`,
      // A media player's clock left as text: where it stands and how long it runs ("00:00 / 02:14", "0:0002:14").
      String.raw`(?:\d{1,2}:)?\d{1,2}:\d{2}\s*[/|]\s*(?:\d{1,2}:)?\d{1,2}:\d{2}|0?0:00(?:\d{1,2}:)?\d{1,2}:\d{2}`,
      // A line of hashtags alone: "#education #Almaty".
      String.raw`#[^\s#]+(?:[\s,;|•·]*#[^\s#]+)+`,
      // A gallery's counter ("Foto 1 de 5", "Photo 2 of 12", "Фото 3 из 8") and a reading time alone.
      String.raw`(?:photo|picture|image|slide|foto|fotografía|imagen|zdjęcie|фото|φωτογραφία|fotoğraf)\s*\d+\s*(?:of|de|z|из|di|von|sur|από|/)\s*\d+`,
      String.raw`(?:reading time|read time|lesezeit|temps de lecture|tiempo de lectura|czas czytania|время чтения|okuma süresi)\s*:?\s*\d+\s*[^\s\d]*\.?|\d+\s*min(?:ute)?s?\s+read`,
    ].join('|') +
    String.raw`)\s*[:.!：！]?\s*$`,
);

/** The prompts of a paywall, where the article's free part ends. */
const PAYWALL = greekFreeRegExp(
  '^(?:' +
    [
      String.raw`continue reading with (?:\S+\s?){1,3}|(?:subscribe|sign in|log in|register) to (?:continue|keep) reading|already (?:a )?(?:subscriber|member)\??(?: (?:log|sign) in)?|this (?:article|story|content) is (?:only )?(?:available )?(?:for|to) (?:subscribers|members)|to (?:continue|keep) reading,? (?:please )?(?:subscribe|log in|sign in)|unlock this (?:article|story)`,
      String.raw`weiterlesen mit (?:\S+\s?){1,3}|bereits abonnent(?:in)?\??(?: (?:jetzt )?anmelden)?|dieser (?:artikel|beitrag) ist (?:nur )?für (?:abonnenten|abonnentinnen)(?: verfügbar| sichtbar)?`,
      String.raw`masz już (?:subskrypcję|prenumeratę|dostęp)\??(?: zaloguj(?: się)?)?|czytaj dalej z (?:\S+\s?){1,3}|ten (?:artykuł|tekst) (?:jest )?dostępny (?:tylko )?(?:dla|w) (?:subskrybentów|prenumeratorów|prenumeracie|abonamencie)|pozostało \d+\s*% (?:artykułu|tekstu)`,
      String.raw`είστε ήδη συνδρομητής\??(?: συνδεθείτε)?|συνεχίστε την ανάγνωση με (?:\S+\s?){1,3}|уже (?:подписчик|подписаны|есть подписка)\??(?: войти| войдите)?|продолжение (?:доступно|статьи доступно) (?:только )?(?:по подписке|подписчикам)`,
      String.raw`déjà abonné(?:e)?\s*\??(?: (?:se connecter|connectez-vous|je me connecte))?|(?:la suite|cet article) est réservée? aux abonnés|il vous reste \d+(?:[.,]\d+)?\s*% de (?:cet |l['’])article à lire(?:\.\s*la suite est réservée aux abonnés)?|(?:you have |there (?:is|are) )?\d+(?:[.,]\d+)?\s*% of (?:this|the) (?:article|story) (?:left|remaining)(?: to read)?|¿?ya (?:eres|soy) suscriptor\??(?: inicia sesión)?|este (?:artículo|contenido) es exclusivo para suscriptores|sei già abbonato\??(?: accedi)?|continua a leggere con (?:\S+\s?){1,3}|já é assinante\??(?: (?:entre|faça login))?|continue lendo com (?:\S+\s?){1,3}`,
    ].join('|') +
    String.raw`)\s*[:.!]?\s*$`,
);

/** Copyright lines: "© 2011 HealthDay. All rights reserved." */
const COPYRIGHT = greekFreeRegExp(
  String.raw`^(?:(?:copyright|\(c\)|©)\s*(?:©\s*)?(?:\d{4}|[\p{L}])|.{0,160}(?:all rights reserved|wszelkie prawa zastrzeżone|με επιφύλαξη παντός δικαιώματος|все права защищены|барлық құқықтар қорғалған|alle rechte vorbehalten|tous droits réservés|todos los derechos reservados|tutti i diritti riservati|tüm hakları saklıdır|всі права захищені|جميع الحقوق محفوظة|सर्वाधिकार सुरक्षित|bản quyền thuộc về|版权所有|版權所有|不得转载|禁止转载|不得轉載|禁止轉載|未经授权|未經授權|無断転載|무단\s*전재|перепечатка (?:материалов|статей|публикаций)[^.]{0,60}запрещена|при (?:полном или частичном |любом )?(?:цитировании|использовании|перепечатке)(?: материалов)?.{0,60}ссылка .{0,60}обязательна))`,
  'u',
);

/** A Turkish capital İ lower-cases to i and a combining dot above: the dot is dropped. */
const withoutDotAbove = (folded: string) => folded.replace(/\u0307/g, '');

/** A line's label without the marks around it ("» Related:", "| Share |"). */
const bareLabel = (folded: string) => withoutGreekAccents(withoutDotAbove(folded)).replace(/^[\s|·•»›>→\-–—*｜【]+|[\s|·•｜】]+$/g, '');

/** Whether a comments label (folded) may as well be an article's subheading: see SUBHEADING_LIKE_COMMENTS. */
export function isSubheadingLikeComments(folded: string): boolean {
  return SUBHEADING_LIKE_COMMENTS.test(bareLabel(folded));
}

/** Whether a line (folded) opens with a related label set apart from what follows it. */
export function opensWithRelatedLabel(folded: string): boolean {
  return RELATED_LEAD.test(withoutGreekAccents(withoutDotAbove(folded)));
}

/** The kind of label a whole short line is, or null. `folded` is lower-cased and collapsed. */
export function labelOf(folded: string): LabelKind | null {
  const t = bareLabel(folded);
  if (!t) return null;
  if (COMMENTS.test(t)) return 'comments';
  if (RELATED.test(t)) return 'related';
  if (PAYWALL.test(t)) return 'paywall';
  if (CHROME.test(t)) return 'chrome';
  if (t.length <= 300 && COPYRIGHT.test(t)) return 'chrome';
  // A row of labelled items alone is the meta lines' (its date is the article's).
  if (isRowOfLabels(t) && !isLabelledRow(t)) return 'chrome';
  return null;
}

/** What parts the labels of a row: bars, slashes, dots, brackets, spaces. */
const ROW_SEPARATORS = /[\s|｜/·•【】[\]]+/;
const MAX_ROW_LENGTH = 80;
const MAX_ROW_TOKENS = 8;
/** A row of labels is set apart by marks, or written in a script without spaces between words: other lines are not looked at. */
const ROW_LIKE = /[|｜/·•【】[\]]|[\p{Script=Han}\p{Script=Hangul}\p{Script=Hiragana}\p{Script=Katakana}]/u;
/** A mark of a sentence: a line holding one is no row of labels. */
const SENTENCE_MARK = /[.,!?。，！？；;]\s|[。，！？；]/;

/** One label of a row: a tool (chrome), a comments' label, or a labelled item ("责任编辑: 刘阳"). */
const isRowPiece = (piece: string) => CHROME.test(piece) || COMMENTS.test(piece) || isLabelledRow(piece, 1);

/**
 * A row of two labels or more, however parted: "打印 关闭", "【我要纠错】【打印本页】【关闭窗口】",
 * "列印 | 電郵給朋友 | 回頁頂", "Все новости | Версия для печати", "【纠错】[责任编辑: 刘阳]". The
 * line's words are cut into labels from the start, each label a run of whole words.
 */
function isRowOfLabels(t: string): boolean {
  if (t.length > MAX_ROW_LENGTH || SENTENCE_MARK.test(t) || !ROW_LIKE.test(t)) return false;
  const tokens = t.split(ROW_SEPARATORS).filter(Boolean);
  if (tokens.length < 2 || tokens.length > MAX_ROW_TOKENS) return false;
  // pieces[i]: the most labels the first i words make (0 where they make none).
  const pieces: number[] = new Array(tokens.length + 1).fill(0);
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && !pieces[i]) continue;
    for (let j = i + 1; j <= tokens.length; j++) {
      if (isRowPiece(tokens.slice(i, j).join(' '))) pieces[j] = Math.max(pieces[j]!, pieces[i]! + 1);
    }
  }
  return pieces[tokens.length]! >= 2;
}
