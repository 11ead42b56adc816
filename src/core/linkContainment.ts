// Whether a path inside a workspace folder really stays inside it: a cloned repository can hold a link
// (`assets -> ~/somewhere`) that text comparisons of paths cannot see. Each component from the folder down
// to the target is resolved; the first one whose real location leaves the folder's is the link to name.
// Pure apart from the resolver it is given, so it is tested on a real disk in Node.
import { isAbsolute, join, relative } from 'node:path';

/** Resolves a path to its real location, or undefined when it does not exist (yet). */
export type RealPath = (path: string) => Promise<string | undefined>;

/**
 * The first of the paths from `root` (exclusive) down to `target` (inclusive) whose real location lies
 * outside the real `root`; undefined when every existing one stays inside. What does not exist yet cannot
 * be a link, and nothing below it can either.
 */
export async function linkLeadingOut(root: string, target: string, realpath: RealPath): Promise<string | undefined> {
  const realRoot = await realpath(root);
  if (realRoot === undefined) return undefined;
  const below = relative(root, target);
  if (below === '' || below.startsWith('..') || isAbsolute(below)) return undefined;
  let current = root;
  for (const segment of below.split(/[\\/]/)) {
    current = join(current, segment);
    const real = await realpath(current);
    if (real === undefined) return undefined;
    if (!isWithin(realRoot, real)) return current;
  }
  return undefined;
}

function isWithin(root: string, path: string): boolean {
  const rest = relative(root, path);
  return rest === '' || (!rest.startsWith('..') && !isAbsolute(rest));
}
