// What a whole-workspace search leaves out, as one glob for `workspace.findFiles`: the user's
// `files.exclude` and `search.exclude`, and every `node_modules`. Given an exclude glob of its own,
// findFiles applies no setting by itself, so both are folded in here.

/** A `files.exclude` / `search.exclude` value: `true` excludes; `{ when }` excludes only beside a sibling file. */
export type ExcludeSetting = Record<string, boolean | { when: string } | null | undefined>;

export const ALWAYS_EXCLUDED = '**/node_modules/**';

/**
 * The patterns set to `true`, braces expanded, in one `{a,b,…}` group: VS Code's glob does not nest
 * groups, so a pattern's own `{x,y}` would otherwise break the whole one. Patterns with a `when`
 * condition depend on sibling files the search cannot see, and are left out rather than guessed at.
 */
export function excludeGlob(...settings: Array<ExcludeSetting | undefined>): string {
  const patterns = new Set([ALWAYS_EXCLUDED]);
  for (const setting of settings) {
    for (const [pattern, value] of Object.entries(setting ?? {})) {
      // A comma or brace left in a pattern would split the group: `?` stands in for that one character.
      if (value === true) expandBraces(pattern).forEach((expanded) => patterns.add(expanded.replace(/[,{}]/g, '?')));
    }
  }
  return patterns.size === 1 ? ALWAYS_EXCLUDED : `{${[...patterns].join(',')}}`;
}

/** `a/{b,c{d,e}}` → `a/b`, `a/cd`, `a/ce`; a pattern with an unclosed brace is kept as it is. */
export function expandBraces(pattern: string): string[] {
  const open = pattern.indexOf('{');
  if (open === -1) return [pattern];
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < pattern.length; i++) {
    if (pattern[i] === '{') depth++;
    else if (pattern[i] === ',' && depth === 1) commas.push(i);
    else if (pattern[i] === '}' && --depth === 0) {
      const bounds = [open, ...commas, i];
      const before = pattern.slice(0, open);
      const after = pattern.slice(i + 1);
      return bounds.slice(1).flatMap((end, k) => expandBraces(`${before}${pattern.slice(bounds[k] + 1, end)}${after}`));
    }
  }
  return [pattern];
}
