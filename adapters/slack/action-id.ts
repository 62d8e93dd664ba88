// Block Kit action_id encoding. A component carries `${action}:${key}` (plus `:n` when the same pair
// repeats in one message, since Slack wants action_ids unique per message); buttons that open a form
// first carry the `modal:` prefix. The key is the store's short meeting key, never a session ID.

/** What a clicked component asks for. */
export interface DecodedAction {
  action: string;
  key: string;
  /** The button opens a modal first instead of acting. */
  opensModal: boolean;
}

const MODAL_PREFIX = 'modal:';

/** Builds an action_id; `n` disambiguates repeats within one message. */
export function encodeActionId(
  action: string,
  key: string,
  opts: { opensModal?: boolean; n?: number } = {},
): string {
  const base = `${opts.opensModal ? MODAL_PREFIX : ''}${action}:${key}`;
  return opts.n ? `${base}:${opts.n}` : base;
}

/** Parses an action_id built by {@link encodeActionId}; null when it is not ours. */
export function decodeActionId(actionId: string): DecodedAction | null {
  if (typeof actionId !== 'string' || actionId.length > 255) return null;
  const opensModal = actionId.startsWith(MODAL_PREFIX);
  const parts = (opensModal ? actionId.slice(MODAL_PREFIX.length) : actionId).split(':');
  const [action, key] = parts;
  if (!action || key === undefined || parts.length > 3 || !/^[a-z][\w.-]*$/i.test(action)) return null;
  return { action, key, opensModal };
}

/** Hands out unique action_ids within one rendered message. */
export function actionIdAllocator(): (action: string, key: string, opensModal?: boolean) => string {
  const seen = new Map<string, number>();
  return (action, key, opensModal = false) => {
    const base = encodeActionId(action, key, { opensModal });
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : encodeActionId(action, key, { opensModal, n });
  };
}
