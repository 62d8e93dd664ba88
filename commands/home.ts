import type { Place, View } from '../src/chat.js';
import { actorOf, contextOf, type DoorState } from './door-state.js';
import { personalLibrary } from './recordings.js';
import type { RequestActor } from './request.js';
import type { Invocation } from './types.js';

// A person's own page (Slack's App Home "Meetings" tab): the meetings they hosted or attended in the
// workspace and their recordings, the same list as `/video recordings --mine`. It changes nothing,
// so it is built on the spot, without the durable record a request gets.

/** The person's meetings and recordings, page `page`. */
export async function homeView(s: DoorState, actor: RequestActor, place: Place, page: number): Promise<View> {
  const inv: Invocation = { actor: await actorOf(s, actor, place), place, source: 'button' };
  return personalLibrary(inv, contextOf(s), page);
}
