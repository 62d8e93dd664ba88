import {
  ComponentType,
  TextInputStyle,
  type APIComponentInLabel,
  type APILabelComponent,
  type APIModalInteractionResponseCallbackData,
} from 'discord.js';
import type { Modal, ModalField } from '../../src/chat.js';
import { encodeCustomId } from './custom-id.js';

// Neutral modal <-> Discord modal. Fields are Label components (Discord's current modal layout)
// holding a text input, a string select or a checkbox; at most five, title at most 45 characters.

const cut = (s: string, max: number) => (s.length <= max ? s : s.slice(0, max - 1) + '…');
const MAX_FIELDS = 5;

function fieldComponent(f: ModalField): APIComponentInLabel {
  if (f.kind === 'checkbox') return { type: ComponentType.Checkbox, custom_id: f.id };
  if (f.kind === 'select') {
    return {
      type: ComponentType.StringSelect,
      custom_id: f.id,
      required: f.required,
      ...(f.placeholder ? { placeholder: cut(f.placeholder, 150) } : {}),
      options: (f.options ?? []).slice(0, 25).map((o) => ({ label: cut(o.label, 100), value: o.value })),
    };
  }
  return {
    type: ComponentType.TextInput,
    custom_id: f.id,
    style: f.kind === 'multiline' ? TextInputStyle.Paragraph : TextInputStyle.Short,
    required: f.required,
    max_length: Math.min(f.maxLength ?? 4000, 4000),
    ...(f.initial !== undefined && !f.secret ? { value: f.initial } : {}),
    // Discord has no date or time picker: a text input that says the format.
    ...(f.placeholder || f.kind === 'date' || f.kind === 'time'
      ? { placeholder: cut(f.placeholder ?? (f.kind === 'date' ? 'YYYY-MM-DD' : 'HH:MM'), 100) }
      : {}),
  };
}

/** Renders a neutral modal; its custom ID runs `modal.action` on the meeting `key` when submitted. */
export function renderModal(
  modal: Modal,
  key: string,
  value?: string,
): APIModalInteractionResponseCallbackData {
  if (modal.fields.length > MAX_FIELDS) {
    throw new Error(`Modal ${modal.action} has ${modal.fields.length} fields; Discord allows ${MAX_FIELDS}.`);
  }
  const components: APILabelComponent[] = modal.fields.map((f) => ({
    type: ComponentType.Label,
    label: cut(f.label, 45),
    ...(f.hint ? { description: cut(f.hint, 100) } : {}),
    component: fieldComponent(f),
  }));
  return {
    custom_id: encodeCustomId({ kind: 'run', action: modal.action, key, value }),
    title: cut(modal.title, 45),
    components,
  };
}

interface SubmittedComponent {
  type: number;
  custom_id?: string;
  value?: unknown;
  values?: unknown;
  component?: SubmittedComponent;
  components?: SubmittedComponent[];
}

function collect(c: SubmittedComponent, out: Record<string, string | boolean | undefined>): void {
  if (c.component) collect(c.component, out);
  for (const child of c.components ?? []) collect(child, out);
  if (!c.custom_id) return;
  if (typeof c.value === 'string' || typeof c.value === 'boolean')
    out[c.custom_id] = c.value === '' ? undefined : c.value;
  else if (Array.isArray(c.values))
    out[c.custom_id] = typeof c.values[0] === 'string' ? c.values[0] : undefined;
}

/**
 * Reads a modal submission's values by field ID, from Label-wrapped and (legacy) action-row-wrapped
 * components alike; empty text becomes undefined so optional fields stay optional.
 */
export function readModalFields(components: unknown): Record<string, string | boolean | undefined> {
  const out: Record<string, string | boolean | undefined> = {};
  if (Array.isArray(components)) for (const c of components as SubmittedComponent[]) collect(c, out);
  return out;
}
