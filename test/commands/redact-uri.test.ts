import { describe, expect, it } from 'vitest';
import { redactUri } from '../../commands/views.js';

// Every stored argument passes through redactUri; the early return for text with neither `@` nor `?`
// must agree with the replacements it skips.
describe('redactUri', () => {
  it('leaves text without credentials or a query as it is', () => {
    for (const s of [
      'all',
      'off',
      'Alice Smith',
      'rtmp://live.example.com/app',
      'sip:+15551234567@sip.example.com',
    ])
      expect(redactUri(s)).toBe(s);
  });

  it('redacts a password in the user part and any query', () => {
    expect(redactUri('sip:alice:s3cret@sip.example.com')).toBe('sip:alice:[redacted]@sip.example.com');
    expect(redactUri('wss://bob:pw@media.example.com/ws')).toBe('wss://bob:[redacted]@media.example.com/ws');
    expect(redactUri('rtmp://live.example.com/app?key=abc')).toBe('rtmp://live.example.com/app?[redacted]');
    expect(redactUri('https://u:p@x.example.com/a?b=c')).toBe(
      'https://u:[redacted]@x.example.com/a?[redacted]',
    );
  });

  it('keeps a bare trailing question mark', () => {
    expect(redactUri('who?')).toBe('who?');
  });
});
