/**
 * One fake Ollama server per test file: started before the file's tests, closed after them, and
 * reset before each test (no faults, no recorded requests, `reply` as the answer, no chunk delay).
 */
import { FakeOllama } from "./fake-ollama";

/** The file's fake server; use it inside tests and hooks (it starts in `beforeAll`). */
export function useFakeOllama(reply: string): FakeOllama {
  let instance: FakeOllama | undefined;
  const live = (): FakeOllama => {
    if (!instance) throw new Error("The fake Ollama starts in beforeAll: use it inside a test or a hook.");
    return instance;
  };
  beforeAll(async () => {
    instance = await FakeOllama.start();
  });
  afterAll(async () => {
    await instance?.close();
  });
  beforeEach(() => {
    const fake = live();
    fake.clearFaults();
    fake.clearRequests();
    fake.setReply(reply);
    fake.setChunkDelay(0);
  });
  // Forwards to the started server, so a test file can hold it in a const.
  return new Proxy({} as FakeOllama, {
    get(_target, key) {
      const fake = live();
      const value: unknown = Reflect.get(fake, key, fake);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(fake) : value;
    },
  });
}
