import { TensorError } from '@evoprop/tensor';
import { CoreError, ModelFileError } from '../errors.js';
import { fmtShape } from '../format.js';
import { buildModel } from '../model/build.js';
import type { BuildOptions } from '../model/kinds.js';
import type { Model } from '../model/model.js';
import { type Params, ParamsError, withParamsLimit } from '../params/params.js';
import { nodeBuiltin } from './node-builtin.js';
import { type ReadSafetensorsOptions, type SafetensorsEntry, readSafetensors, writeSafetensors } from './safetensors.js';

const SPEC_KEY = 'evoprop.spec';
/** Attach the error that led to `error` as its standard `cause`. */
const withCause = <E extends Error>(error: E, cause: unknown): E =>
  Object.defineProperty(error, 'cause', { value: cause, configurable: true, writable: true });
const FROZEN_KEY = 'evoprop.frozen';
const BUFFERS_KEY = 'evoprop.buffers';
const FORMAT_KEY = 'format';

/**
 * A model as one safetensors file: every parameter (and buffer, such as batch-norm
 * running statistics) as a named F32 tensor, and in `__metadata__` the JSON spec,
 * the frozen parameter names and the buffer names. Any model kind works, as long as
 * the loader is given the kind.
 *
 * @example
 * const bytes = saveModel(model);
 * const same = loadModel(bytes); // bit-identical weights
 */
export function saveModel(model: Model): Uint8Array {
  const tensors: [string, SafetensorsEntry][] = [];
  for (const e of model.params.entries) tensors.push([e.name, { shape: e.shape, data: model.params.get(e.name).data }]);
  const bufferNames = model.buffers?.names ?? [];
  for (const name of bufferNames) {
    const t = (model.buffers as Params).get(name);
    tensors.push([name, { shape: t.shape, data: t.data }]);
  }
  return writeSafetensors(tensors, {
    [FORMAT_KEY]: 'evoprop',
    [SPEC_KEY]: JSON.stringify(model.spec),
    [FROZEN_KEY]: JSON.stringify(model.params.frozenNames()),
    [BUFFERS_KEY]: JSON.stringify(bufferNames),
  });
}

/** Options of {@link loadModel}: the custom model kinds and layer types the file may use, and the reader's limits. */
export type LoadModelOptions = Omit<BuildOptions, 'rng' | 'initialize'> &
  ReadSafetensorsOptions &
  Readonly<{
    /** Told, in a sentence, when the file loads but stores no SHA-256 to verify its weights against (older files). */
    onWarning?: (message: string) => void;
  }>;

function parseMeta(metadata: Readonly<Record<string, string>>, key: string): unknown {
  const raw = metadata[key];
  if (raw === undefined)
    throw new ModelFileError(
      `model file __metadata__`,
      `a '${key}' entry (written by saveModel)`,
      `keys ${JSON.stringify(Object.keys(metadata))}`,
    );
  try {
    return JSON.parse(raw);
  } catch {
    throw new ModelFileError(`model file __metadata__.${key}`, 'JSON text', JSON.stringify(raw.slice(0, 80)));
  }
}

function fill(params: Params, tensors: ReadonlyMap<string, SafetensorsEntry>, used: Set<string>, what: string): void {
  for (const e of params.entries) {
    const t = tensors.get(e.name);
    if (t === undefined)
      throw new ModelFileError(`model file ${what} '${e.name}'`, `a tensor of shape ${fmtShape(e.shape)}`, 'no such tensor in the file');
    if (t.shape.length !== e.shape.length || t.shape.some((d, i) => d !== e.shape[i])) {
      throw new ModelFileError(`model file ${what} '${e.name}' shape`, `${fmtShape(e.shape)} (from the spec)`, fmtShape(t.shape));
    }
    params.get(e.name).data.set(t.data);
    used.add(e.name);
  }
}

/**
 * Rebuild a model from `saveModel`'s bytes: the spec from the metadata (validated by
 * its kind), then every tensor checked against the spec's names and shapes.
 * Pass `kinds` for model kinds beyond the built-in ones.
 */
