import { createLogger } from '../../../../platform/log/logger';
import type { SyncConfig } from '../../../../protocol/config/consoleConfig';
import { SbdPayloadError, decodeSbdItems } from '../../../../protocol/sbd/sbdPayload';
import { DOWNLINK_KINDS } from '../../../../protocol/sync/items';
import type { LinkHub } from '../../links/LinkHub';
import type { Store } from '../../store/Store';
import type { SyncEngine } from '../SyncEngine';
import { SbdLane } from './SbdLane';

const log = createLogger('sync.sbd');

/**
 * Joins the Iridium SBD links to the sync engine: the lane that sends what IP cannot carry,
 * and every MT message the transceivers read, checked at the door (payload CRC, vehicle
 * tag, each item's schema) and handed to the engine as downlink. Nothing without a
 * center or without an Iridium link. Returns what to close.
 */
export function wireSbd(deps: { store: Store; hub: LinkHub; engine: SyncEngine; config: SyncConfig | undefined }): () => void {
  const { store, hub, engine, config } = deps;
  const ports = hub.sbdPorts();
  if (!config || ports.length === 0) return () => {};
  const lane = new SbdLane({
    store,
    config: config.sbd,
    ports: () => hub.sbdPorts(),
    ipState: (priority) => engine.sbd.ipState(priority),
    identity: () => engine.sbd.wireIdentity(),
    onItems: (seqs) => engine.sbd.itemsChanged(seqs),
    onChanged: () => engine.sbd.itemsChanged([]),
  });
  engine.sbd.attach(lane);
  const unsubscribe = ports.map(({ port }) =>
    port.onMt((mt) => {
      const identity = engine.sbd.wireIdentity();
      if (!identity) return;
      try {
        const items = decodeSbdItems(mt.bytes, 'mt', identity.vehicleId);
        const down = items.filter((item) => DOWNLINK_KINDS.has(item.kind));
        if (down.length < items.length) log.warn(`Iridium MT ${mt.mtmsn}: ${items.length - down.length} item(s) of an uplink kind ignored`);
        log.info(`Iridium MT ${mt.mtmsn}: ${down.length} downlink item(s) (${mt.bytes.length} bytes)`);
        engine.sbd.takeDownlink(down.map((item) => ({ seq: item.seq, item })));
      } catch (error) {
        // Not ours or damaged: the same items come again over IP, so nothing is lost by refusing it.
        if (error instanceof SbdPayloadError) log.warn(`Iridium MT ${mt.mtmsn} refused (${error.code}): ${error.message}`);
        else log.error(`Iridium MT ${mt.mtmsn} could not be stored`, error);
      }
    }),
  );
  return () => {
    for (const off of unsubscribe) off();
    lane.close();
  };
}
