// The npm package ships no types: its examples, with the Markdown's tabs written as `→`.
declare module 'commonmark-spec' {
  export const tests: Array<{ markdown: string; html: string; section: string; number: number }>;
}
