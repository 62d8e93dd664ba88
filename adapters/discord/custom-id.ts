// Component custom IDs carry everything a click needs (Discord gives back nothing else): a kind,
// the neutral action, the meeting's short key and an optional short value, within Discord's 100
// characters. Session IDs never appear here; the store maps the short key back to the meeting.

/** What a click on a component should do first. */
export type ClickKind =
  /** Run the action now. */
  | 'run'
  /** Ask for confirmation (ephemeral confirm prompt) before running. */
  | 'confirm'
  /** Open the action's modal (must be the first response). */
  | 'modal'
  /** The confirm prompt's "yes": run the action. */
  | 'confirmed'
  /** The confirm prompt's "no": drop it. */
  | 'cancel';

/** A decoded custom ID. */
export interface ComponentRef {
  kind: ClickKind;
  action: string;
  key: string;
  value?: string;
}

const PREFIX: Record<ClickKind, string> = {
  run: 'v1',
  confirm: 'v1c',
  modal: 'v1m',
  confirmed: 'v1y',
  cancel: 'v1n',
};
const KIND = new Map(Object.entries(PREFIX).map(([k, p]) => [p, k as ClickKind]));

/** Discord's limit on custom_id length. */
export const CUSTOM_ID_MAX = 100;

/** Encodes a component reference as `v1|<action>|<key>|<value>`; throws when it would exceed 100 characters. */
export function encodeCustomId(ref: ComponentRef): string {
  for (const part of [ref.action, ref.key, ref.value ?? '']) {
    if (part.includes('|')) throw new Error(`Component field "${part}" must not contain "|".`);
  }
  const id = `${PREFIX[ref.kind]}|${ref.action}|${ref.key}|${ref.value ?? ''}`;
  if (id.length > CUSTOM_ID_MAX) {
    throw new Error(
      `Component ID for ${ref.action} is ${id.length} characters; Discord allows ${CUSTOM_ID_MAX}.`,
    );
  }
  return id;
}

/** Decodes a custom ID made by {@link encodeCustomId}; null for anything else (foreign or tampered IDs). */
export function decodeCustomId(id: string): ComponentRef | null {
  const parts = id.split('|');
  if (parts.length !== 4) return null;
  const [prefix, action, key, value] = parts as [string, string, string, string];
  const kind = KIND.get(prefix);
  if (!kind || !action || !key) return null;
  return value ? { kind, action, key, value } : { kind, action, key };
}
