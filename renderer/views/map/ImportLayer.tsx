import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { shownError, type ShownError } from '../../i18n/errorText';
import { useCore } from '../../api/coreContext';
import { importLayer, mapsApi } from './mapsApi';

type Progress = { name: string; sent: number; size: number } | undefined;
/** Kept as a text key with its values, translated when shown: a language switch later still applies. */
type Outcome = { tone: 'ok' | 'error'; key: string; values: Record<string, string | number>; error?: ShownError } | undefined;

const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;

/**
 * Imports an .mbtiles file picked with the button or dropped on `dropTarget`: chunked, with a
 * progress bar and cancel; the outcome stays on screen with its reason.
 */
export function useLayerImport(onImported: (id: string) => void) {
  const client = useCore();
  const [progress, setProgress] = useState<Progress>(undefined);
  const [outcome, setOutcome] = useState<Outcome>(undefined);
  const cancel = useRef(false);

  const start = (file: File) => {
    if (!file.name.toLowerCase().endsWith('.mbtiles')) {
      setOutcome({ tone: 'error', key: 'map.notMbtiles', values: { name: file.name } });
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
        if (!layer) return setOutcome({ tone: 'ok', key: 'map.importCancelled', values: { name: file.name } });
        setOutcome({ tone: 'ok', key: 'map.imported', values: { name: layer.name, min: layer.minzoom, max: layer.maxzoom } });
        void mapsApi.choose(client, layer.id).catch(() => {});
        onImported(layer.id);
      },
      (failure: unknown) => {
        setProgress(undefined);
        setOutcome({ tone: 'error', key: 'map.importFailed', values: { name: file.name }, error: shownError(failure) });
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
      <div
        className={`map-note ${outcome.tone}`}
        role={outcome.tone === 'error' ? 'alert' : 'status'}
        title={outcome.error?.detail}
        data-testid="map-import-outcome"
      >
        {t(outcome.key, { ...outcome.values, reason: outcome.error ? t(outcome.error.key) : '' })}
        {outcome.error?.detail ? <small className="error-detail">{outcome.error.detail}</small> : null}
      </div>
    );
  return null;
}
