/**
 * Whether a person is looking at the app: each window reports when it is shown, hidden,
 * focused or blurred, and repeats its report while it is open. The backend asks this
 * before a native notification: a reminder the person already sees in a focused window
 * needs no second announcement.
 *
 * A report counts for `ttlMs` only. A window can vanish without a last word (closed, its
 * renderer crashed, the connection dropped); its old "focused" then runs out instead of
 * silencing notifications for good.
 */
export const PRESENCE_TTL_MS = 60_000;
/** How often an open window repeats its report (well inside the TTL). */
export const PRESENCE_HEARTBEAT_MS = 20_000;

export class WindowPresence {
  private readonly windows = new Map<string, { visible: boolean; focused: boolean; at: number }>();

  constructor(
    private readonly now: () => number = Date.now,
    private readonly ttlMs = PRESENCE_TTL_MS,
  ) {}

  report(windowId: string, state: { visible: boolean; focused: boolean }): void {
    this.windows.set(windowId, { visible: state.visible, focused: state.focused, at: this.now() });
    // Reports of windows long gone are dropped as new ones come in; the map stays small.
    for (const [id, w] of this.windows) if (this.now() - w.at > this.ttlMs) this.windows.delete(id);
  }

  forgetAll(): void {
    this.windows.clear();
  }

  attended(): boolean {
    const now = this.now();
    for (const w of this.windows.values()) if (w.visible && w.focused && now - w.at <= this.ttlMs) return true;
    return false;
  }
}
