import type { CoreClient } from '../../api/CoreClient';
import type { BaseLayer } from '../../map/baseLayer';
import type { TileCrs } from '../../map/geo';

/** The console's `maps.*` methods (protocol/api/maps.ts) as the Map view uses them. */
/** Chunks of 512 KiB: small enough for the WebSocket frame limit, large enough to be quick. */
export const IMPORT_CHUNK_BYTES = 512 * 1024;

export const mapsApi = {
  layers: (client: CoreClient): Promise<BaseLayer[]> => client.call('maps.layers', {}),
  remove: async (client: CoreClient, id: string) => {
    await client.call('maps.remove', { id });
  },
  setCrs: async (client: CoreClient, id: string, crs: TileCrs) => {
    await client.call('maps.setCrs', { id, crs });
  },
  /** The base layer the operator chose, kept as a setting so the next start shows it again. */
  choose: async (client: CoreClient, id: string) => {
    await client.call('settings.update', { mapLayer: id });
  },
  onChanged: (client: CoreClient, handler: (layers: BaseLayer[]) => void) => client.on('maps.changed', handler),
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
  const { id } = await client.call('maps.import.start', { name: file.name, size: file.size });
  try {
    for (let offset = 0, seq = 0; offset < file.size; offset += IMPORT_CHUNK_BYTES, seq++) {
      if (cancelled()) {
        await client.call('maps.import.cancel', { id });
        return undefined;
      }
      const chunk = new Uint8Array(await file.slice(offset, offset + IMPORT_CHUNK_BYTES).arrayBuffer());
      await client.call('maps.import.append', { id, seq, data: toBase64(chunk) });
      onProgress(Math.min(file.size, offset + IMPORT_CHUNK_BYTES));
    }
    return await client.call('maps.import.finish', { id });
  } catch (failure) {
    await client.call('maps.import.cancel', { id }).catch(() => {});
    throw failure;
  }
}

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}
