// The port Watch raises its warnings through: an OS notification in the app (electron/platform/notifier.ts), a
// recorder in the test harness that stands in for the OS. Plain data in, whether it was shown out.
export interface WatchNotification {
  readonly title: string;
  readonly body: string;
}

export interface Notifier {
  /** Shows the notification; false when the platform cannot show notifications (then the Watch view still has it). */
  notify(notification: WatchNotification): boolean | Promise<boolean>;
}
