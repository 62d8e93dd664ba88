import type { Block, Button, Modal } from '../chat.js';
import { plain } from './format.js';
import type { MeetingState } from './state.js';

// The card's controls. Action names are command names with dots; the key is always the meeting's
// short key. Every control is shown to everyone (cards are channel messages); the core re-checks
// the clicker's role on each click.

/** Most options a participant select offers (Slack and Discord both cap selects at 25). */
export const MAX_SELECT_OPTIONS = 25;

const goLiveModal: Modal = {
  action: 'live.start',
  title: 'Go live',
  submitLabel: 'Go live',
  fields: [
    {
      id: 'rtmp_url',
      label: 'RTMP server URL',
      kind: 'text',
      required: false,
      placeholder: 'rtmp://a.rtmp.youtube.com/live2',
    },
    {
      id: 'rtmp_key',
      label: 'Stream key',
      kind: 'text',
      required: false,
      secret: true,
      hint: 'Never shown in the channel.',
    },
    { id: 'hls', label: 'Also stream HLS', kind: 'checkbox', required: false },
    {
      id: 'max_duration',
      label: 'Maximum duration (seconds)',
      kind: 'number',
      required: false,
      placeholder: '14400',
    },
  ],
};

const dialModal: Modal = {
  action: 'dial',
  title: 'Dial out',
  submitLabel: 'Dial',
  fields: [
    {
      id: 'uri',
      label: 'SIP URI or phone number',
      kind: 'text',
      required: true,
      placeholder: 'sip:+15551234567@sip.example.com',
    },
    { id: 'from', label: 'Caller ID', kind: 'text', required: false },
    { id: 'video', label: 'Include video', kind: 'checkbox', required: false },
  ],
};

function dtmfModal(s: MeetingState): Modal {
  const legs = s.calls;
  return {
    action: 'dtmf',
    title: 'Send DTMF',
    submitLabel: 'Send',
    fields: [
      { id: 'digits', label: 'Digits', kind: 'text', required: true, placeholder: '1234#', maxLength: 64 },
      legs.length > 0
        ? {
            id: 'who',
            label: 'Phone leg',
            kind: 'select',
            required: false,
            options: legs
              .slice(0, MAX_SELECT_OPTIONS)
              .map((l) => ({ label: plain(l.label, 75), value: l.connectionId })),
          }
        : { id: 'who', label: 'Participant (empty = everyone)', kind: 'text', required: false },
    ],
  };
}

/** The control blocks of an active meeting's card (a relayed meeting offers only what it can do). */
export function controlBlocks(s: MeetingState): Block[] {
  const key = s.meeting.id;
  const main: Button[] = [{ action: 'join', label: 'Join', key, style: 'primary' }];
  if (!s.relayed) {
    main.push(
      s.recording
        ? { action: 'record.stop', label: 'Stop recording', key, style: 'danger' }
        : { action: 'record.start', label: 'Record', key },
      s.live
        ? { action: 'live.stop', label: 'Stop live', key, style: 'danger' }
        : { action: 'live.start', label: 'Go live', key, modal: goLiveModal },
    );
  }
  main.push({
    action: 'end',
    label: 'End meeting',
    key,
    style: 'danger',
    confirm: {
      title: 'End the meeting?',
      text: 'This stops recording and live streams and disconnects everyone.',
      confirm: 'End meeting',
      deny: 'Cancel',
    },
  });
  const moderation: Button[] = [
    s.meeting.muteAll
      ? { action: 'mute.off', label: 'Unmute all', key }
      : { action: 'mute.all', label: 'Mute all', key },
  ];
  if (!s.relayed) moderation.push({ action: 'dial', label: 'Dial', key, modal: dialModal });
  // Live captions need a routed session; the button toggles them like Record does recording.
  if (!s.relayed)
    moderation.push(
      s.captions
        ? { action: 'captions.stop', label: 'Captions off', key }
        : { action: 'captions.start', label: 'Captions', key },
    );
  if (s.calls.length > 0) moderation.push({ action: 'dtmf', label: 'DTMF', key, modal: dtmfModal(s) });
  const blocks: Block[] = [
    { type: 'buttons', buttons: main },
    { type: 'buttons', buttons: moderation },
  ];

  const people = s.people.slice(0, MAX_SELECT_OPTIONS);
  const muteOptions = people
    .filter((p) => p.media.some((m) => !m.muted))
    .map((p) => ({ label: plain(p.label, 75), value: p.connectionId }));
  if (muteOptions.length > 0)
    blocks.push({
      type: 'select',
      select: { action: 'mute', key, placeholder: 'Mute a participant…', options: muteOptions },
    });
  if (people.length > 0) {
    blocks.push({
      type: 'select',
      select: {
        action: 'kick',
        key,
        placeholder: 'Remove a participant…',
        options: people.map((p) => ({ label: plain(p.label, 75), value: p.connectionId })),
        confirm: {
          title: 'Remove participant?',
          text: 'They are disconnected from the meeting.',
          confirm: 'Remove',
          deny: 'Cancel',
        },
      },
    });
  }
  return blocks;
}
