/** A running child process as its supervisor sees it, whatever launched it. */
export interface ChildHandle {
  send(message: unknown): void;
  onMessage(handler: (message: unknown) => void): void;
  /** Called once when the process is gone; `reason` is human-readable (exit code or signal). */
  onExit(handler: (reason: string) => void): void;
  kill(): void;
}
