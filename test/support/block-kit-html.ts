// Slack Block Kit (the blocks this bot sends: header, section, context, actions, divider) as a
// static HTML page styled like Slack's client, so Home tabs and messages can be screenshotted for
// docs/ in headless Chromium. An approximation of Slack's look, not Slack's renderer.

type Text = { type: string; text: string };
type Element = { type: string; text?: Text; style?: string; url?: string };
type Block = {
  type: string;
  text?: Text;
  fields?: Text[];
  elements?: Array<Element & Text>;
};

const esc = (s: string) =>
  s
    .replace(/&(?!(amp|lt|gt);)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

/** Slack mrkdwn (already escaped by the bot: &amp; &lt; &gt;) to HTML: links, *bold*, `code`, lines. */
function mrkdwn(text: string): string {
  const parts = text.split(/(<[^<>|]+\|[^<>]+>)/g);
  return parts
    .map((p) => {
      const link = /^<([^<>|]+)\|([^<>]+)>$/.exec(p);
      if (link) return `<a href="#">${link[2]}</a>`;
      return p
        .replace(/`([^`]+)`/g, '<code>$1</code>')
        .replace(/\*([^*\n]+)\*/g, '<b>$1</b>')
        .replace(/_([^_\n]+)_/g, '<i>$1</i>');
    })
    .join('')
    .replace(/\n/g, '<br>');
}

const textOf = (t: Text | undefined) => (!t ? '' : t.type === 'mrkdwn' ? mrkdwn(t.text) : esc(t.text));

function block(b: Block): string {
  switch (b.type) {
    case 'header':
      return `<h2>${textOf(b.text)}</h2>`;
    case 'section':
      return `<div class="section">${textOf(b.text)}${(b.fields ?? []).map((f) => `<div class="field">${textOf(f)}</div>`).join('')}</div>`;
    case 'context':
      return `<div class="context">${(b.elements ?? []).map((e) => textOf(e)).join(' ')}</div>`;
    case 'actions':
      return `<div class="actions">${(b.elements ?? [])
        .map((e) => `<span class="button ${e.style ?? ''}">${textOf(e.text)}</span>`)
        .join('')}</div>`;
    case 'divider':
      return '<hr>';
    default:
      return '';
  }
}

/** A page showing `blocks` under a Slack-like title bar. */
export function blockKitPage(title: string, blocks: readonly unknown[]): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; font: 15px/1.46 -apple-system, 'Segoe UI', Lato, sans-serif; color: #1d1c1d; background: #fff; }
.bar { background: #3f0e40; color: #fff; padding: 10px 20px; font-weight: 700; }
main { padding: 12px 20px; max-width: 760px; }
h2 { font-size: 18px; margin: 8px 0; }
.section { margin: 6px 0; } .field { display: inline-block; width: 48%; vertical-align: top; }
.context { color: #616061; font-size: 13px; margin: 4px 0 8px; }
.actions { margin: 4px 0 10px; }
.button { display: inline-block; border: 1px solid #bbb; border-radius: 4px; padding: 3px 12px; margin: 0 8px 4px 0; font-weight: 700; font-size: 13px; }
.button.primary { background: #007a5a; color: #fff; border-color: #007a5a; }
.button.danger { color: #e01e5a; border-color: #e01e5a; }
code { background: #f8f8f8; border: 1px solid #ddd; border-radius: 3px; padding: 0 3px; font-size: 12px; color: #e01e5a; }
a { color: #1264a3; } hr { border: 0; border-top: 1px solid #ddd; }
</style></head><body><div class="bar">${esc(title)}</div><main>${(blocks as Block[]).map(block).join('\n')}</main></body></html>`;
}