export function loadModel(bytes: Uint8Array, options: LoadModelOptions = {}): Model {
  const { metadata, tensors, integrity } = readSafetensors(bytes, options);
  if (integrity === 'unverified') {
    options.onWarning?.(
      'model file stores no SHA-256 of its data (written before checksums, or by another tool): its weights are loaded unverified',
    );
  }
  const spec = parseMeta(metadata, SPEC_KEY);
  const frozen = metadata[FROZEN_KEY] === undefined ? [] : parseMeta(metadata, FROZEN_KEY);
  // The spec may ask for no more float32 values than the file has bytes for, so a hostile spec
  // ('units': 1e9) is refused before anything is allocated for it; a smaller mismatch is
  // reported below, tensor by tensor.
  const available = Math.floor(bytes.length / 4);
  let model: Model;
  try {
    model = withParamsLimit(available, () =>
      buildModel(spec, {
        ...(options.kinds ? { kinds: options.kinds } : {}),
        ...(options.layers ? { layers: options.layers } : {}),
        initialize: false,
      }),
    );
  } catch (e) {
    // A spec that does not build is a defect of the file: say so as a ModelFileError, keeping the cause.
    if (e instanceof ParamsError) {
      throw withCause(
        new ModelFileError(
          `model file __metadata__.${SPEC_KEY}`,
          `a model of at most ${available} values (what the file's ${bytes.length} bytes could hold)`,
          'a spec asking for more',
        ),
        e,
      );
    }
    if (e instanceof CoreError || e instanceof TensorError) {
      throw withCause(new ModelFileError(`model file __metadata__.${SPEC_KEY}`, 'a spec that builds', `${e.name}: ${e.message}`), e);
    }
    throw e;
  }
  const used = new Set<string>();
  fill(model.params, tensors, used, 'parameter');
  if (model.buffers !== undefined) fill(model.buffers, tensors, used, 'buffer');
  const extra = [...tensors.keys()].filter((n) => !used.has(n));
  if (extra.length > 0) {
    throw new ModelFileError(
      'model file',
      `only the spec's tensors (${[...used].join(', ')})`,
      `unexpected tensor${extra.length > 1 ? 's' : ''} ${extra.map((n) => `'${n}'`).join(', ')}`,
    );
  }
  if (!Array.isArray(frozen) || !frozen.every((n) => typeof n === 'string' && used.has(n))) {
    throw new ModelFileError(`model file __metadata__.${FROZEN_KEY}`, 'a list of parameter names', JSON.stringify(frozen));
  }
  model.params.setTrainable(frozen as string[], false);
  return model;
}

type FsPromises = typeof import('node:fs/promises');

/** Node's `fs/promises`, or a ModelFileError naming the byte-level alternative where there is no file system (a browser). */
function fileSystem(what: string): FsPromises {
  const fs = nodeBuiltin<FsPromises>('node:fs/promises');
  if (fs === undefined)
    throw new ModelFileError(what, "Node's file system", 'a runtime without one (a browser): use saveModel / loadModel on bytes');
  return fs;
}

/** Write `saveModel(model)` to a file (Node only; in a browser use {@link saveModel} for the bytes). */
export async function saveModelFile(path: string, model: Model): Promise<void> {
  const { writeFile } = fileSystem(`saveModelFile('${path}')`);
  await writeFile(path, saveModel(model));
}

/** Read a model file written by `saveModelFile` (Node only). A file that cannot be read is a ModelFileError naming the path and why. */
export async function loadModelFile(path: string, options: LoadModelOptions = {}): Promise<Model> {
  const { readFile } = fileSystem(`loadModelFile('${path}')`);
  let buffer: Uint8Array;
  try {
    buffer = await readFile(path);
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    const why: Readonly<Record<string, string>> = {
      ENOENT: 'no such file',
      EISDIR: 'a directory',
      EACCES: 'permission denied',
      EPERM: 'permission denied',
    };
    const actual = typeof code === 'string' ? `${why[code] ?? (e as Error).message} (${code})` : String(e);
    throw withCause(new ModelFileError(`model file '${path}'`, 'a readable file', actual), e);
  }
  return loadModel(new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength), options);
}
