import writeFileAtomicLibrary from 'write-file-atomic';

/**
 * Writes a whole file so readers see the old content or the new one, never half of it (`write-file-atomic`: a
 * temporary file in the same folder, fsync, rename).
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  await writeFileAtomicLibrary(file, asWritable(data));
}

/** {@link writeFileAtomic} for synchronous code (a loop writing thousands of small files, say). */
export function writeFileAtomicSync(file: string, data: string | Uint8Array): void {
  writeFileAtomicLibrary.sync(file, asWritable(data));
}

const asWritable = (data: string | Uint8Array) => (typeof data === 'string' ? data : Buffer.from(data.buffer, data.byteOffset, data.byteLength));
