import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Where uploaded bytes live. Keys are generated here, never taken from file names; the local disk
 * store keeps them under DATA_DIR/files, and an S3-compatible store can implement the same four
 * functions.
 */
export type Storage = {
  put: (body: Readable) => Promise<{ key: string; sizeBytes: number }>;
  get: (key: string) => Promise<Readable>;
  delete: (key: string) => Promise<void>;
};

const KEY = /^[a-f0-9]{2}\/[a-f0-9]{32}$/;

export function localDiskStorage(root: string): Storage {
  const fileOf = (key: string) => {
    if (!KEY.test(key)) throw new Error('invalid storage key');
    return path.join(root, key);
  };
  return {
    async put(body) {
      const id = randomBytes(16).toString('hex');
      const key = `${id.slice(0, 2)}/${id}`;
      const file = fileOf(key);
      await fsp.mkdir(path.dirname(file), { recursive: true });
      const partial = `${file}.partial`;
      try {
        await pipeline(body, fs.createWriteStream(partial, { flags: 'wx' }));
        await fsp.rename(partial, file);
      } catch (error) {
        await fsp.rm(partial, { force: true });
        throw error;
      }
      const { size } = await fsp.stat(file);
      return { key, sizeBytes: size };
    },
    get: (key) => Promise.resolve(fs.createReadStream(fileOf(key))),
    async delete(key) {
      await fsp.rm(fileOf(key), { force: true });
    },
  };
}
