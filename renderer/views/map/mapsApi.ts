import type { CoreClient } from '../../api/CoreClient';
import type { BaseLayer } from '../../map/baseLayer';
import type { TileCrs } from '../../map/geo';

/**
 * The console's `maps.*` methods (contract: protocol/api/maps.ts, built on the tiles side).
 * Called by name through the client, which checks each answer against that contract once it
 * is part of coreApi; a core without it answers with an error the view shows as its reason.
 */
type LooseCall = (method: string, params: unknown) => Promise<unknown>;
const call = (client: CoreClient, method: string, params: unknown) => (client.call as unknown as LooseCall).call(client, method, params);

/** Chunks of 512 KiB: small enough for the WebSocket frame limit, large enough to be quick. */
export const IMPORT_CHUNK_BYTES = 512 * 1024;

export const mapsApi = {
  layers: async (client: CoreClient) => (await call(client, 'maps.layers', {})) as BaseLayer[],
  remove: async (client: CoreClient, id: string) => {
    await call(client, 'maps.remove', { id });
  },
  setCrs: async (client: CoreClient, id: string, crs: TileCrs) => {
    await call(client, 'maps.setCrs', { id, crs });
  },
  /** The base layer the operator chose, kept as a setting so the next start shows it again. */
  choose: async (client: CoreClient, id: string) => {
    await call(client, 'settings.update', { mapLayer: id });
  },
  onChanged: (client: CoreClient, handler: (layers: BaseLayer[]) => void) =>
    (client.on as unknown as (e: string, h: (d: unknown) => void) => () => void).call(client, 'maps.changed', (d) =>
      handler(d as BaseLayer[]),
    ),
};

/**
 * Copies an .mbtiles file into the console in chunks, reporting the bytes sent; the core
 * validates the whole file at `finish` and keeps nothing when it is refused or cancelled.
 */
export async function importLayer(
  client: CoreClient,
  file: File,
  onProgress: (sent: number) => void,
  cancelled: () => boolean,
): Promise<BaseLayer | undefined> {
  const { id } = (await call(client, 'maps.import.start', { name: file.name, size: file.size })) as { id: string };
  try {
    for (let offset = 0, seq = 0; offset < file.size; offset += IMPORT_CHUNK_BYTES, seq++) {
      if (cancelled()) {
        await call(client, 'maps.import.cancel', { id });
        return undefined;
      }
      const chunk = new Uint8Array(await file.slice(offset, offset + IMPORT_CHUNK_BYTES).arrayBuffer());
      await call(client, 'maps.import.append', { id, seq, data: toBase64(chunk) });
      onProgress(Math.min(file.size, offset + IMPORT_CHUNK_BYTES));
    }
    return (await call(client, 'maps.import.finish', { id })) as BaseLayer;
  } catch (failure) {
    await call(client, 'maps.import.cancel', { id }).catch(() => {});
    throw failure;
  }
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}
