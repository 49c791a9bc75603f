export { openAtomicFile } from './atomic-stream.ts';
export type { AtomicFile } from './atomic-stream.ts';
export { processAlive } from './process-alive.ts';
export { temporaryPathBeside } from './temporary-path.ts';
export { writeFileAtomic, writeFileAtomicSync } from './write-file.ts';
