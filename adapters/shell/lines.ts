/** A line waiting to be handled, with the promise its sender awaits. */
interface Pending {
  line: string;
  done: () => void;
}

/**
 * Lines in arrival order, shared by the command loop and prompts (modal fields, confirmations): a
 * prompt simply takes the next line, which is what makes piped scripts and interactive use alike.
 */
export class LineQueue {
  private readonly lines: Pending[] = [];
  private waiter: ((p: Pending | null) => void) | null = null;
  private ended = false;

  /** Adds a line; resolves once it has been taken and handled. */
  push(line: string): Promise<void> {
    if (this.ended) return Promise.resolve();
    return new Promise((done) => {
      const p = { line, done };
      if (this.waiter) {
        const w = this.waiter;
        this.waiter = null;
        w(p);
      } else {
        this.lines.push(p);
      }
    });
  }

  /** No more lines will come (input closed); lines already queued are still handed out. */
  end(): void {
    this.ended = true;
    this.waiter?.(null);
    this.waiter = null;
  }

  /** Drops every queued line (after `quit`), releasing their senders. */
  discard(): void {
    this.end();
    for (const p of this.lines.splice(0)) p.done();
  }

  /** The next line, or null once the input has ended. */
  next(): Promise<Pending | null> {
    const p = this.lines.shift();
    if (p) return Promise.resolve(p);
    if (this.ended) return Promise.resolve(null);
    return new Promise((resolve) => (this.waiter = resolve));
  }
}
