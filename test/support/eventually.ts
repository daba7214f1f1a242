// Waiting for a side effect that follows what a test awaited (a server noticing a closed
// connection), without betting on how long that takes: poll until it holds. The deadline is only
// a backstop for a clear message before the test's own timeout; a busy machine never gets near it.
export async function eventually(condition: () => boolean, what = "the condition"): Promise<void> {
  const backstop = Date.now() + 20_000;
  while (!condition()) {
    if (Date.now() > backstop) throw new Error(`${what} never came true`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
