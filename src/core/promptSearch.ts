// The results panel's search: a prompt matches when it contains every word of the query, in any
// order and case, so "robot blue" finds "A blue robot mascot". Plain text, never a pattern.

export function matchesPrompt(prompt: string, query: string): boolean {
  const words = searchWords(query);
  if (words.length === 0) return true;
  const haystack = prompt.toLocaleLowerCase();
  return words.every((word) => haystack.includes(word));
}

function searchWords(query: string): string[] {
  return query.toLocaleLowerCase().split(/\s+/).filter((word) => word.length > 0);
}
