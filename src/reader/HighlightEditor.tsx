/** The editor of one highlight: its passage, its colour, its note; save, remove, cancel (Esc). */
import { HIGHLIGHT_COLORS, type Highlight, type HighlightColor } from '../shared/reading-db.ts';
import type { TextQuote } from '../core/anchor/quote.ts';
import { t, type MessageKey } from '../shared/i18n.ts';
import { takeEscape } from './escape-key.ts';

export const COLOR_LABELS: Readonly<Record<HighlightColor, MessageKey>> = {
  yellow: 'highlightYellow',
  green: 'highlightGreen',
  blue: 'highlightBlue',
  pink: 'highlightPink',
};

/** A new highlight being made (with a note), or one being edited; the colour chosen so far (kept on Save). */
export type Editing = { kind: 'new'; quote: TextQuote; color: HighlightColor } | { kind: 'edit'; highlight: Highlight; color: HighlightColor };

export function Editor(props: {
  editing: Editing;
  note: string;
  noteField: { current: HTMLTextAreaElement | null };
  onNote(text: string): void;
  onColor(color: HighlightColor): void;
  onSave(): void;
  onRemove(): void;
  onCancel(): void;
  /** Over a news page, whose own script sees the keys typed in it: the note field says so. */
  overPage?: boolean;
}) {
  const { editing } = props;
  const color = editing.color;
  return (
    <div
      class="oqy-highlight-editor"
      role="dialog"
      aria-label={t('highlightEditor')}
      data-testid="highlight-editor"
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          takeEscape(e);
          props.onCancel();
        }
      }}
    >
      <blockquote>{editing.kind === 'new' ? editing.quote.exact : editing.highlight.exact}</blockquote>
      <div class="oqy-group" role="group" aria-label={t('highlightColor')}>
        {HIGHLIGHT_COLORS.map((c) => (
          <button type="button" class="oqy-color" data-color={c} data-highlight-color={c} aria-pressed={c === color} aria-label={t(COLOR_LABELS[c])} title={t(COLOR_LABELS[c])} onClick={() => props.onColor(c)}>
            <span aria-hidden="true" />
          </button>
        ))}
      </div>
      <label>
        <span>{t('highlightNote')}</span>
        <textarea
          ref={props.noteField}
          name="note"
          rows={3}
          maxLength={10_000}
          value={props.note}
          aria-describedby={props.overPage ? 'oqy-note-seen-by-page' : undefined}
          onInput={(e) => props.onNote(e.currentTarget.value)}
        />
      </label>
      {props.overPage ? (
        <p class="oqy-note-warning" id="oqy-note-seen-by-page" data-testid="note-seen-by-page">
          {t('highlightNoteSeenByPage')}
        </p>
      ) : null}
      <div class="oqy-editor-actions">
        <button type="button" class="oqy-primary" data-action="highlight-save" onClick={props.onSave}>
          {t('highlightSave')}
        </button>
        {editing.kind === 'edit' ? (
          <button type="button" data-action="highlight-remove" onClick={props.onRemove}>
            {t('highlightRemove')}
          </button>
        ) : null}
        <button type="button" data-action="highlight-cancel" onClick={props.onCancel}>
          {t('highlightCancel')}
        </button>
      </div>
    </div>
  );
}
