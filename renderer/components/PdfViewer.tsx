/**
 * The in-app viewer. PDFs (pdf.js): the leader reviews here what he signs. Page 1 is drawn first,
 * the others when they scroll into view; the zoom fits the page to the viewer's width (and can be
 * stepped). PageUp/PageDown move a page. The pdf.js worker is a file of the build (script 'self'),
 * never a blob URL. Bytes come by file link, by range (pdf-loader.ts), never through the API.
 */
import { useEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { AttachmentInfo } from '../../shared/api/documents.js';
import { callApi, useApi } from '../api/client.js';
import { hubFileProblemKey } from '../../shared/i18n/messages.js';
import { hubFileProblem } from '../../shared/api/hub-link.js';
import { useI18n } from '../i18n.js';
import { saveLink } from './open-blob.js';
import { openPdf, type PdfDocument } from './pdf-loader.js';
import { DocumentFind } from './DocumentFind.js';

const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

/** A page as drawn: CSS pixels per PDF point, and its size in points as shown (upright, after /Rotate). */
export interface DrawnPage {
  scale: number;
  width: number;
  height: number;
}

/** What a caller draws over a page (the signing boxes), in a layer the size of the page. */
export type PageOverlay = (pageNumber: number, page: DrawnPage) => ReactNode;

/**
 * Shows an attachment inside the app when its bytes are a PDF or an image (the core decides, from
 * the bytes); anything else is offered to save, never shown. Keyed by the hash: a new signed
 * version gets a new link.
 */
export function AttachmentViewer({ attachment, overlay, hubDocumentId }: { attachment: AttachmentInfo; overlay?: PageOverlay | undefined; hubDocumentId?: number | undefined }) {
  const api = useApi();
  const { t } = useI18n();
  const link = useQuery({
    queryKey: ['attachments.open', { attachmentId: attachment.id, purpose: 'view', hubDocumentId }, attachment.sha256],
    // Agency mode: a hub document's file, fetched from the agency server first if it is not on this computer.
    queryFn: () =>
      hubDocumentId === undefined
        ? callApi(api, 'attachments.open', { attachmentId: attachment.id, purpose: 'view' })
        : callApi(api, 'hub.openAttachment', { documentId: hubDocumentId, sha256: attachment.sha256, purpose: 'view' }),
    // A link is made for one viewer; a new viewer asks for its own.
    gcTime: 0,
    staleTime: Infinity,
    retry: false,
  });
  if (link.error) {
    const problem = hubFileProblem(link.error);
    return <p className="form-error">{problem ? t(hubFileProblemKey(problem)) : t('viewer.failed', { name: attachment.name })}</p>;
  }
  if (!link.data) return <p className="pending-text">{t(hubDocumentId === undefined ? 'viewer.loading' : 'hub.files.state.fetching')}</p>;
  const { view, url, fileName } = link.data;
  if (view === 'pdf') {
    return (
      <div className="attachment-viewer">
        {/* Find in document reads the text this desk extracted; a hub document's text is the agency server's. */}
        {hubDocumentId === undefined ? (
          <DocumentFind
            attachmentId={attachment.id}
            onPage={(page) => document.querySelector<HTMLElement>(`.attachment-viewer .pdf-page[data-page="${page}"]`)?.scrollIntoView({ block: 'start' })}
          />
        ) : null}
        <PdfViewer url={url} name={fileName} version={attachment.sha256} overlay={overlay} />
      </div>
    );
  }
  if (view === 'image') {
    return (
      <div className="image-viewer">
        <img src={url} alt={t('viewer.image', { name: fileName })} />
      </div>
    );
  }
  return (
    <div className="viewer-refused">
      <p>{t('viewer.notViewable', { name: fileName })}</p>
      <button type="button" className="button" onClick={() => saveLink(link.data)}>
        {t('attachments.saveNamed', { name: fileName })}
      </button>
    </div>
  );
}

/** `url`: a file link (shared/api/file-links.ts) of a PDF. */
export function PdfViewer({ url, name, version, overlay }: { url: string; name: string; version?: string; overlay?: PageOverlay | undefined }) {
  const { t } = useI18n();
  /** The document loaded from which link: a new link (a signed version) shows nothing stale. */
  const [loaded, setLoaded] = useState<{ source: string; doc: PdfDocument } | null>(null);
  const [failedFor, setFailedFor] = useState<string | null>(null);
  const doc = loaded?.source === url ? loaded.doc : null;
  const failed = failedFor === url;
  const [width, setWidth] = useState(0);
  const [zoom, setZoom] = useState<number>(1);
  const [ratio, setRatio] = useState(Math.SQRT2);
  const scrollRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let cancelled = false;
    const task = openPdf(url);
    task.promise
      .then(async (pdf) => {
        const first = await pdf.getPage(1);
        const viewport = first.getViewport({ scale: 1 });
        if (cancelled) return;
        setRatio(viewport.height / viewport.width);
        setLoaded({ source: url, doc: pdf });
      })
      .catch(() => {
        if (!cancelled) setFailedFor(url);
      });
    return () => {
      cancelled = true;
      task.close();
    };
  }, [url]);

  useEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key !== 'PageDown' && event.key !== 'PageUp') return;
    const element = scrollRef.current;
    if (!element) return;
    event.preventDefault();
    const pages = [...element.querySelectorAll<HTMLElement>('.pdf-page')];
    const top = element.scrollTop;
    const current = pages.findIndex((page) => page.offsetTop + page.offsetHeight / 2 > top);
    const index = Math.max(0, Math.min(pages.length - 1, (current < 0 ? 0 : current) + (event.key === 'PageDown' ? 1 : -1)));
    element.scrollTo({ top: pages[index]?.offsetTop ?? 0 });
  }

  const zoomIndex = ZOOMS.indexOf(zoom as (typeof ZOOMS)[number]);
  const pageWidth = Math.max(200, Math.floor((width - 16) * zoom));
  const count = doc?.numPages ?? 0;

  return (
    <div className="pdf-viewer">
      <div className="pdf-toolbar">
        <span className="muted">{count > 0 ? t('viewer.pages', { count }) : failed ? t('viewer.failed', { name }) : t('viewer.loading')}</span>
        <button type="button" className="button button-small" aria-label={t('viewer.zoomOut')} disabled={zoomIndex <= 0} onClick={() => setZoom(ZOOMS[zoomIndex - 1] ?? zoom)}>
          {t('viewer.zoomOut.short')}
        </button>
        <button type="button" className="button button-small" aria-pressed={zoom === 1} onClick={() => setZoom(1)}>
          {t('viewer.fitWidth')}
        </button>
        <button type="button" className="button button-small" aria-label={t('viewer.zoomIn')} disabled={zoomIndex >= ZOOMS.length - 1} onClick={() => setZoom(ZOOMS[zoomIndex + 1] ?? zoom)}>
          {t('viewer.zoomIn.short')}
        </button>
      </div>
      <div ref={scrollRef} className="pdf-pages" role="region" aria-label={t('viewer.label', { name })} tabIndex={0} onKeyDown={onKeyDown} data-version={version}>
        {doc && width > 0
          ? Array.from({ length: count }, (_, index) => <PdfPage key={index} doc={doc} pageNumber={index + 1} count={count} width={pageWidth} ratio={ratio} root={scrollRef} overlay={overlay} />)
          : null}
      </div>
    </div>
  );
}

