// Waiting without fixed sleeps: poll a reading until it satisfies a condition, or fail with a message
// that says what was awaited and what was last seen.
export interface PollOptions {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
}

export async function poll<T>(
  read: () => Promise<T>,
  ok: (value: T) => boolean,
  message: string,
  options: PollOptions = {},
): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const intervalMs = options.intervalMs ?? 100;
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  let lastError: unknown;
  for (;;) {
    try {
      last = await read();
      lastError = undefined;
      if (ok(last)) return last;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) break;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  const seen =
    lastError !== undefined
      ? `last error: ${(lastError as Error).message}`
      : `last value: ${JSON.stringify(last)}`;
  throw new Error(`${message} (waited ${timeoutMs} ms; ${seen})`);
}
