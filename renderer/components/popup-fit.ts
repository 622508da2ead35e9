/**
 * A popup (a dropdown list, a calendar) that fits the window: under its anchor when it fits there
 * or has the most room there, else above it, never taller than the room on its side. The rule is
 * pure (tested); the hook measures and applies it through the CSSOM (style-src 'self').
 */
import { useLayoutEffect, useRef, type RefObject } from 'react';

/** Kept free between a popup and the window's edge. */
const EDGE_PX = 8;
/** Below this (five two-line recipient rows), the popup scrolls in a sliver: better to open on the other side. */
const SMALLEST_USEFUL_PX = 260;

export interface PopupFit {
  placement: 'below' | 'above';
  maxHeight: number;
}

export function fitPopup(anchor: { top: number; bottom: number }, viewportHeight: number, wantedHeight: number): PopupFit {
  const below = viewportHeight - anchor.bottom - EDGE_PX;
  const above = anchor.top - EDGE_PX;
  const placement = below >= Math.min(wantedHeight, SMALLEST_USEFUL_PX) || below >= above ? 'below' : 'above';
  const room = placement === 'below' ? below : above;
  return { placement, maxHeight: Math.max(0, Math.min(wantedHeight, room)) };
}

/**
 * The ref for a popup that, while `open`, stays fitted to the window next to `anchor` (on resize
 * and on any scroll). `wantedHeight`: the most the popup should take when there is room.
 */
export function usePopupFit<T extends HTMLElement>(anchor: RefObject<HTMLElement | null>, open: boolean, wantedHeight: number): RefObject<T | null> {
  const popup = useRef<T>(null);
  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      const box = anchor.current?.getBoundingClientRect();
      const element = popup.current;
      if (!box || !element) return;
      const fit = fitPopup(box, window.innerHeight, wantedHeight);
      element.dataset.placement = fit.placement;
      element.style.maxHeight = `${fit.maxHeight}px`;
    };
    place();
    window.addEventListener('resize', place);
    window.addEventListener('scroll', place, true);
    return () => {
      window.removeEventListener('resize', place);
      window.removeEventListener('scroll', place, true);
    };
  }, [anchor, open, wantedHeight]);
  return popup;
}
