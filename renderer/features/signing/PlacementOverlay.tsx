/**
 * The signing boxes drawn over a page of the viewer: number, date and the leader's signature
 * (movable by dragging or with the arrow keys when `onMove` is given), and the agency's stamp as it
 * will be drawn — the seal over the left third of the signature and its text beside or below.
 */
import { useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { PageBox, PlacementBoxKind, PlacementSource } from '../../../shared/api/signing.js';
import type { DrawnPage } from '../../components/PdfViewer.js';
import { useI18n } from '../../i18n.js';
import { keyMove, moveWithin } from './placement-boxes.js';

export interface ShownBox {
  kind: PlacementBoxKind;
  box: PageBox;
  source: PlacementSource;
}

interface OverlayProps {
  pageNumber: number;
  page: DrawnPage;
  boxes: ShownBox[];
  stamp: { seal: PageBox; text: PageBox } | null;
  onMove?: ((kind: PlacementBoxKind, box: PageBox) => void) | undefined;
}

export function PlacementOverlay({ pageNumber, page, boxes, stamp, onMove }: OverlayProps) {
  const { t } = useI18n();
  return (
    <>
      {stamp && stamp.seal.page === pageNumber ? (
        <>
          <div className="placement-box placement-stamp placement-seal" style={position(stamp.seal, page.scale)} title={t('placement.box.seal')}>
            <span className="placement-label">{t('placement.box.seal')}</span>
          </div>
          <div className="placement-box placement-stamp" style={position(stamp.text, page.scale)} title={t('placement.box.stampText')}>
            <span className="placement-label">{t('placement.box.stampText')}</span>
          </div>
        </>
      ) : null}
      {boxes
        .filter((shown) => shown.box.page === pageNumber)
        .map((shown) => (
          <PlacementBox key={shown.kind} shown={shown} page={page} onMove={onMove} />
        ))}
    </>
  );
}

function PlacementBox({ shown, page, onMove }: { shown: ShownBox; page: DrawnPage; onMove?: ((kind: PlacementBoxKind, box: PageBox) => void) | undefined }) {
  const { t } = useI18n();
  /** Where the pointer took the box from, while it is being dragged. */
  const [drag, setDrag] = useState<{ pointerX: number; pointerY: number; from: PageBox; at: PageBox } | null>(null);
  const box = drag?.at ?? shown.box;
  const name = t(`placement.box.${shown.kind}`);
  const source = t(`placement.source.${shown.source}`);
  const movable = onMove !== undefined;

  function onPointerDown(event: PointerEvent<HTMLDivElement>) {
    if (!movable || event.button !== 0) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    setDrag({ pointerX: event.clientX, pointerY: event.clientY, from: shown.box, at: shown.box });
  }
  function onPointerMove(event: PointerEvent<HTMLDivElement>) {
    if (!drag) return;
    const at = moveWithin(drag.from, (event.clientX - drag.pointerX) / page.scale, (event.clientY - drag.pointerY) / page.scale, page.width, page.height);
    setDrag({ ...drag, at });
  }
  function onPointerUp() {
    if (!drag) return;
    setDrag(null);
    if (drag.at.x !== drag.from.x || drag.at.y !== drag.from.y) onMove?.(shown.kind, drag.at);
  }
  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    const step = movable ? keyMove(event.key, event.shiftKey) : null;
    if (!step) return;
    event.preventDefault();
    onMove?.(shown.kind, moveWithin(shown.box, step[0], step[1], page.width, page.height));
  }

  return (
    <div
      className={`placement-box placement-${shown.kind} placement-source-${shown.source}${movable ? ' placement-movable' : ''}${drag ? ' placement-dragging' : ''}`}
      style={position(box, page.scale)}
      role={movable ? 'button' : 'img'}
      tabIndex={movable ? 0 : -1}
      aria-label={movable ? t('placement.move', { box: name, source }) : t('placement.boxLabel', { box: name, source })}
      data-box={shown.kind}
      data-source={shown.source}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => setDrag(null)}
      onKeyDown={onKeyDown}
    >
      <span className="placement-label">
        {name}
        {shown.source === 'missing' ? ` — ${source}` : ''}
      </span>
    </div>
  );
}

/** CSS pixels of a box in points on a page drawn at `scale` (set through CSSOM by React, allowed by the CSP). */
function position(box: PageBox, scale: number) {
  return { left: box.x * scale, top: box.y * scale, width: box.width * scale, height: box.height * scale };
}
