// Work that continues after the ack (dispatch, replies) is tracked so shutdown and tests can wait
// for it instead of cutting a reply off mid-way.

/** A set of running tasks that can be awaited together. */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  /** Runs `work` and keeps track of it until it settles. */
  run<T>(work: Promise<T>): Promise<T> {
    this.running.add(work);
    const done = () => this.running.delete(work);
    work.then(done, done);
    return work;
  }

  /** Resolves when nothing is running (including work started while waiting). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}
