import { DESK_FEED_MIME, DESK_FEED_PATH, FeedEventId } from '../../protocol/sync/deskFeed';
import { vehicleFilter } from './access';
import { authenticate } from './auth';
import { check } from './body';
import type { CenterContext } from './context';
import type { Route } from './router';

/**
 * `GET /desk/v1/feed`: the desk's live feed as Server-Sent Events (protocol/sync/deskFeed.ts).
 * A staff token in `Authorization: Bearer` (the desk reads it with fetch, not EventSource,
 * so the header works); `Last-Event-ID` resumes. The staff member's vehicle filter is taken
 * once per connection; a change of their groups shows from their next connection.
 */
export function feedRoutes(context: CenterContext): Route[] {
  const { store, feed } = context;
  return [
    {
      method: 'GET',
      path: DESK_FEED_PATH,
      async handle({ req, res }) {
        const staff = await authenticate(req, store, 'staff');
        const header = req.headers['last-event-id'];
        const lastEventId = header === undefined ? undefined : check(header, FeedEventId, 'Last-Event-ID header');
        const sees = await vehicleFilter(staff);
        // A stream's connection is never reused: when the feed ends it (shutdown, a slow desk), the socket goes too.
        res.shouldKeepAlive = false;
        res.writeHead(200, {
          'content-type': `${DESK_FEED_MIME}; charset=utf-8`,
          'cache-control': 'no-store',
          'x-content-type-options': 'nosniff',
          // A reverse proxy (nginx) must pass events on at once, not buffer them.
          'x-accel-buffering': 'no',
        });
        // Small frames, sent as they come: latency over packet count.
        req.socket.setNoDelay(true);
        if (req.method === 'HEAD') {
          res.end();
          return;
        }
        const connection = feed.connect(res, { sees, lastEventId, label: `staff ${staff.id}` });
        res.once('close', () => connection.close());
      },
    },
  ];
}
