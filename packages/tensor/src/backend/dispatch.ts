import { currentBackend } from '../kernels/registry.js';
import { DeviceReadError, type Tensor } from '../tensor.js';
import type { Backend } from './backend.js';
import { type Storage, isHost } from './storage.js';

/**
 * The backend an op on these tensors runs on: the backend of a device tensor among them (the
 * data stays where it lives), else the current CPU backend (`withBackend`'s, else the default).
 */
export function backendFor(a: Tensor, b?: Tensor, c?: Tensor): Backend {
  if (!isHost(a.storage)) return a.storage.backend;
  if (b !== undefined && !isHost(b.storage)) return b.storage.backend;
  if (c !== undefined && !isHost(c.storage)) return c.storage.backend;
  return currentBackend();
}

/** `backendFor` over a list (concat, stack). */
export function backendForAll(tensors: readonly Tensor[]): Backend {
  for (const t of tensors) if (!isHost(t.storage)) return t.storage.backend;
  return currentBackend();
}

/**
 * Values an op needs on the host (class labels, gather indices): the host array itself, a
 * synchronous read-back where the device offers one, else a typed error.
 */
export function hostValues(op: string, s: Storage): Float32Array {
  if (isHost(s)) return s;
  if (s.backend.readSync !== undefined) return s.backend.readSync(s);
  throw new DeviceReadError(
    op,
    'indices or targets readable on the host',
    `a tensor on '${s.backend.name}'; pass await tensor.read() instead`,
  );
}
