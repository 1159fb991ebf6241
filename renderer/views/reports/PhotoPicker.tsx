import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SendEstimate, StagedFileView } from '../../../protocol/api/incidents';
import type { Priority } from '../../../protocol/sync/items';
import { useCore } from '../../api/coreContext';
import { ErrorText } from '../../frame/ErrorText';
import { shownError, type ShownError } from '../../i18n/errorText';
import { formatBytes } from '../messages/format';
import { CameraCapture } from './CameraCapture';
import { formatSeconds } from './reportFormat';
import { uploadFile } from './uploadFile';

/** A file on its way into the report: being handed to the core, staged there, or refused. */
export interface PickedFile {
  key: string;
  name: string;
  size: number;
  sent: number;
  staged: StagedFileView | undefined;
  error: ShownError | undefined;
  /** How urgent the full file is (its thumbnail goes ahead at `priority`). */
  priority: Priority;
  preview: string | undefined;
}

const ORIGINAL_PRIORITIES: readonly Priority[] = ['bulk', 'routine', 'priority', 'immediate'];

/** Thumbnails travel at `priority` (core's choice); the estimate asks for the same. */
const THUMBNAIL_PRIORITY: Priority = 'priority';

let counter = 0;

/**
 * Photos, clips and files for a report: a file picker, drag and drop, or a still or a short
 * clip from the camera. Each is handed to the core at once (kept untouched there, a thumbnail made for a
 * photo) and listed with its size and how long it takes on the link that carries it now.
 */
export function PhotoPicker(props: { files: PickedFile[]; onChange: (update: (files: PickedFile[]) => PickedFile[]) => void }) {
  const { t } = useTranslation();
  const client = useCore();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const [camera, setCamera] = useState(false);
  const { onChange } = props;

  const add = (blob: Blob, name: string) => {
    const key = `f${++counter}`;
    const preview = blob.type.startsWith('image/') ? URL.createObjectURL(blob) : undefined;
    const patch = (p: Partial<PickedFile>) => onChange((files) => files.map((f) => (f.key === key ? { ...f, ...p } : f)));
    onChange((files) => [
      ...files,
      { key, name, size: blob.size, sent: 0, staged: undefined, error: undefined, priority: 'bulk', preview },
    ]);
    uploadFile(client, blob, name, (sent) => patch({ sent })).then(
      (staged) => patch({ staged, sent: blob.size }),
      (failure: unknown) => patch({ error: shownError(failure) }),
    );
  };
  const addAll = (list: FileList | null) => {
    for (const file of Array.from(list ?? [])) add(file, file.name);
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    addAll(event.dataTransfer.files);
  };

  return (
    <div
      className={`photo-picker${dragging ? ' dragging' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      data-testid="report-drop"
    >
      <div className="photo-picker-actions">
        <button type="button" onClick={() => input.current?.click()}>
          {t('reports.photos.pick')}
        </button>
        <button type="button" onClick={() => setCamera((c) => !c)} aria-pressed={camera} data-testid="report-camera">
          {t('reports.photos.camera')}
        </button>
        <span className="photo-picker-hint">{t('reports.photos.drop')}</span>
        <input
          ref={input}
          type="file"
          multiple
          accept="image/*,video/*,audio/*,application/pdf"
          hidden
          data-testid="report-add-photo"
          onChange={(event) => {
            addAll(event.currentTarget.files);
            event.currentTarget.value = '';
          }}
        />
      </div>
      {camera ? (
        <CameraCapture
          onCapture={(blob, kind) => {
            const stamp = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
            add(blob, kind === 'photo' ? `photo-${stamp}.jpg` : `clip-${stamp}.webm`);
            setCamera(false);
          }}
        />
      ) : null}
      {props.files.length > 0 ? (
        <ul className="picked-files">
          {props.files.map((file) => (
            <PickedFileRow
              key={file.key}
              file={file}
              onPriority={(priority) => onChange((files) => files.map((f) => (f.key === file.key ? { ...f, priority } : f)))}
              onRemove={() => onChange((files) => files.filter((f) => f.key !== file.key))}
            />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function PickedFileRow(props: { file: PickedFile; onPriority: (p: Priority) => void; onRemove: () => void }) {
  const { t } = useTranslation();
  const client = useCore();
  const { file } = props;
  const [estimate, setEstimate] = useState<SendEstimate[] | undefined>(undefined);
  const thumbSize = file.staged?.thumbnail?.size;
  useEffect(() => {
    if (!file.staged) return;
    const items = [
      ...(thumbSize !== undefined ? [{ bytes: thumbSize, priority: THUMBNAIL_PRIORITY }] : []),
      { bytes: file.size, priority: file.priority },
    ];
    client.call('incidents.sendEstimate', { items }).then(setEstimate, () => setEstimate(undefined));
  }, [client, file.staged, file.size, file.priority, thumbSize]);
  const full = estimate?.[estimate.length - 1];
  const thumb = thumbSize !== undefined ? estimate?.[0] : undefined;
  const time = (e: SendEstimate | undefined) => (e?.seconds == null ? t('reports.photos.noLink') : `≈ ${formatSeconds(e.seconds)}`);

  return (
    <li className="picked-file" data-testid="picked-file" data-state={file.error ? 'failed' : file.staged ? 'staged' : 'sending'}>
      {file.preview ? <img src={file.preview} alt="" /> : <span className="picked-file-icon">📄</span>}
      <div className="picked-file-text">
        <strong title={file.name}>{file.name}</strong>
        <span>
          {formatBytes(file.size)}
          {file.staged
            ? ''
            : file.error
              ? ''
              : ` · ${t('reports.photos.reading', { percent: Math.round((file.sent / Math.max(1, file.size)) * 100) })}`}
        </span>
        {file.staged ? (
          <span className="picked-file-estimate" data-testid="picked-file-estimate">
            {thumbSize !== undefined ? `${t('reports.photos.thumbnail', { size: formatBytes(thumbSize) })} ${time(thumb)} · ` : ''}
            {t('reports.photos.full')}: {time(full)}
            {full?.linkId ? ` (${full.linkId})` : ''}
          </span>
        ) : null}
        {file.staged?.gps ? <span className="picked-file-gps">{t('reports.photos.hasGps')}</span> : null}
        {file.error ? <ErrorText error={file.error} /> : null}
      </div>
      <label className="picked-file-priority">
        {t('reports.photos.fullAt')}
        <select value={file.priority} onChange={(event) => props.onPriority(event.currentTarget.value as Priority)}>
          {ORIGINAL_PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="picked-file-remove" onClick={props.onRemove} aria-label={t('reports.photos.remove')}>
        ×
      </button>
    </li>
  );
}
