import type { Backend } from './backend.js';

/**
 * Elements held outside host memory (a GPU buffer, say), owned by the backend that made
 * them. Only that backend's kernels touch them; the host reads them back with
 * `await tensor.read()`.
 */
export interface DeviceStorage {
  /** The backend that allocated this storage and runs every kernel on it. */
  readonly backend: Backend;
  /** Number of float32 elements. */
  readonly size: number;
}

/**
 * A tensor's elements: a host `Float32Array`, which every CPU backend (`js`, `wasm`) computes
 * on in place, so switching between them moves nothing; or a device backend's
 * {@link DeviceStorage}. Ops never look inside: they hand storages to their backend's kernels.
 */
export type Storage = Float32Array | DeviceStorage;

/** Whether `s` lives in host memory (readable synchronously). */
export const isHost = (s: Storage): s is Float32Array => s instanceof Float32Array;
