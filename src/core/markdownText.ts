// Text that an agent or a setting supplies, shown inside Markdown that VS Code renders (a tool's
// confirmation): every character Markdown or HTML would act on is escaped and line breaks fold into spaces,
// so a prompt cannot forge a line of the confirmation ("**Cost: 0 credits**"), a link or a heading.

// Only what starts formatting mid-line: a link or image needs `[`, emphasis `*` or `_`, code a backtick, HTML
// `<`. Escaping more shows stray backslashes where VS Code renders a list item as plain text.
const MARKDOWN_SPECIAL = /[\\`*_[\]<>#|~]/g;

export function markdownText(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ').replace(MARKDOWN_SPECIAL, (character) => `\\${character}`);
}
