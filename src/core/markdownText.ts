// Text that an agent or a setting supplies, shown inside Markdown that VS Code renders (a tool's
// confirmation): every character Markdown or HTML would act on is escaped and line breaks fold into spaces,
// so a prompt cannot forge a line of the confirmation ("**Cost: 0 credits**"), a link or a heading.

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~&$:"'=]/g;

export function markdownText(value: string): string {
  return value.replace(/\s*[\r\n]+\s*/g, ' ').replace(MARKDOWN_SPECIAL, (character) => `\\${character}`);
}
