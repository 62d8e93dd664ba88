// Multi-workspace install: Slack's InstallProvider runs the OAuth dance on our shared server and
// keeps installations (they hold bot tokens) in our store, keyed by team (or enterprise for org-wide
// installs). app_uninstalled and tokens_revoked delete them.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Installation, InstallationQuery, InstallationStore } from '@slack/bolt';
import { InstallProvider } from '@slack/oauth';
import type { Logger } from '../../src/log.js';
import type { Store } from '../../src/store/types.js';
import { boltLogger } from './bolt-logger.js';
import { BOT_SCOPES } from './scopes.js';

/** Where installations are kept: the team ID, or the enterprise ID for org-wide installs. */
function keyOf(q: { isEnterpriseInstall?: boolean; enterpriseId?: string; teamId?: string }): string {
  const key = q.isEnterpriseInstall && q.enterpriseId ? q.enterpriseId : q.teamId;
  if (!key) throw new Error('The installation has neither a team nor an enterprise ID.');
  return key;
}

/** An InstallationStore over our Store. */
export function storeInstallations(store: Store, now: () => number = Date.now): InstallationStore {
  return {
    async storeInstallation(inst: Installation) {
      const teamId = keyOf({
        isEnterpriseInstall: inst.isEnterpriseInstall,
        enterpriseId: inst.enterprise?.id,
        teamId: inst.team?.id,
      });
      await store.saveInstallation({ platform: 'slack', teamId, data: inst, updatedAt: now() });
    },
    async fetchInstallation(q: InstallationQuery<boolean>) {
      const rec = await store.getInstallation('slack', keyOf(q));
      if (!rec) throw new Error('The Slack app is not installed in this workspace.');
      return rec.data as Installation<'v2', boolean>;
    },
    async deleteInstallation(q: InstallationQuery<boolean>) {
      await store.deleteInstallation('slack', keyOf(q));
    },
  };
}

/** Options of {@link createOAuth}. */
export interface OAuthOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  store: Store;
  publicUrl: string;
  apiUrl?: string;
  log: Logger;
}

/** The OAuth pieces the adapter mounts: Bolt's authorize function and the two HTTP handlers. */
export interface OAuth {
  authorize: InstallProvider['authorize'];
  install(req: IncomingMessage, res: ServerResponse): Promise<void>;
  redirect(req: IncomingMessage, res: ServerResponse): Promise<void>;
}

/** Path of the OAuth redirect on our server (also listed in manifest.yml). */
export const OAUTH_REDIRECT_PATH = '/slack/oauth_redirect';

/** Builds the InstallProvider over our store. */
export function createOAuth(o: OAuthOptions): OAuth {
  const provider = new InstallProvider({
    clientId: o.clientId,
    clientSecret: o.clientSecret,
    stateSecret: o.stateSecret,
    installationStore: storeInstallations(o.store),
    directInstall: true,
    logger: boltLogger(o.log),
    ...(o.apiUrl ? { clientOptions: { slackApiUrl: o.apiUrl } } : {}),
  });
  const urlOptions = { scopes: [...BOT_SCOPES], redirectUri: `${o.publicUrl}${OAUTH_REDIRECT_PATH}` };
  return {
    authorize: (source) => provider.authorize(source),
    install: (req, res) => provider.handleInstallPath(req, res, undefined, urlOptions),
    redirect: (req, res) => provider.handleCallback(req, res, undefined, urlOptions),
  };
}
