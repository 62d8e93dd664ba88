// Signed Slack slash-command deliveries, as Slack sends them (v0 HMAC signature over the raw body).
import { createHmac } from 'node:crypto';
import { request } from 'undici';

/** The signing secret shared by the test and the replicas. */
export const SIGNING_SECRET = 'replica-test-signing-secret-0123456789';

/** One slash command delivery. */
export interface SlashDelivery {
  channel: string;
  user: string;
  text: string;
  triggerId: string;
  /** response_url id: the fake Slack records replies under /respond/<id>. */
  replyId: string;
  retryNum?: number;
}

/** What a delivery got back: the HTTP status and the ack's body (a sentence when the bot refused it). */
export interface SlashAck {
  status: number;
  text: string;
}

/** POSTs a signed `/video` slash command to `url` (the balancer); returns its ack. */
export async function sendSlash(url: string, slackUrl: string, d: SlashDelivery): Promise<SlashAck> {
  const body = new URLSearchParams({
    token: 'legacy',
    team_id: 'T1',
    team_domain: 't',
    channel_id: d.channel,
    channel_name: d.channel.toLowerCase(),
    user_id: d.user,
    user_name: d.user.toLowerCase(),
    command: '/video',
    text: d.text,
    api_app_id: 'A1',
    trigger_id: d.triggerId,
    response_url: `${slackUrl}/respond/${d.replyId}`,
  }).toString();
  const ts = Math.floor(Date.now() / 1000);
  const signature = 'v0=' + createHmac('sha256', SIGNING_SECRET).update(`v0:${ts}:${body}`).digest('hex');
  const res = await request(`${url}/slack/events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': signature,
      ...(d.retryNum
        ? { 'x-slack-retry-num': String(d.retryNum), 'x-slack-retry-reason': 'http_timeout' }
        : {}),
    },
    body,
  });
  return { status: res.statusCode, text: await res.body.text() };
}
