/**
 * Forms for filling in, on any site: a sign-up, a subscription, a comment to write. Their labels
 * ("E-mail*", "This field is required") and consent notes are text the article never holds,
 * and once Readability has taken their fields out they read like short paragraphs. They are
 * told apart before it runs, while their fields are still there: several fields a person types
 * into or ticks. A form that wraps much of the page (as some sites wrap every page in one form)
 * or holds a heading of the article's rank is left alone.
 */
import { remove } from '../dom.ts';
import { textLengths } from './lines.ts';

/** Fields a person fills in: a search box alone is one, a sign-up form has several. */
const ENTRY_FIELDS = `input:not([type]), ${['text', 'email', 'password', 'tel', 'number', 'date', 'checkbox', 'radio'].map((t) => `input[type="${t}" i]`).join(', ')}, select, textarea`;
const MIN_FIELDS = 3;
/** A form holding this share of the page's text (or more) may hold the article too. */
const MAX_SHARE = 0.5;

/** Removes the forms for filling in under `page` (the page's body, before the article is chosen); returns how many. */
export function removeEntryForms(page: Element): number {
  const forms = Array.from(page.getElementsByTagName('form')).filter(
    (form) => form.querySelectorAll(ENTRY_FIELDS).length >= MIN_FIELDS && !form.querySelector('h1, article'),
  );
  if (!forms.length) return 0;
  const lengths = textLengths(page);
  const total = lengths.get(page) ?? 0;
  let removed = 0;
  for (const form of forms) {
    if (!form.isConnected || (lengths.get(form) ?? 0) >= MAX_SHARE * total) continue;
    remove(form);
    removed++;
  }
  return removed;
}
