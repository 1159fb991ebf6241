import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shownError } from '../../i18n/errorText';
import { useCore } from '../../api/coreContext';
import { importLayer, mapsApi } from './mapsApi';

type Progress = { name: string; sent: number; size: number } | undefined;
type Outcome = { tone: 'ok' | 'error'; text: string } | undefined;

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/**
 * Imports an .mbtiles file picked with the button or dropped on `dropTarget`: chunked, with a
 * progress bar and cancel; the outcome stays on screen with its reason.
 */
export function useLayerImport(onImported: (id: string) => void) {
  const { t } = useTranslation();
  const client = useCore();
  const [progress, setProgress] = useState<Progress>(undefined);
  const [outcome, setOutcome] = useState<Outcome>(undefined);
  const cancel = useRef(false);

  const start = (file: File) => {
    if (!file.name.toLowerCase().endsWith('.mbtiles')) {
      setOutcome({ tone: 'error', text: t('map.notMbtiles', { name: file.name }) });
      return;
    }
    cancel.current = false;
    setOutcome(undefined);
    setProgress({ name: file.name, sent: 0, size: file.size });
    importLayer(
      client,
      file,
      (sent) => setProgress({ name: file.name, sent, size: file.size }),
      () => cancel.current,
    ).then(
      (layer) => {
        setProgress(undefined);
        if (!layer) return setOutcome({ tone: 'ok', text: t('map.importCancelled', { name: file.name }) });
        setOutcome({ tone: 'ok', text: t('map.imported', { name: layer.name, min: layer.minzoom, max: layer.maxzoom }) });
        void mapsApi.choose(client, layer.id).catch(() => {});
        onImported(layer.id);
      },
      (failure: unknown) => {
        setProgress(undefined);
        const shown = shownError(failure);
        setOutcome({ tone: 'error', text: t('map.importFailed', { name: file.name, reason: `${t(shown.key)} — ${shown.detail}` }) });
      },
    );
  };
  return { start, progress, outcome, cancel: () => (cancel.current = true) };
}

export function ImportButton({ onFile, disabled }: { onFile: (file: File) => void; disabled: boolean }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="primary" disabled={disabled} onClick={() => input.current?.click()} data-testid="map-import">
        {t('map.import')}
      </button>
      <input
        ref={input}
        type="file"
        accept=".mbtiles"
        hidden
        data-testid="map-import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}

export function ImportStatus({ progress, outcome, onCancel }: { progress: Progress; outcome: Outcome; onCancel: () => void }) {
  const { t } = useTranslation();
  if (progress)
    return (
      <div className="map-note" data-testid="map-import-progress">
        <span>{t('map.importing', { name: progress.name, sent: mb(progress.sent), size: mb(progress.size) })}</span>
        <progress max={progress.size} value={progress.sent} />
        <button type="button" onClick={onCancel}>
          {t('map.importCancel')}
        </button>
      </div>
    );
  if (outcome)
    return (
      <div className={`map-note ${outcome.tone}`} role={outcome.tone === 'error' ? 'alert' : 'status'} data-testid="map-import-outcome">
        {outcome.text}
      </div>
    );
  return null;
}
