/**
 * Forms for filling in, on any site: a sign-up, a subscription, a comment to write. Their labels
 * ("E-mail*", "This field is required") and consent notes are text the article never holds,
 * and once Readability has taken their fields out they read like short paragraphs. They are
 * told apart before it runs, while their fields are still there: several fields a person types
 * into or ticks, and little text for each. A form that may hold the article stays: one with
 * much text for its fields or three paragraphs of prose, one that holds much of the page's text
 * (some sites wrap every page, or all of its content, in one form), one that holds a heading of
 * the article's rank.
 */
import { remove } from '../dom.ts';
import { textLengths } from './lines.ts';
import { spacedExtra, spacedLength } from '../text/letters.ts';

/** Fields a person fills in: a search box alone is one, a sign-up form has several. */
const ENTRY_FIELDS = `input:not([type]), input[type=""], ${['text', 'email', 'password', 'tel', 'number', 'date', 'checkbox', 'radio'].map((t) => `input[type="${t}" i]`).join(', ')}, select, textarea`;
const MIN_FIELDS = 3;
/** A form with more text than this for each field holds more than its fields' labels and notes. */
const MAX_TEXT_PER_FIELD = 250;
/** Paragraphs of prose (`<p>`, this long, no field in them) that show a form holds an article. */
const PROSE_PARAGRAPH = 100;
const MAX_PROSE_PARAGRAPHS = 2;
/** A form holding this share of the page's text (or more) may hold the article too. */
const MAX_SHARE = 0.5;
/** A page with more forms than this is left as it is: the work stays bounded on any page. */
const MAX_FORMS = 100;

/** An e-mail field: by its type, or by its name, id or placeholder where the type is text. */
const EMAIL_FIELD = 'input[type="email" i], input[name*="mail" i], input[id*="mail" i], input[placeholder*="mail" i]';
/** The most text (as if written with spaces) before a sign-up form in its box: a heading and a line. */
const MAX_TEXT_BEFORE_SIGN_UP = 150;
/** The most text (as if written with spaces) a sign-up box holds: a heading, a line, a consent note. */
const MAX_SIGN_UP_BOX = 400;

/** The text (as if written with spaces) inside box that comes before el. */
function textBefore(box: Element, el: Element): number {
  let n = 0;
  const walker = box.ownerDocument.createTreeWalker(box, 4);
  for (let t = walker.nextNode(); t && !el.contains(t) && t.compareDocumentPosition(el) & 4; t = walker.nextNode()) n += spacedLength((t.textContent ?? '').trim());
  return n;
}

/** Removes the forms for filling in under `page` (the page's body, before the article is chosen); returns how many. */
export function removeEntryForms(page: Element): number {
  const all = page.getElementsByTagName('form');
  if (!all.length || all.length > MAX_FORMS) return 0;
  const forms = Array.from(all)
    .map((form) => ({ form, fields: form.querySelectorAll(ENTRY_FIELDS).length }))
    .filter(({ form, fields }) => (fields >= MIN_FIELDS || (fields >= 1 && form.querySelector(EMAIL_FIELD))) && !form.querySelector('h1, article'));
  if (!forms.length) return 0;
  const lengths = textLengths(page);
  const total = lengths.get(page) ?? 0;
  // Lengths as if written with spaces: a Chinese paragraph is short in characters, not in what it says.
  const spaced = (el: Element) => (lengths.get(el) ?? 0) + spacedExtra(el.textContent ?? '');
  const prose = (el: Element) => Array.from(el.getElementsByTagName('p')).filter((p) => spaced(p) >= PROSE_PARAGRAPH && !p.querySelector(ENTRY_FIELDS)).length;
  let removed = 0;
  for (const { form, fields } of forms) {
    const text = lengths.get(form) ?? 0;
    if (!form.isConnected || text >= MAX_SHARE * total) continue;
    if (fields < MIN_FIELDS) {
      // An e-mail to leave, one or two fields: a newsletter's sign-up. Its box goes with it (the
      // heading, the line above the form, the consent note), as far as it is small and holds no
      // article: prose before the form is an article's (a brief beside its sign-up), in whatever
      // element; one paragraph after it may be the consent note.
      let box: Element = form;
      const fits = (el: Element) => {
        const length = lengths.get(el) ?? 0;
        if (length > MAX_SIGN_UP_BOX || length >= MAX_SHARE * total || el.querySelector('h1, article')) return false;
        return spaced(el) <= MAX_SIGN_UP_BOX && textBefore(el, form) < MAX_TEXT_BEFORE_SIGN_UP && prose(el) <= 1;
      };
      for (let up = form.parentElement; up && up !== page && fits(up); up = up.parentElement) box = up;
      if (!fits(box)) continue;
      remove(box);
      removed++;
      continue;
    }
    if (spaced(form) > MAX_TEXT_PER_FIELD * fields) continue;
    if (prose(form) > MAX_PROSE_PARAGRAPHS) continue;
    remove(form);
    removed++;
  }
  return removed;
}
