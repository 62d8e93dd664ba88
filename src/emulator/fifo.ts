/** A FIFO queue with O(1) shift (Array#shift is O(n), and a busy emulator can queue thousands of callbacks). */
export class Fifo<T> {
  private items: Array<T | undefined> = [];
  private head = 0;

  /** Number of queued items. */
  get length(): number {
    return this.items.length - this.head;
  }

  /** Appends an item. */
  push(item: T): void {
    this.items.push(item);
  }

  /** Removes and returns the oldest item. */
  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    // Compact once the consumed prefix dominates, keeping memory bounded.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }

  /** The queued items, oldest first. */
  toArray(): T[] {
    return this.items.slice(this.head) as T[];
  }

  /** Drops everything. */
  clear(): void {
    this.items = [];
    this.head = 0;
  }
}
