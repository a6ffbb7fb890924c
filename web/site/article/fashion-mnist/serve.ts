// The worker's side of a Fashion-MNIST training worker (imported by worker scripts only): its
// replies to the page, and the fetch of image sets with the bytes received so far.
import { fetchImageSet, type ImageSet } from 'relu-wasm/datasets';

import type { WorkerReply } from './protocol.js';

export const post = <Result, Progress>(reply: WorkerReply<Result, Progress>, transfer: Transferable[] = []): void =>
  (self as unknown as Worker).postMessage(reply, transfer);

/** Runs `handle` on the request and posts its result (with `transfers` of it) or its error. */
export async function answer<Request extends { id: number }, Result>(
  request: Request,
  handle: (request: Request) => Promise<Result>,
  transfers: (result: Result) => Transferable[],
): Promise<void> {
  try {
    const result = await handle(request);
    post({ id: request.id, type: 'result', result }, transfers(result));
  } catch (error) {
    const e = error instanceof Error ? error : new Error(String(error));
    post({ id: request.id, type: 'error', name: e.name, message: e.message });
  }
}

/** Fetches the test set (unless null), then the training parts in order; `onBytes` gets the bytes of all so far. */
export async function fetchImageSets(
  test: string | null,
  train: readonly string[],
  onBytes: (loaded: number) => void,
): Promise<{ test: ImageSet | null; train: ImageSet[] }> {
  let before = 0;
  const fetchOne = async (url: string): Promise<ImageSet> => {
    let last = 0;
    const set = await fetchImageSet(url, {
      onProgress: (loaded) => {
        last = loaded;
        onBytes(before + loaded);
      },
    });
    before += last;
    return set;
  };
  const testSet = test === null ? null : await fetchOne(test);
  const parts: ImageSet[] = [];
  for (const url of train) parts.push(await fetchOne(url));
  return { test: testSet, train: parts };
}
