import { useEffect, useState, type RefObject } from 'react';

// One observer for every element that asks, rather than one per countdown.
const callbacks = new Map<Element, (visible: boolean) => void>();
let observer: IntersectionObserver | undefined;

function shared(): IntersectionObserver | undefined {
  if (typeof IntersectionObserver === 'undefined') return undefined;
  observer ??= new IntersectionObserver((entries) => {
    for (const entry of entries) callbacks.get(entry.target)?.(entry.isIntersecting);
  });
  return observer;
}

/**
 * Whether the element is in the viewport; always true where IntersectionObserver is missing. It starts false, so
 * of a thousand rows only those on screen render a second time when the observer reports them.
 */
export function useVisible(ref: RefObject<Element | null>): boolean {
  const [visible, setVisible] = useState(() => typeof IntersectionObserver === 'undefined');
  useEffect(() => {
    const element = ref.current;
    const io = shared();
    if (!element || !io) return;
    callbacks.set(element, setVisible);
    io.observe(element);
    return () => {
      io.unobserve(element);
      callbacks.delete(element);
    };
  }, [ref]);
  return visible;
}
