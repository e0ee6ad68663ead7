/**
 * At most one request per `intervalMs` to each URL (Slack allows about one message per second per
 * webhook). Callers to the same URL queue behind each other; other URLs are not held up.
 */
export class Pacer {
  private readonly next = new Map<string, Promise<void>>();

  constructor(
    private readonly intervalMs: number,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Run `fn` when the URL's turn comes; the next call to the URL waits `intervalMs` after this one ends. */
  async run<T>(url: string, fn: () => Promise<T>): Promise<T> {
    const before = this.next.get(url) ?? Promise.resolve();
    let release!: () => void;
    const turn = new Promise<void>((r) => (release = r));
    const mine = before.then(() => turn);
    this.next.set(url, mine);
    await before;
    try {
      return await fn();
    } finally {
      void this.sleep(this.intervalMs).then(() => {
        release();
        if (this.next.get(url) === mine) this.next.delete(url);
      });
    }
  }
}
