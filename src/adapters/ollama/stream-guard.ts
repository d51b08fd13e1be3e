/**
 * Limits on one Ollama answer, so no fault ends in a hang: a generous wait for the first byte
 * (loading a model can take minutes), a stall limit once bytes flow (a stream that goes quiet, or
 * never sends `done`), and a maximum NDJSON line size (one huge line would cost memory and time).
 * Each limit aborts the request and errors the body with a StreamLimitError that names it. The
 * answer-size limit is counted where the chat stream is read (`OllamaLlm.chat`), not on bytes here.
 */

/** The four limits; every one is injectable so tests need no real minutes or megabytes. */
export interface StreamLimits {
  /** From the request until the response headers arrive. */
  firstByteMs: number;
  /** Longest quiet time between two pieces of the body once it started. */
  stallMs: number;
  /** Longest run of bytes without a newline (one NDJSON line). */
  maxLineBytes: number;
  /**
   * Most characters of answer plus thinking one chat may stream; every streamed part counts at
   * least one, so a server streaming empty parts forever is stopped too.
   */
  maxAnswerChars: number;
}

/**
 * The answer-size limit. A server (or a model in a loop) that streams forever without `done`
 * never trips the stall limit, because pieces keep coming. A million characters is about 250,000
 * tokens: more than any context window a local model runs with, and 50 times a long plan with its
 * thinking, so only a runaway answer reaches it.
 */
export const MAX_ANSWER_CHARS = 1_000_000;

/** Five minutes for a cold model load, one minute of silence mid-answer, 8 MB per line, a million characters per answer. */
export const DEFAULT_STREAM_LIMITS: Readonly<StreamLimits> = Object.freeze({ firstByteMs: 300_000, stallMs: 60_000, maxLineBytes: 8 * 1024 * 1024, maxAnswerChars: MAX_ANSWER_CHARS });

/** The limit that ended an answer. */
export type StreamLimitKind = "first-byte" | "stall" | "line" | "answer";

/** Which limit ended an answer, and after how long (ms), how many bytes or how many characters. */
export class StreamLimitError extends Error {
  constructor(
    readonly limit: StreamLimitKind,
    readonly amount: number,
  ) {
    super(`stream limit ${limit} (${amount})`);
    this.name = "StreamLimitError";
  }
}

/** Errors from another realm (jsdom, Electron) are recognised by name, not instanceof. */
export function isStreamLimitError(error: unknown): error is StreamLimitError {
  return typeof error === "object" && error !== null && (error as { name?: unknown }).name === "StreamLimitError";
}

/**
 * Calls `run` after `ms` unless cancelled with the returned function. AbortSignal.timeout rather
 * than setTimeout: the same code runs in Obsidian (window timers) and in the Node CLI, and its
 * timer never keeps a process alive on its own.
 */
function after(ms: number, run: () => void): () => void {
  const signal = AbortSignal.timeout(ms);
  signal.addEventListener("abort", run, { once: true });
  return () => signal.removeEventListener("abort", run);
}

/**
 * Runs `start(signal)` (the fetch) under the first-byte limit, then returns the response with its
 * body guarded by the stall and line limits. `watchdog` aborts the underlying request.
 */
export async function guardResponse(start: (signal: AbortSignal) => Promise<Response>, limits: StreamLimits, outer?: AbortSignal): Promise<Response> {
  const watchdog = new AbortController();
  const signal = outer ? AbortSignal.any([outer, watchdog.signal]) : watchdog.signal;
  const cancelFirstByte = after(limits.firstByteMs, () => watchdog.abort(new StreamLimitError("first-byte", limits.firstByteMs)));
  let response: Response;
  try {
    response = await start(signal);
  } catch (error) {
    if (watchdog.signal.aborted) throw watchdog.signal.reason;
    throw error;
  } finally {
    cancelFirstByte();
  }
  if (response.body === null) return response;
  const reader = response.body.getReader();
  let lineBytes = 0;
  let cancelStall = (): void => undefined;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const arm = () => {
        cancelStall();
        cancelStall = after(limits.stallMs, () => {
          const reason = new StreamLimitError("stall", limits.stallMs);
          watchdog.abort(reason);
          controller.error(reason);
          void reader.cancel(reason).catch(() => undefined);
        });
      };
      arm();
      const pump = async (): Promise<void> => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) {
            cancelStall();
            controller.close();
            return;
          }
          arm();
          const first = value.indexOf(0x0a);
          const last = value.lastIndexOf(0x0a);
          // The line the chunk ends (or continues) and the one it leaves open, each against the limit.
          const closing = first >= 0 ? lineBytes + first : lineBytes + value.length;
          lineBytes = last >= 0 ? value.length - last - 1 : lineBytes + value.length;
          if (Math.max(closing, lineBytes) > limits.maxLineBytes) {
            cancelStall();
            const reason = new StreamLimitError("line", limits.maxLineBytes);
            watchdog.abort(reason);
            controller.error(reason);
            await reader.cancel(reason).catch(() => undefined);
            return;
          }
          controller.enqueue(value);
        }
      };
      pump().catch((error: unknown) => {
        cancelStall();
        try {
          controller.error(watchdog.signal.aborted ? watchdog.signal.reason : error);
        } catch {
          // Already errored by a limit.
        }
      });
    },
    cancel(reason) {
      cancelStall();
      return reader.cancel(reason);
    },
  });
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
