// Neutral Modal <-> Slack modal view: views.open payload, reading a view_submission, inline errors.
// Secret fields (stream keys, SIP passwords) are never given an initial value nor echoed back.
import type { types as SlackTypes } from '@slack/bolt';
import type { Confirm, Modal, ModalField } from '../../src/chat.js';
import { SLACK_LIMITS as L, plain, truncate } from './mrkdwn.js';

/** The callback_id of every modal this adapter opens; the context rides in private_metadata. */
export const MODAL_CALLBACK_ID = 'video-modal';

/** What a submission needs to become a request: the action, meeting key and channel (and menu choice). */
export interface ModalMetadata {
  action: string;
  key: string;
  channel: string;
  /** The value the control carried (a menu's chosen person), for a confirmation. */
  value?: string;
}

/** Field values by field id, as a request's form fields. */
export type SubmittedFields = Record<string, string | boolean | undefined>;

function element(f: ModalField): SlackTypes.InputBlockElement {
  const placeholder = f.placeholder ? { placeholder: plain(f.placeholder, L.placeholder) } : {};
  const initial = f.secret ? undefined : f.initial;
  switch (f.kind) {
    case 'date':
      return {
        type: 'datepicker',
        action_id: f.id,
        ...(initial && /^\d{4}-\d{2}-\d{2}$/.test(initial) ? { initial_date: initial } : {}),
      };
    case 'time':
      return {
        type: 'timepicker',
        action_id: f.id,
        ...(initial && /^\d{2}:\d{2}$/.test(initial) ? { initial_time: initial } : {}),
      };
    case 'number':
      return { type: 'number_input', action_id: f.id, is_decimal_allowed: false, ...placeholder };
    case 'checkbox':
      return {
        type: 'checkboxes',
        action_id: f.id,
        options: [{ text: plain(f.label, L.optionText), value: 'true' }],
      };
    case 'select':
      // Slack rejects a select without options; an empty choice list becomes free text.
      if (!f.options?.length) return { type: 'plain_text_input', action_id: f.id, ...placeholder };
      return {
        type: 'static_select',
        action_id: f.id,
        ...placeholder,
        options: (f.options ?? [])
          .slice(0, L.optionsPerSelect)
          .map((o) => ({ text: plain(o.label, L.optionText), value: o.value.slice(0, L.optionValue) })),
      };
    default:
      return {
        type: 'plain_text_input',
        action_id: f.id,
        multiline: f.kind === 'multiline',
        max_length: Math.min(f.maxLength ?? L.inputMaxLength, L.inputMaxLength),
        ...(initial ? { initial_value: initial } : {}),
        ...placeholder,
      };
  }
}

function hintFor(f: ModalField): string | undefined {
  const secretNote = f.secret ? 'Kept private: never shown in the channel or stored.' : '';
  return [f.hint, secretNote].filter(Boolean).join(' ') || undefined;
}

/**
 * A confirmation as a modal (opened after the core checked the role): its question naming the target
 * (`Remove participant "Ada"?`), its text, and its two buttons; submitting it runs the action.
 */
export function renderConfirm(c: Confirm, meta: ModalMetadata, target?: string): SlackTypes.ModalView {
  const metadata = JSON.stringify({
    a: meta.action,
    k: meta.key,
    c: meta.channel,
    ...(meta.value !== undefined ? { v: meta.value } : {}),
  });
  const question = target ? c.title.replace(/\??$/, ` "${target}"?`) : c.title;
  return {
    type: 'modal',
    callback_id: MODAL_CALLBACK_ID,
    title: plain(c.title, L.modalTitle),
    submit: plain(c.confirm, L.modalButton),
    close: plain(c.deny, L.modalButton),
    private_metadata: truncate(metadata, L.privateMetadata),
    blocks: [
      { type: 'section', text: plain(question, L.sectionText) },
      ...(c.text ? [{ type: 'section' as const, text: plain(c.text, L.sectionText) }] : []),
    ],
  };
}

/** Builds the `view` argument of views.open for a neutral modal. */
export function renderModal(modal: Modal, meta: ModalMetadata): SlackTypes.ModalView {
  const metadata = JSON.stringify({
    a: meta.action,
    k: meta.key,
    c: meta.channel,
    ...(meta.value !== undefined ? { v: meta.value } : {}),
  });
  const blocks: SlackTypes.InputBlock[] = modal.fields.slice(0, L.blocksPerModal).map((f) => {
    const hint = hintFor(f);
    return {
      type: 'input',
      block_id: f.id,
      label: plain(f.label, L.inputLabel),
      optional: f.kind === 'checkbox' || !f.required,
      element: element(f),
      ...(hint ? { hint: plain(hint, L.inputHint) } : {}),
    };
  });
  return {
    type: 'modal',
    callback_id: MODAL_CALLBACK_ID,
    title: plain(modal.title, L.modalTitle),
    submit: plain(modal.submitLabel, L.modalButton),
    close: plain('Cancel', L.modalButton),
    private_metadata: truncate(metadata, L.privateMetadata),
    blocks,
  };
}

/** Reads private_metadata written by {@link renderModal}; null when it is not ours. */
export function readModalMetadata(raw: unknown): ModalMetadata | null {
  if (typeof raw !== 'string') return null;
  try {
    const m = JSON.parse(raw) as { a?: unknown; k?: unknown; c?: unknown; v?: unknown };
    if (typeof m.a !== 'string' || typeof m.k !== 'string' || typeof m.c !== 'string') return null;
    return { action: m.a, key: m.k, channel: m.c, ...(typeof m.v === 'string' ? { value: m.v } : {}) };
  } catch {
    return null;
  }
}

interface StateValue {
  type?: string;
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: Array<{ value?: string }>;
  selected_date?: string | null;
  selected_time?: string | null;
}

/** Turns view.state.values into field values by id: trimmed strings, booleans for checkboxes. */
export function readSubmission(values: unknown): SubmittedFields {
  const out: SubmittedFields = {};
  if (!values || typeof values !== 'object') return out;
  for (const [blockId, actions] of Object.entries(values as Record<string, Record<string, StateValue>>)) {
    const v = actions?.[blockId];
    if (!v || typeof v !== 'object') continue;
    if (v.type === 'checkboxes') out[blockId] = (v.selected_options ?? []).length > 0;
    else if (v.type === 'static_select') out[blockId] = v.selected_option?.value ?? undefined;
    else if (v.type === 'datepicker') out[blockId] = v.selected_date ?? undefined;
    else if (v.type === 'timepicker') out[blockId] = v.selected_time ?? undefined;
    else if (typeof v.value === 'string' && v.value.trim() !== '') out[blockId] = v.value.trim();
    else out[blockId] = undefined;
  }
  return out;
}
