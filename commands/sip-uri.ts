import { CommandError } from './errors.js';

/** Where phone numbers are dialled: Vonage's SIP gateway (the project needs SIP/PSTN enabled). */
export const PHONE_GATEWAY = 'sip.nexmo.com';

/** A dial target: the SIP URI to call and a label safe to show (no credentials). */
export interface DialTarget {
  uri: string;
  label: string;
  secure: boolean;
}

const SIP = /^(sips?):([^@\s]+)@([A-Za-z0-9.-]+(?::\d{1,5})?)(;[^\s]*)?$/i;
const PHONE = /^\+[1-9]\d{6,14}$/;

/**
 * The dial rule: a `sip:`/`sips:` URI is called as given (`sips:` means TLS); a phone number in
 * international form (`+14155550100`, spaces, dots, dashes and brackets allowed, or `00` for `+`)
 * is called as `sip:+14155550100@sip.nexmo.com` over TLS.
 */
export function dialTarget(input: string): DialTarget {
  const text = input.trim();
  const sip = SIP.exec(text);
  if (sip) {
    const user = sip[2]!.replace(/:.*$/, '');
    return {
      uri: text,
      label: `${sip[1]!.toLowerCase()}:${user}@${sip[3]}`,
      secure: sip[1]!.toLowerCase() === 'sips',
    };
  }
  const compact = text.replace(/[\s().-]/g, '').replace(/^00/, '+');
  if (PHONE.test(compact))
    return { uri: `sip:${compact}@${PHONE_GATEWAY};transport=tls`, label: compact, secure: true };
  if (/^\d{3,}$/.test(compact))
    throw new CommandError('Phone numbers need the country code, like `+14155550100`.');
  throw new CommandError(
    'Dial a SIP URI like `sip:alice@example.com` or a phone number like `+14155550100`.',
  );
}

/** Why `input` cannot be dialled (one sentence), or null when {@link dialTarget} accepts it. */
export function dialProblem(input: string): string | null {
  try {
    dialTarget(input);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}
