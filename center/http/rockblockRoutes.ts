import type { KeyObject } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createLogger } from '../../platform/log/logger';
import { MAX_ROCKBLOCK_PUSH_BYTES, RockblockPush, type RockblockPushAnswer } from '../../protocol/sbd/rockblockPush';
import { allowList, sourceAddress } from '../iridium/allowList';
import { ingestRockblockPush } from '../iridium/rockblockIngest';
import { RockblockJwtError, verifyRockblockPush } from '../iridium/rockblockJwt';
import { parseJson, readBody, requireMediaType } from './body';
import type { CenterContext } from './context';
import { CenterHttpError } from './errors';
import { sendJson } from './respond';
import type { Route } from './router';

/** The push route as configured (`iridium.rockblock`), with Rock7's key loaded at startup. */
export interface RockblockPushSetup {
  path: string;
  maxAgeSeconds: number;
  allow?: readonly string[] | undefined;
  key: KeyObject;
}

/**
 * `POST <iridium.rockblock.path>`: Rock7's MO push (docs/center.md "RockBLOCK web push").
 * JSON of at most 4 KB, checked by its schema (400), from an allowed source when an
 * allow-list is set (403), with a JWT Rock7 signed (401, the message starting with the
 * problem's code). A verified push is answered 200 once decided — taken, taken before, or
 * refused for good (a retry could not change it) — and 507/500 when the center could take
 * it later, so that Rock7 sends it again. Every refusal is logged with its reason; nothing
 * of a refused push is stored. No route at all when `iridium.rockblock` is not configured.
 */
export function rockblockRoutes(context: CenterContext & { rockblock?: RockblockPushSetup | undefined }): Route[] {
  const setup = context.rockblock;
  if (!setup) return [];
  const log = createLogger('iridium');
  const deps = { store: context.store, feed: context.feed, firstReportDeadlines: context.firstReportDeadlines, log };
  const allowed = setup.allow ? allowList(setup.allow) : undefined;

  const take = async (req: IncomingMessage, res: ServerResponse, source: string) => {
    if (allowed && !allowed(req.socket.remoteAddress))
      throw new CenterHttpError('forbidden', `source ${source} is not in iridium.rockblock.allow`);
    requireMediaType(req, 'application/json');
    const push = parseJson(await readBody(req, MAX_ROCKBLOCK_PUSH_BYTES, 'RockBLOCK push'), RockblockPush, 'RockBLOCK push');
    let claims;
    try {
      claims = verifyRockblockPush(push, setup.key, { now: Date.now(), maxAgeSeconds: setup.maxAgeSeconds });
    } catch (error) {
      if (error instanceof RockblockJwtError) throw new CenterHttpError('unauthorized', `${error.problem}: ${error.message}`);
      throw error;
    }
    const outcome = await ingestRockblockPush(deps, claims, `RockBLOCK push from ${source}`);
    if (outcome.outcome === 'retry') throw new CenterHttpError('store-full', outcome.reason);
    if (outcome.outcome === 'refused') log.warn(`RockBLOCK push refused: ${outcome.reason}`);
    else log.info(outcome.reason);
    const answer: RockblockPushAnswer = outcome;
    sendJson(res, 200, answer);
  };

  return [
    {
      method: 'POST',
      path: setup.path,
      async handle({ req, res }) {
        const source = sourceAddress(req.socket.remoteAddress);
        try {
          await take(req, res, source);
        } catch (error) {
          if (error instanceof CenterHttpError)
            log.warn(`RockBLOCK push from ${source} refused (${error.status} ${error.code}): ${error.message}; nothing stored`);
          throw error;
        }
      },
    },
  ];
}
