import { type PointerEvent, useCallback, useRef, useState } from 'react';
import { SLOT_MINUTES } from './layout';

/** The entry being dragged: the column under the pointer and how many minutes it moved (whole slots). */
export type DragPreview = { entryId: string; columnKey: string; deltaMinutes: number };

type Pending = { entryId: string; columnKey: string; x: number; y: number; pointerId: number; moved: boolean };

const DRAG_THRESHOLD_PX = 5;

/** The key of the calendar column under a screen point, or `fallback` outside every column. */
function columnAt(x: number, y: number, fallback: string): string {
  for (const element of document.elementsFromPoint(x, y)) {
    const key = (element as HTMLElement).dataset?.columnKey;
    if (key) return key;
  }
  return fallback;
}

/**
 * Pointer (mouse, pen, touch) dragging of calendar entries over columns marked `data-column-key`.
 * A press that does not move is a click; `consumeClick` tells the click handler to ignore the click
 * that ends a drag. After a successful drop the preview stays until the caller clears it (when the
 * reloaded data shows the new place).
 */
export function useDragMove(slotHeightPx: number, onDrop: (preview: DragPreview) => Promise<boolean>) {
  const [preview, setPreview] = useState<DragPreview | null>(null);
  const pending = useRef<Pending | null>(null);
  const justDragged = useRef(false);

  const onPointerDown = useCallback((event: PointerEvent<HTMLElement>, entryId: string, columnKey: string) => {
    if (event.button !== 0) return;
    pending.current = { entryId, columnKey, x: event.clientX, y: event.clientY, pointerId: event.pointerId, moved: false };
    event.currentTarget.setPointerCapture(event.pointerId);
  }, []);

  const onPointerMove = useCallback(
    (event: PointerEvent<HTMLElement>) => {
      const drag = pending.current;
      if (!drag || drag.pointerId !== event.pointerId) return;
      const dx = event.clientX - drag.x;
      const dy = event.clientY - drag.y;
      if (!drag.moved && Math.hypot(dx, dy) < DRAG_THRESHOLD_PX) return;
      drag.moved = true;
      const deltaMinutes = Math.round(dy / slotHeightPx) * SLOT_MINUTES;
      setPreview({ entryId: drag.entryId, columnKey: columnAt(event.clientX, event.clientY, drag.columnKey), deltaMinutes });
    },
    [slotHeightPx],
  );

  const onPointerUp = useCallback(
    (event: PointerEvent<HTMLElement>) => {
      const drag = pending.current;
      if (!drag || drag.pointerId !== event.pointerId) return;
      pending.current = null;
      if (!drag.moved) return;
      justDragged.current = true;
      const deltaMinutes = Math.round((event.clientY - drag.y) / slotHeightPx) * SLOT_MINUTES;
      const dropped = { entryId: drag.entryId, columnKey: columnAt(event.clientX, event.clientY, drag.columnKey), deltaMinutes };
      if (dropped.deltaMinutes === 0 && dropped.columnKey === drag.columnKey) {
        setPreview(null);
        return;
      }
      setPreview(dropped);
      // Refused (e.g. the slot is taken): the entry snaps back to where it was.
      onDrop(dropped).then((moved) => {
        if (!moved) setPreview(null);
      });
    },
    [slotHeightPx, onDrop],
  );

  const onPointerCancel = useCallback(() => {
    pending.current = null;
    setPreview(null);
  }, []);

  const consumeClick = useCallback(() => {
    const dragged = justDragged.current;
    justDragged.current = false;
    return dragged;
  }, []);

  return {
    preview,
    clearPreview: useCallback(() => setPreview(null), []),
    onPointerDown,
    onPointerMove,
    onPointerUp,
    onPointerCancel,
    consumeClick,
  };
}
