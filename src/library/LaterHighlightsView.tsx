/**
 * The highlights view, its module loaded when the view is first shown (or earlier, in the page's
 * idle time). Like the view itself before its highlights are read, it shows nothing meanwhile.
 */
import type { ComponentProps } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../shared/i18n.ts';
import type { HighlightsView } from './HighlightsView.tsx';
import { highlightsModule } from './later-modules.ts';
import { errorText } from './list.ts';

type Props = ComponentProps<typeof HighlightsView>;

export function LaterHighlightsView(props: Props) {
  const [View, setView] = useState<typeof HighlightsView | null>(null);
  useEffect(() => {
    let live = true;
    highlightsModule()
      .then((m) => live && setView(() => m.HighlightsView))
      .catch((e: unknown) => live && props.onStatus(t('libraryUnavailable', errorText(e)), 'error'));
    return () => {
      live = false;
    };
  }, []);
  return View ? <View {...props} /> : null;
}
