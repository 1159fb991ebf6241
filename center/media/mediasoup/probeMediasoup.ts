import { existsSync } from 'node:fs';
import { MEDIASOUP_HOWTO, type MediasoupModule } from './MediasoupBackend';
import { reasonOf } from './errors';

/**
 * Whether mediasoup can run here: the optional package imports and its worker binary
 * exists (`npm install` may have skipped the build). Starts nothing.
 */
export async function probeMediasoup(
  load: () => Promise<Pick<MediasoupModule, 'version' | 'workerBin'>> = () => import('mediasoup'),
): Promise<{ loadable: true } | { loadable: false; why: string }> {
  let mediasoup: Pick<MediasoupModule, 'version' | 'workerBin'>;
  try {
    mediasoup = await load();
  } catch (error) {
    return { loadable: false, why: `the mediasoup package cannot be loaded (${reasonOf(error)}). ${MEDIASOUP_HOWTO}` };
  }
  // mediasoup sets workerBin from MEDIASOUP_WORKER_BIN when that is given.
  const bin = mediasoup.workerBin;
  if (!existsSync(bin)) {
    return {
      loadable: false,
      why: `mediasoup ${mediasoup.version} is installed without its worker binary (${bin} does not exist). ${MEDIASOUP_HOWTO}`,
    };
  }
  return { loadable: true };
}
