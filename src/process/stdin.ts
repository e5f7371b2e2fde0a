/** Reading all of stdin, stopped by an interruption (an open pipe would keep the process alive). */
import { ConfigError, InterruptedError } from "../errors.js";

/** Read a stream to its end, or stop with an InterruptedError when `signal` aborts. */
export function readAll(stream: NodeJS.ReadStream, signal: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    if (stream.readableEnded) return resolve("");
    const chunks: Buffer[] = [];
    const off = () => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", onError);
      signal.removeEventListener("abort", onAbort);
    };
    const onData = (chunk: Buffer | string) => chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
    const onEnd = () => {
      off();
      resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const onError = (err: Error) => {
      off();
      reject(new ConfigError(`cannot read stdin: ${err.message}`));
    };
    const onAbort = () => {
      off();
      stream.destroy(); // an open pipe would keep the process alive
      reject(signal.reason instanceof InterruptedError ? signal.reason : new InterruptedError());
    };
    if (signal.aborted) return onAbort();
    stream.on("data", onData);
    stream.once("end", onEnd);
    stream.once("error", onError);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
