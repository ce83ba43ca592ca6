/**
 * Whether a person is looking at the app: each window reports when it is shown, hidden,
 * focused or blurred. The backend asks this before a native notification: a reminder the
 * person already sees in a focused window needs no second announcement.
 */
export class WindowPresence {
  private readonly windows = new Map<string, { visible: boolean; focused: boolean }>();

  report(windowId: string, state: { visible: boolean; focused: boolean }): void {
    this.windows.set(windowId, { visible: state.visible, focused: state.focused });
  }

  /**
   * A window went away without saying so (its connection closed). Which one is not known
   * at this layer, so all reports are dropped; the remaining windows report again on
   * their next change, and until then the person is notified natively (never silently).
   */
  forgetAll(): void {
    this.windows.clear();
  }

  attended(): boolean {
    for (const w of this.windows.values()) if (w.visible && w.focused) return true;
    return false;
  }
}
