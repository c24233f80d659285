/**
 * A page's furniture written as one line of its own, in the languages of the sites Oqy reads: a
 * typo-report prompt, a question over reaction buttons, a pager. Matched against a whole line,
 * lower-cased (`foldForMatch`): in a sentence these words are the article's.
 */
const PAGES = String.raw`(?:страниц[аы]|беттер|бет|pages?|strona|σελίδα)`;
const PREVIOUS = String.raw`(?:(?:[«‹←]\s*)?(?:предыдущая|назад|алдыңғы|prev(?:ious)?|poprzednia)\s*[«‹←]?|[«‹←])`;
const NEXT = String.raw`(?:\s*(?:следующая|далее|вперёд|вперед|келесі|next|następna)\s*[→›»]?|\s*[→›»])`;
/** Two numbers or more, each whole (a number is never split in two: no backtracking through its digits). */
const NUMBERS = String.raw`(?:\d+(?!\d)\s*(?:(?:[|,…]|\.{3})\s*)?){2,20}`;

const FURNITURE_SOURCE = [
  // "Нашли ошибку? Выделите текст и нажмите Ctrl+Enter", "Қате тапсаңыз, мәтінді белгілеп, Ctrl+Enter басыңыз".
  String.raw`.{0,60}(?:ошибк|опечатк|қате|typo|mistake|error|błąd|λάθος).{0,80}ctrl\s*\+\s*enter.{0,40}`,
  // A question over reaction buttons: "Мақала сізге ұнады ма?", "Вам понравилась статья?", "Оцените материал".
  String.raw`(?:сізге\s+)?(?:бұл\s+)?(?:мақала|жаңалық|материал)\s+(?:сізге\s+)?ұнады\s+ма\??|(?:вам\s+)?понравил(?:ась|ся|ось)\s+(?:ли\s+)?(?:эта\s+|этот\s+)?(?:статья|материал|новость|публикация)\??|оцените\s+(?:эту\s+|этот\s+)?(?:статью|материал|новость|публикацию)|did you (?:like|enjoy) this (?:article|story)\??|was this article helpful\??`,
  // A pager: "Страница: 1 2 3 Следующая →", "« Предыдущая 1 2 3 Следующая »", "Беттер: 1 2 3"; numbers alone are no pager.
  `${PAGES}\\s*:?\\s*(?:${PREVIOUS}\\s*)?${NUMBERS}(?:${NEXT})?|(?:${PREVIOUS}\\s*)?${NUMBERS}${NEXT}|${PREVIOUS}\\s*${NUMBERS}`,
].join('|');

/** The source of the furniture pattern, for a pattern of lines that holds it among others. */
export const FURNITURE = `(?:${FURNITURE_SOURCE})`;

const FURNITURE_LINE = new RegExp(`^${FURNITURE}\\s*[:.!]?$`, 'u');

/** Whether a whole line (folded) is a page's furniture. */
export function isFurnitureLine(folded: string): boolean {
  return FURNITURE_LINE.test(folded);
}
