// The App Home "Meetings" tab: when a person opens it, the meetings they hosted or attended in this
// workspace and their recordings (the same list and buttons as `/video recordings --mine`), published
// with views.publish. Its Previous/Next buttons publish the next page in place; its other buttons
// (Get link, Transcript) run like any click, and their private answer arrives in the app's DM.
import type { webApi } from '@slack/bolt';
import type { FrontDoor } from '../../commands/front-door.js';
import type { Logger } from '../../src/log.js';
import { renderView } from './render.js';
import { slackPlace } from './requests.js';
import type { TokenLookup } from './tokens.js';

/** Slack allows 100 blocks in a Home tab. */
const HOME_BLOCKS = 100;

/** What publishing a Home tab needs. */
export interface HomeDeps {
  door: FrontDoor;
  client: webApi.WebClient;
  tokenFor: TokenLookup;
  log: Logger;
}

/** Publishes the person's Meetings tab (page `page`); failures are logged, never thrown. */
export async function publishHome(d: HomeDeps, teamId: string, userId: string, page = 1): Promise<void> {
  try {
    const view = await d.door.home(
      { platform: 'slack', id: userId, name: userId },
      slackPlace(teamId, ''),
      page,
    );
    const { blocks } = renderView(view, HOME_BLOCKS);
    await d.client.views.publish({
      token: await d.tokenFor(teamId),
      user_id: userId,
      view: { type: 'home', blocks },
    });
  } catch (err) {
    d.log.warn('could not publish the App Home tab', { teamId, err });
  }
}
