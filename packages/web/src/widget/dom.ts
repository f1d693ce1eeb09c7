type Attrs = Record<string, string | number | boolean | null | undefined | EventListener>;
export type Child = Node | string | null | undefined | false | Child[];

/** A tiny element builder: `h('button', { type: 'button', onclick: go }, 'Go')`. Text is always text, never HTML. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === true) element.setAttribute(name, '');
    else element.setAttribute(name, String(value));
  }
  append(element, children);
  return element;
}

function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

let ids = 0;
/** A unique id for label/field/description pairs. */
export const uid = (prefix: string) => `${prefix}-${++ids}`;

/**
 * Whether the visitor has used the widget yet. Until then, focus stays where it is: an embedded
 * widget that took focus on load would scroll the clinic's page to itself.
 */
let visitorActed = false;
for (const kind of ['pointerdown', 'keydown'] as const) {
  document.addEventListener(
    kind,
    () => {
      visitorActed = true;
    },
    { capture: true, once: true },
  );
}

/** Replaces what `root` shows and, once the visitor acts, moves focus to the new view's heading so screen readers announce it. */
export function show(root: HTMLElement, ...children: Child[]): void {
  root.replaceChildren();
  append(root, children);
  const heading = root.querySelector<HTMLElement>('[data-focus]') ?? root.querySelector<HTMLElement>('h1, h2');
  if (heading && visitorActed) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: false });
  }
}
