// A validation thread of validate-articles.ts: loads the validators, then, sent the files, takes the next one from
// the shared counter until none is left and sends each file's result back as plain data.
import { parentPort } from 'node:worker_threads';
import { VFile } from 'vfile';
import { validateArticle } from '@nimbus/content';
import { captureResult } from './validation-result.ts';
import type { WorkerInput, WorkerResult } from './validate-articles.ts';

parentPort!.once('message', ({ next, files, options }: WorkerInput) => {
  for (let index = Atomics.add(next, 0, 1); index < files.length; index = Atomics.add(next, 0, 1)) {
    const file = new VFile(files[index]!);
    const message: WorkerResult = { index, result: captureResult(file, validateArticle(file, options)) };
    parentPort!.postMessage(message);
  }
});
