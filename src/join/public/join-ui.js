/* global document, fetch */
// Page state, status line, problem box and participant tiles: everything both modes share.

const $ = (id) => document.getElementById(id);

/** Sets the page state (lobby, connecting, joined, left, failed); CSS shows what fits each. */
export function setState(state) {
  document.body.dataset.state = state;
}

/** Announces progress through the polite live region. */
export function say(text) {
  $('status').textContent = text;
}

/** Shows a problem in plain words (role=alert), with what to do next. */
export function showProblem(title, text) {
  const box = $('problem');
  box.replaceChildren();
  const strong = document.createElement('strong');
  strong.textContent = title;
  const p = document.createElement('p');
  p.textContent = text;
  box.append(strong, p);
  box.hidden = false;
}

/** Shows a signal from the meeting (newest first, at most 20); its text is shown, never run. */
export function showMessage(type, data) {
  const list = $('messages');
  const item = document.createElement('li');
  const label = document.createElement('strong');
  label.textContent = type ? `Message (${type}): ` : 'Message: ';
  item.append(label, document.createTextNode(data));
  list.prepend(item);
  while (list.children.length > 20) list.lastElementChild.remove();
}

/** Shows a live-caption line in the same list (the emulator's are marked emulated in their text). */
export function showCaption(speaker, text) {
  const list = $('messages');
  const item = document.createElement('li');
  item.className = 'caption';
  const label = document.createElement('strong');
  label.textContent = `Caption (${speaker}): `;
  item.append(label, document.createTextNode(text));
  list.prepend(item);
  while (list.children.length > 20) list.lastElementChild.remove();
}

/** Hides the problem box. */
export function clearProblem() {
  $('problem').hidden = true;
}

/** Adds (or returns) the tile for a remote participant; `media` receives a video element or the SDK's. */
export function addTile(id, name, note) {
  let tile = document.getElementById(`tile-${id}`);
  if (!tile) {
    tile = document.createElement('li');
    tile.className = 'tile';
    tile.id = `tile-${id}`;
    const media = document.createElement('div');
    media.className = 'media';
    const avatar = document.createElement('span');
    avatar.className = 'avatar';
    avatar.setAttribute('aria-hidden', 'true');
    avatar.textContent = initials(name);
    media.append(avatar);
    const label = document.createElement('span');
    label.className = 'name';
    label.textContent = name;
    const badge = document.createElement('span');
    badge.className = 'badge';
    tile.append(media, label, badge);
    $('grid').append(tile);
  }
  const badge = tile.querySelector('.badge');
  badge.textContent = note ?? '';
  badge.hidden = !note;
  return tile;
}

/** Removes a remote participant's tile. */
export function removeTile(id) {
  document.getElementById(`tile-${id}`)?.remove();
}

/** Removes every tile whose id is not in `keep`. */
export function pruneTiles(keep) {
  for (const tile of document.querySelectorAll('#grid .tile:not(.self)')) {
    if (!keep.has(tile.id.slice(5))) tile.remove();
  }
}

/** Sets the badge of the local tile (e.g. "muted", "camera off"). */
export function selfBadge(text) {
  const badge = $('self-badge');
  badge.textContent = text;
  badge.hidden = !text;
}

function initials(name) {
  return (
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0].toUpperCase())
      .join('') || '?'
  );
}

/** Explains a getUserMedia/getDisplayMedia failure in plain words. */
export function explainMediaError(err, what = 'camera and microphone') {
  const name = err && err.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return `Your browser blocked the ${what}. Click the camera icon in the address bar, allow access, then reload this page.`;
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return `We could not find a ${what === 'screen' ? 'screen to share' : what}. Plug one in or check your system settings, then reload this page.`;
  }
  if (name === 'NotReadableError' || name === 'AbortError') {
    return `Another app is using your ${what}. Close it (or its other browser tab), then reload this page.`;
  }
  if (name === 'unsupported') {
    return `This browser cannot use a ${what} here. Use a current Chrome, Edge, Firefox or Safari over https.`;
  }
  return `We could not start your ${what}. Reload the page to try again.`;
}

/** POSTs JSON to our server; resolves with the parsed answer or throws an Error carrying its message. */
export async function postJson(path, body) {
  let res;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
      credentials: 'same-origin',
    });
  } catch {
    throw Object.assign(
      new Error('We could not reach the meeting server. Check your internet connection and try again.'),
      { title: 'No connection' },
    );
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    throw Object.assign(
      new Error(data.action ? `${data.message} ${data.action}` : data.message || 'Something went wrong.'),
      { title: data.title || 'We could not do that', status: res.status },
    );
  }
  return data;
}
