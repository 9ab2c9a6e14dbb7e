import { writeSync } from "node:fs";

/** A short sleep that blocks the thread: the CLI has nothing else to do while a pipe is full. */
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Writes to a file descriptor and returns only once every byte is out. Node's process.stdout
 * queues in memory what a pipe cannot take yet: a million-packet report piped into another
 * program then held gigabytes. Here a full pipe makes the writer wait instead, so the CLI's
 * memory stays what the run needs. A reader that went away (`| head`) ends the output quietly.
 */
export function blockingWriter(fd: number): (text: string) => void {
  let closed = false;
  return (text: string) => {
    if (closed || text.length === 0) return;
    const bytes = Buffer.from(text, "utf8");
    let written = 0;
    while (written < bytes.length) {
      try {
        written += writeSync(fd, bytes, written, bytes.length - written);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "EAGAIN") Atomics.wait(sleeper, 0, 0, 2);
        else if (code === "EPIPE") {
          closed = true;
          return;
        } else throw error;
      }
    }
  };
}
