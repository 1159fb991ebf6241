import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCore, useOnConnect } from '../../api/coreContext';
import type { CoreClient } from '../../api/CoreClient';
import { shownError } from '../../i18n/errorText';
import type { BaseLayer } from '../../map/baseLayer';
import { mapsApi } from './mapsApi';

/** The console's base layers (kept current by `maps.changed`), or why they cannot be listed. */
export function useBaseLayers(): { layers: BaseLayer[]; problem: string | undefined; reload: () => void } {
  const { t } = useTranslation();
  const client = useCore();
  const [layers, setLayers] = useState<BaseLayer[]>([]);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const load = useCallback(
    (c: CoreClient) => {
      mapsApi.layers(c).then(
        (list) => {
          setLayers(list);
          setProblem(undefined);
        },
        (failure: unknown) => {
          const shown = shownError(failure);
          setProblem(t('map.layersUnavailable', { reason: `${t(shown.key)} — ${shown.detail}` }));
        },
      );
    },
    [t],
  );
  useOnConnect(load);
  useEffect(() => {
    try {
      return mapsApi.onChanged(client, setLayers);
    } catch {
      // A core without maps.changed: the list is read again after an import or removal instead.
      return undefined;
    }
  }, [client]);
  return { layers, problem, reload: () => load(client) };
}