interface PdfPageProps {
  doc: PdfDocument;
  pageNumber: number;
  count: number;
  width: number;
  /** Height over width of page 1: the size of a page not drawn yet. */
  ratio: number;
  root: React.RefObject<HTMLDivElement | null>;
  overlay?: PageOverlay | undefined;
}

function PdfPage({ doc, pageNumber, count, width, ratio, root, overlay }: PdfPageProps) {
  const { t } = useI18n();
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const boxRef = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(pageNumber === 1);
  const [height, setHeight] = useState(Math.round(width * ratio));
  /** The width the canvas was last fully drawn at. */
  const [drawnAt, setDrawnAt] = useState<number | null>(null);
  const drawn = drawnAt === width;
  const [drawnPage, setDrawnPage] = useState<DrawnPage | null>(null);

  useEffect(() => {
    if (visible || !boxRef.current) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) setVisible(true);
    }, { root: root.current, rootMargin: '200px 0px' });
    observer.observe(boxRef.current);
    return () => observer.disconnect();
  }, [visible, root]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!visible || !canvas) return;
    let cancelled = false;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    void doc.getPage(pageNumber).then(async (page) => {
      if (cancelled) return;
      const base = page.getViewport({ scale: 1 });
      const scale = width / base.width;
      const pixels = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: scale * pixels });
      canvas.width = Math.floor(viewport.width);
      canvas.height = Math.floor(viewport.height);
      // CSSOM, not a style attribute: allowed by style-src 'self'.
      canvas.style.width = `${width}px`;
      canvas.style.height = `${Math.floor(viewport.height / pixels)}px`;
      setHeight(Math.floor(viewport.height / pixels));
      setDrawnPage({ scale, width: base.width, height: base.height });
      task = page.render({ canvas, viewport });
      try {
        await task.promise;
        if (!cancelled) setDrawnAt(width);
      } catch {
        // Cancelled by a newer render (zoom, resize) or by unmounting.
      }
    });
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [doc, pageNumber, width, visible]);

  useEffect(() => {
    const box = boxRef.current;
    if (box) box.style.minHeight = `${drawn ? 0 : height}px`;
  }, [height, drawn]);

  return (
    <div ref={boxRef} className="pdf-page" data-page={pageNumber}>
      <div className="pdf-sheet">
        <canvas ref={canvasRef} role="img" aria-label={t('viewer.page', { page: pageNumber, count })} data-drawn={drawn ? 'true' : 'false'} />
        {overlay && drawnPage ? <div className="pdf-overlay">{overlay(pageNumber, drawnPage)}</div> : null}
      </div>
    </div>
  );
}
