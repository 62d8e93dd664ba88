// Async iteration over list calls: walks offset/count pages until the service runs out.
import type { ListOptions, Page } from './types.js';

const DEFAULT_PAGE = 100;

/** Yields successive pages of a list call, starting at `o.offset`, `o.count` items per page (default 100). */
export async function* pagesOf<T>(
  list: (o: ListOptions) => Promise<Page<T>>,
  o: ListOptions = {},
): AsyncGenerator<Page<T>> {
  const size = o.count ?? DEFAULT_PAGE;
  let offset = o.offset ?? 0;
  for (;;) {
    const page = await list({ ...o, offset, count: size });
    yield page;
    offset += page.items.length;
    if (page.items.length < size || offset >= page.count) return;
  }
}

/** Yields every item of a list call, page by page. */
export async function* itemsOf<T>(
  list: (o: ListOptions) => Promise<Page<T>>,
  o: ListOptions = {},
): AsyncGenerator<T> {
  for await (const page of pagesOf(list, o)) yield* page.items;
}
