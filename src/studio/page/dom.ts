/** Tiny DOM helpers. Text always goes in as text nodes: no string ever becomes HTML. */

type Child = Node | string | number | undefined | false;

export interface Props {
  class?: string;
  id?: string;
  attrs?: Record<string, string | undefined>;
  on?: { [K in keyof HTMLElementEventMap]?: (event: HTMLElementEventMap[K]) => void };
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  if (props.class) {
    element.className = props.class;
  }
  if (props.id) {
    element.id = props.id;
  }
  for (const [name, value] of Object.entries(props.attrs ?? {})) {
    if (value !== undefined) {
      element.setAttribute(name, value);
    }
  }
  for (const [name, listener] of Object.entries(props.on ?? {})) {
    element.addEventListener(name, listener as EventListener);
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const child of children) {
    if (child === undefined || child === false) {
      continue;
    }
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

export function clear(element: Element): void {
  element.replaceChildren();
}

/** `{0}` placeholders filled in, for host-localized templates. */
export function format(template: string, ...args: Array<string | number>): string {
  return template.replace(/\{(\d+)\}/g, (whole, index: string) => (args[Number(index)] === undefined ? whole : String(args[Number(index)])));
}

export function button(label: string, onClick: () => void, props: Props = {}): HTMLButtonElement {
  return h('button', { ...props, attrs: { type: 'button', ...props.attrs }, on: { click: onClick } }, label);
}

/** Focuses a control and keeps its section's heading in view (the webview must not scroll it away). */
export function focusInView(control: HTMLElement, section: HTMLElement): void {
  control.focus({ preventScroll: true });
  (section.querySelector('h2') ?? section).scrollIntoView({ block: 'start' });
  control.scrollIntoView({ block: 'nearest' });
}
