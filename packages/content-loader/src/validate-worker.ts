// A validation thread of validate-articles.ts: takes the next file from the shared counter until none is left and
// sends each file's result back as plain data.
import { parentPort, workerData } from 'node:worker_threads';
import { VFile } from 'vfile';
import { validateArticle } from '@nimbus/content';
import { captureResult } from './validation-result.ts';
import type { WorkerInput, WorkerResult } from './validate-articles.ts';

const { next, files, options } = workerData as WorkerInput;
for (let index = Atomics.add(next, 0, 1); index < files.length; index = Atomics.add(next, 0, 1)) {
  const file = new VFile(files[index]!);
  const message: WorkerResult = { index, result: captureResult(file, validateArticle(file, options)) };
  parentPort!.postMessage(message);
}
