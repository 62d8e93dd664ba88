import { TICKET_TTL_MS } from './tickets.js';

// Every way a join link can fail, with the status code programs see and the words people see.
// One table so the HTML error page and the JSON answers of the page's own requests never disagree.

/** Stable codes for a join link that cannot be used. */
export type JoinProblemCode =
  | 'malformed'
  | 'forged'
  | 'expired'
  | 'used'
  | 'unknown_meeting'
  | 'meeting_ended'
  | 'session_gone'
  | 'unavailable';

/** What to tell a person whose join link failed. */
export interface JoinProblem {
  code: JoinProblemCode;
  status: number;
  title: string;
  /** What happened, in one sentence. */
  message: string;
  /** What to do next, in one sentence. */
  action: string;
}

const NEW_LINK = 'Ask for a new link in the channel with /video join.';
/** How long a link works, in the words the chat uses when it hands one out (commands/links.ts). */
const LIFETIME = `${Math.round(TICKET_TTL_MS / 60_000)} minutes`;

const PROBLEMS: Record<JoinProblemCode, Omit<JoinProblem, 'code'>> = {
  malformed: {
    status: 400,
    title: 'This join link is incomplete',
    message: 'The link looks cut short or changed, so we cannot tell which meeting it is for.',
    action: `Copy the whole link again, or ${NEW_LINK.charAt(0).toLowerCase()}${NEW_LINK.slice(1)}`,
  },
  forged: {
    status: 403,
    title: 'This join link is not valid',
    message: 'The link was not issued by this meeting bot, or it was changed after it was issued.',
    action: NEW_LINK,
  },
  expired: {
    status: 410,
    title: 'This join link has expired',
    message: `Join links work for ${LIFETIME} after they are created, and this one is too old.`,
    action: NEW_LINK,
  },
  used: {
    status: 410,
    title: 'This join link was already used',
    message: 'Each join link lets one person in once, and this one has been used.',
    action: NEW_LINK,
  },
  unknown_meeting: {
    status: 404,
    title: 'We cannot find this meeting',
    message: 'The meeting this link points to does not exist on this server.',
    action:
      'Check that the meeting is still listed in the channel, then ask for a new link with /video join.',
  },
  meeting_ended: {
    status: 410,
    title: 'This meeting has ended',
    message: 'The host ended the meeting, so nobody can join it any more.',
    action: 'Start a new meeting in the channel with /video start.',
  },
  session_gone: {
    status: 410,
    title: 'This meeting is no longer available',
    message: 'The video service no longer knows this meeting, so nobody can join it.',
    action: 'Start a new meeting in the channel with /video start.',
  },
  unavailable: {
    status: 503,
    title: 'We cannot let you in right now',
    message: 'The meeting service did not answer, which is usually a short outage.',
    action: 'Wait a minute and reload this page; if it keeps happening, tell the person who runs the bot.',
  },
};

/** Returns the full description of a join problem. */
export function joinProblem(code: JoinProblemCode): JoinProblem {
  return { code, ...PROBLEMS[code] };
}
