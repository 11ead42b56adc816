// Element construction for the preview. Text is only ever appended as text nodes, so prompts and
// file names from the host can never become markup.

type Child = Node | string | undefined | false;

interface ElementProps {
  className?: string;
  attributes?: Record<string, string>;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  { className, attributes = {} }: ElementProps = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (className) element.className = className;
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children.filter((child): child is Node | string => child !== undefined && child !== false));
  return element;
}

export function button(label: string, action: string, onClick: () => void, secondary = true): HTMLButtonElement {
  const attributes = { type: 'button', 'data-action': action };
  const element = h('button', { className: secondary ? 'secondary' : undefined, attributes }, label);
  element.addEventListener('click', onClick);
  return element;
}
