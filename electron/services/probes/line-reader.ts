// Reads CRLF-terminated lines from a socket with hard bounds, for the POP probe's own client. A hostile or
// broken server cannot make us buffer without limit: a line longer than `maxLine` or more than `maxBuffered`
// bytes pending is a protocol error, and the connection is dropped.
import type { Duplex } from 'node:stream';

export class LineTooLongError extends Error {
  override readonly name = 'LineTooLongError';
  readonly code = 'PROBE_LINE_TOO_LONG';
}

export class LineReader {
  private buffer = Buffer.alloc(0);
  private readonly lines: string[] = [];
  private waiter: { resolve: (line: string) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;

  constructor(
    private readonly stream: Duplex,
    private readonly maxLine = 8 * 1024,
    private readonly maxBuffered = 64 * 1024,
  ) {
    stream.on('data', this.onData);
    stream.on('error', this.onError);
    stream.on('close', this.onClose);
  }

  /** The next line, without its CRLF. Rejects if the stream fails or closes first. */
  next(): Promise<string> {
    const line = this.lines.shift();
    if (line !== undefined) return Promise.resolve(line);
    if (this.failure) return Promise.reject(this.failure);
    if (this.waiter) return Promise.reject(new Error('LineReader: one reader at a time'));
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  detach(): void {
    this.stream.off('data', this.onData);
    this.stream.off('error', this.onError);
    this.stream.off('close', this.onClose);
  }

  private readonly onData = (chunk: Buffer): void => {
    if (this.failure) return;
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const end = this.buffer.indexOf('\r\n');
      if (end < 0) break;
      if (end > this.maxLine)
        return this.fail(new LineTooLongError(`The server sent a line longer than ${this.maxLine} bytes.`));
      // latin1 keeps every byte visible and cannot throw on bad UTF-8; server words are ASCII by protocol.
      this.lines.push(this.buffer.subarray(0, end).toString('latin1'));
      this.buffer = this.buffer.subarray(end + 2);
    }
    if (this.buffer.length > this.maxLine)
      return this.fail(new LineTooLongError(`The server sent a line longer than ${this.maxLine} bytes.`));
    const pending = this.lines.reduce((n, l) => n + l.length, 0);
    if (pending > this.maxBuffered)
      return this.fail(new LineTooLongError(`The server sent more than ${this.maxBuffered} bytes unasked.`));
    this.deliver();
  };

  private readonly onError = (e: Error): void => this.fail(e);
  private readonly onClose = (): void =>
    this.fail(Object.assign(new Error('The server closed the connection.'), { code: 'ECONNRESET' }));

  private deliver(): void {
    if (!this.waiter) return;
    const line = this.lines.shift();
    if (line === undefined) return;
    const w = this.waiter;
    this.waiter = undefined;
    w.resolve(line);
  }

  private fail(e: Error): void {
    if (!this.failure) this.failure = e;
    if (e instanceof LineTooLongError) this.stream.destroy();
    const w = this.waiter;
    this.waiter = undefined;
    w?.reject(this.failure);
  }
}
