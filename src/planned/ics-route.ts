// GET /schedule/<id>.<signature>.ics: a schedule's calendar file, served by the bot so people can add
// a planned meeting (or a whole series, with its cancelled occurrences) to their own calendars. The
// signature (links.ts) keeps schedules from being listed by guessing IDs.

import { sendText } from '../http/respond.js';
import type { HttpServer } from '../server.js';
import type { ScheduleBoard } from './board.js';
import { readIcsName } from './links.js';
import type { Store } from '../store/types.js';

/** What the route needs. */
export interface IcsRouteDeps {
  board: ScheduleBoard;
  store: Pick<Store, 'getSchedule'>;
  ticketSecret: string;
}

/** The route's pattern. */
export const ICS_ROUTE = '/schedule/:file';

/** Mounts the `.ics` route on the server. */
export function mountScheduleRoutes(server: Pick<HttpServer, 'route'>, deps: IcsRouteDeps): void {
  server.route('GET', ICS_ROUTE, async (_req, res, params) => {
    const id = readIcsName(params.file ?? '', deps.ticketSecret);
    const s = id ? await deps.store.getSchedule(id) : null;
    if (!s) {
      sendText(res, 404, 'No such calendar file: ask for the link again from the schedule card.\n');
      return;
    }
    sendText(res, 200, deps.board.ics(s), 'text/calendar; charset=utf-8', {
      'content-disposition': `attachment; filename="${s.id}.ics"`,
      'cache-control': 'no-store',
    });
  });
}
