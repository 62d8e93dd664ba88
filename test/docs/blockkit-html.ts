// A small renderer of the Block Kit we send (header, section with text or fields, context,
// actions with buttons and selects, divider) to static HTML that looks like a Slack message, so
// docs screenshots show the blocks exactly as the Slack adapter renders them. Slack's mrkdwn
// arrives already escaped (&amp; &lt; &gt;), so text is only given its bold, code and line breaks.

type Json = Record<string, unknown>;

const EMOJI: Record<string, string> = {
  ':information_source:': 'ℹ️',
  ':white_check_mark:': '✅',
  ':warning:': '⚠️',
  ':x:': '❌',
  ':red_circle:': '🔴',
};

function mrkdwn(text: string): string {
  return text
    .replace(/:[a-z_]+:/g, (e) => EMOJI[e] ?? e)
    .replace(/`([^`\n]+)`/g, '<code>$1</code>')
    .replace(/\*([^*\n]+)\*/g, '<b>$1</b>')
    .replace(/\n/g, '<br>');
}

function plainText(t: unknown): string {
  const s = String((t as Json | undefined)?.text ?? '');
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function textObject(t: unknown): string {
  const o = t as Json | undefined;
  if (!o) return '';
  return o.type === 'mrkdwn' ? mrkdwn(String(o.text)) : plainText(o);
}

function element(e: Json): string {
  if (e.type === 'button') {
    const style = e.style === 'primary' ? ' primary' : e.style === 'danger' ? ' danger' : '';
    return `<span class="btn${style}">${plainText(e.text)}</span>`;
  }
  if (e.type === 'static_select') return `<span class="btn select">${plainText(e.placeholder)} ▾</span>`;
  return '';
}

function block(b: Json): string {
  switch (b.type) {
    case 'header':
      return `<div class="header">${plainText(b.text)}</div>`;
    case 'section': {
      const fields = (b.fields as unknown[] | undefined) ?? [];
      const text = b.text ? `<div class="text">${textObject(b.text)}</div>` : '';
      const grid = fields.length
        ? `<div class="fields">${fields.map((f) => `<div>${textObject(f)}</div>`).join('')}</div>`
        : '';
      return `<div class="section">${text}${grid}</div>`;
    }
    case 'context':
      return `<div class="context">${((b.elements as Json[]) ?? []).map(textObject).join(' ')}</div>`;
    case 'actions':
      return `<div class="actions">${((b.elements as Json[]) ?? []).map(element).join('')}</div>`;
    case 'divider':
      return '<hr>';
    default:
      return '';
  }
}

const STYLE = `
body { font: 15px/1.46668 -apple-system, "Segoe UI", Lato, Helvetica, Arial, sans-serif; color: #1d1c1d; margin: 0; background: #fff; }
.thread { width: 640px; padding: 16px 20px; }
.parent { color: #616061; font-size: 13px; border-left: 3px solid #e8e8e8; padding: 4px 10px; margin-bottom: 12px; }
.msg { display: flex; gap: 8px; }
.avatar { width: 36px; height: 36px; border-radius: 6px; background: #4a154b; color: #fff; font-weight: 700; display: flex; align-items: center; justify-content: center; flex: none; }
.who { font-weight: 900; } .app { font-size: 10px; background: #ddd; color: #555; padding: 1px 3px; border-radius: 2px; margin-left: 4px; font-weight: 700; }
.time { color: #616061; font-size: 12px; margin-left: 6px; }
.header { font-size: 18px; font-weight: 900; margin: 4px 0 6px; }
.section { margin: 6px 0; } .fields { display: grid; grid-template-columns: 1fr 1fr; gap: 6px 16px; }
.context { color: #616061; font-size: 13px; margin: 6px 0; }
.actions { margin: 8px 0; display: flex; gap: 8px; flex-wrap: wrap; }
.btn { border: 1px solid #c7c7c7; border-radius: 4px; padding: 3px 12px; font-weight: 700; font-size: 13px; }
.btn.primary { background: #007a5a; color: #fff; border-color: #007a5a; } .btn.danger { color: #e01e5a; }
code { font: 12px Monaco, Menlo, Consolas, monospace; background: #f6f6f6; border: 1px solid #e1e1e1; border-radius: 3px; padding: 1px 3px; color: #e01e5a; }
hr { border: none; border-top: 1px solid #e8e8e8; }
`;

/** A Slack thread reply (the recap) under its parent card, as one HTML page. */
export function threadHtml(opts: { parent: string; app: string; time: string; blocks: unknown[] }): string {
  const body = (opts.blocks as Json[]).map(block).join('\n');
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body>
<div class="thread"><div class="parent">Thread · replying to <b>${opts.parent}</b></div>
<div class="msg"><div class="avatar">V</div><div><span class="who">${opts.app}</span><span class="app">APP</span><span class="time">${opts.time}</span>
${body}</div></div></div></body></html>`;
}

/** Terminal text as an HTML page (dark console), for a PNG of the shell's output. */
export function consoleHtml(text: string): string {
  const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; background: #1e1e1e; } pre { color: #d4d4d4; font: 13px/1.45 "DejaVu Sans Mono", Menlo, monospace; padding: 16px 20px; margin: 0; width: max-content; }
</style></head><body><pre>${esc}</pre></body></html>`;
}
