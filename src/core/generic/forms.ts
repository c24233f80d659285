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
import { spacedExtra } from '../text/letters.ts';

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

/** Removes the forms for filling in under `page` (the page's body, before the article is chosen); returns how many. */
export function removeEntryForms(page: Element): number {
  const all = page.getElementsByTagName('form');
  if (!all.length || all.length > MAX_FORMS) return 0;
  const forms = Array.from(all)
    .map((form) => ({ form, fields: form.querySelectorAll(ENTRY_FIELDS).length }))
    .filter(({ form, fields }) => fields >= MIN_FIELDS && !form.querySelector('h1, article'));
  if (!forms.length) return 0;
  const lengths = textLengths(page);
  const total = lengths.get(page) ?? 0;
  let removed = 0;
  for (const { form, fields } of forms) {
    const text = lengths.get(form) ?? 0;
    if (!form.isConnected || text >= MAX_SHARE * total) continue;
    // Lengths as if written with spaces: a Chinese paragraph is short in characters, not in what it says.
    const spaced = (el: Element) => (lengths.get(el) ?? 0) + spacedExtra(el.textContent ?? '');
    if (spaced(form) > MAX_TEXT_PER_FIELD * fields) continue;
    const prose = Array.from(form.getElementsByTagName('p')).filter((p) => spaced(p) >= PROSE_PARAGRAPH && !p.querySelector(ENTRY_FIELDS));
    if (prose.length > MAX_PROSE_PARAGRAPHS) continue;
    remove(form);
    removed++;
  }
  return removed;
}
