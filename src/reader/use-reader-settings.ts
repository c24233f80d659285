/**
 * The settings a reader shows, changed by it and by any other page (ReaderSettingsFollower):
 * returns them and the reader's way to change them.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { changeSettings, onSettingsChanged } from '../shared/settings.ts';
import { ReaderSettingsFollower } from '../shared/reader-settings-follower.ts';
import { setUiLanguage } from '../shared/i18n.ts';
import type { ReaderSettings, Settings } from '../shared/settings-schema.ts';

export function useReaderSettings(initial: Settings): [Settings, (patch: Partial<ReaderSettings>) => void] {
  const follower = useRef<ReaderSettingsFollower | null>(null);
  follower.current ??= new ReaderSettingsFollower(initial);
  const [settings, setSettings] = useState(initial);
  useEffect(
    () =>
      onSettingsChanged((next) => {
        setUiLanguage(next.uiLanguage);
        setSettings(follower.current!.stored(next));
      }),
    [],
  );
  const change = (patch: Partial<ReaderSettings>) => {
    setSettings(follower.current!.change(patch));
    changeSettings({ reader: patch }).then(
      (stored) => follower.current!.written(patch, stored),
      // Kept for this page; storage refused it.
      () => follower.current!.written(patch, null),
    );
  };
  return [settings, change];
}
