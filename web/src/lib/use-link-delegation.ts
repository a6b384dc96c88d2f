import type { MouseEvent } from 'react';
import { useNavigate } from 'react-router';

/**
 * A click handler for a container of plain same-site `<a href>` links that navigates inside the app instead of
 * reloading: one handler for a thousand rows instead of a thousand <Link> components. Modified clicks (new tab,
 * new window) keep the browser's behaviour.
 */
export function useLinkDelegation(): (event: MouseEvent<HTMLElement>) => void {
  const navigate = useNavigate();
  return (event) => {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const anchor = (event.target as Element).closest('a');
    if (!anchor || anchor.target || anchor.hasAttribute('download')) return;
    const url = new URL(anchor.href);
    if (url.origin !== window.location.origin) return;
    event.preventDefault();
    void navigate(url.pathname + url.search + url.hash);
  };
}
