import { HttpError, type Router } from '../http.js';
import { transcriptFile } from '../transcription.js';
import type { Api } from './context.js';

// GET /_emulator/transcripts/{archiveId}.json: the placeholder transcript of an archive whose
// transcription is available (the URL the archive reports; no auth, like the media placeholder).

/** Registers the transcript download route. */
export function transcriptRoutes(router: Router, api: Api): void {
  router.add('GET', '/_emulator/transcripts/:file', (ctx) => {
    const id = (ctx.params[0] ?? '').replace(/\.json$/, '');
    const a = api.world.archives.get(id);
    if (!a || a.transcription?.status !== 'available') throw new HttpError(404, 'Transcript not found.');
    return { status: 200, body: transcriptFile(a, api.world.signals) };
  });
}
