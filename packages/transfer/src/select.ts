import type { Model } from '@evoprop/core';
import { TransferError } from './errors.js';

/**
 * Which parameters to act on.
 * - a string: a glob over parameter names (`*` stays within one dot-separated part, `**`
 *   crosses dots, `?` is one character); a glob that matches a layer name selects all of
 *   that layer's parameters (`'conv*'` selects `conv1.weight`, `conv1.bias`, ...). A string
 *   written as `/source/flags` is a RegExp (for JSON configs);
 * - a RegExp, tested against the full parameter name;
 * - a predicate on the name;
 * - `{ layer }`: one layer by name or by its index among the layers that have parameters;
 * - `{ layers: [from, to] }`: layers `from ≤ i < to` among those with parameters (negative counts from the end);
 * - `{ range: [from, to] }`: the entries lying in `params.vector[from..to)` (must fall on entry boundaries);
 * - an array: the union.
 */
export type ParamSelector =
  | string
  | RegExp
  | ((name: string) => boolean)
  | Readonly<{
      /** One layer, by name or by index among the layers that have parameters (negative counts from the end). */
      layer: string | number;
    }>
  | Readonly<{
      /** Layers `from ≤ i < to` among those with parameters (negative counts from the end). */
      layers: readonly [number, number];
    }>
  | Readonly<{
      /** Offsets `[from, to)` into `params.vector`; both must fall on entry boundaries. */
      range: readonly [number, number];
    }>
  | readonly ParamSelector[];

/** The layer part of a parameter name: everything before the last dot. */
export const layerOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? name : name.slice(0, dot);
};

/** Names of the layers that own parameters, in parameter order. */
export function paramLayers(model: Model): string[] {
  const out: string[] = [];
  for (const e of model.params.entries) {
    const layer = layerOf(e.name);
    if (out[out.length - 1] !== layer && !out.includes(layer)) out.push(layer);
  }
  return out;
}

const escapeRe = (s: string): string => s.replace(/[.+^${}()|[\]\\]/g, '\\$&');

/** A glob as an anchored RegExp: `**` → any characters, `*` → any but '.', `?` → one character. */
export function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
    } else if (c === '*') re += '[^.]*';
    else if (c === '?') re += '[^.]';
    else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`);
}

const regexLiteral = /^\/(.+)\/([a-z]*)$/;

function describe(selector: ParamSelector): string {
  if (typeof selector === 'string') return `'${selector}'`;
  if (selector instanceof RegExp) return String(selector);
  if (typeof selector === 'function') return 'a predicate';
  return JSON.stringify(selector);
}

function layerRange(model: Model, [from, to]: readonly [number, number]): Set<string> {
  const layers = paramLayers(model);
  const n = layers.length;
  const a = from < 0 ? n + from : from;
  const b = to < 0 ? n + to : to;
  if (!Number.isInteger(a) || !Number.isInteger(b) || a < 0 || b > n || a > b) {
    throw new TransferError('layers selector', `0 ≤ from ≤ to ≤ ${n} (layers with parameters: ${layers.join(', ')})`, `[${from}, ${to}]`);
  }
  return new Set(layers.slice(a, b));
}

function vectorRange(model: Model, [from, to]: readonly [number, number]): string[] {
  const size = model.params.size;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > size || from > to) {
    throw new TransferError('range selector', `integers 0 ≤ from ≤ to ≤ ${size}`, `[${from}, ${to}]`);
  }
  const out: string[] = [];
  for (const e of model.params.entries) {
    const end = e.offset + e.size;
    if (end <= from || e.offset >= to) continue;
    if (e.offset < from || end > to) {
      throw new TransferError(
        'range selector',
        `bounds on parameter boundaries (freezing is per tensor); '${e.name}' spans [${e.offset}, ${end})`,
        `[${from}, ${to}]`,
      );
    }
    out.push(e.name);
  }
  return out;
}

/** The parameter names a selector picks, in parameter order. */
function pick(model: Model, selector: ParamSelector): string[] {
  const names = model.params.names;
  if (Array.isArray(selector)) {
    const chosen = new Set((selector as readonly ParamSelector[]).flatMap((s) => pick(model, s)));
    return names.filter((n) => chosen.has(n));
  }
  if (typeof selector === 'string') {
    const literal = regexLiteral.exec(selector);
    if (literal !== null) return pick(model, new RegExp(literal[1] as string, literal[2]));
    const re = globToRegExp(selector);
    return names.filter((n) => re.test(n) || re.test(layerOf(n)));
  }
  if (selector instanceof RegExp) {
    const re = new RegExp(selector.source, selector.flags.replace('g', ''));
    return names.filter((n) => re.test(n));
  }
  if (typeof selector === 'function') return names.filter((n) => (selector as (name: string) => boolean)(n));
  if ('layer' in selector) {
    const layers = paramLayers(model);
    const layer = typeof selector.layer === 'number' ? layers.at(selector.layer) : selector.layer;
    if (layer === undefined || !layers.includes(layer)) {
      throw new TransferError(
        'layer selector',
        `one of ${layers.join(', ')} (or an index below ${layers.length})`,
        JSON.stringify(selector.layer),
      );
    }
    return names.filter((n) => layerOf(n) === layer);
  }
  if ('layers' in selector) {
    const chosen = layerRange(model, selector.layers);
    return names.filter((n) => chosen.has(layerOf(n)));
  }
  if ('range' in selector) return vectorRange(model, selector.range);
  throw new TransferError('parameter selector', 'a glob, RegExp, predicate, { layer }, { layers } or { range }', JSON.stringify(selector));
}

/**
 * The names of the parameters `selector` picks, in parameter order. A selector that picks
 * nothing is an error (a misspelt pattern should not silently freeze nothing); pass
 * `{ allowEmpty: true }` to permit it.
 *
 * @example
 * selectParams(model, 'conv*'); // ['conv1.weight', 'conv1.bias', 'conv2.weight', 'conv2.bias']
 */
export function selectParams(
  model: Model,
  selector: ParamSelector,
  options: Readonly<{
    /** Return [] instead of throwing when nothing matches. Default false. */
    allowEmpty?: boolean;
  }> = {},
): string[] {
  const chosen = pick(model, selector);
  if (chosen.length === 0 && options.allowEmpty !== true && !(Array.isArray(selector) && selector.length === 0)) {
    throw new TransferError(
      'selectParams',
      `${describe(selector)} to match a parameter among ${model.params.names.join(', ')}`,
      'no match',
    );
  }
  return chosen;
}
