// PDF files through Mozilla's pdf.js: each page's text pieces with their positions, laid out as lines
// (pdfLayout.ts). A PDF without a text layer (a scan), a password-protected one, a damaged one, or one that
// claims more pages than any recommendation document has, is refused with its reason.

import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isEmptyText, type ExtractionLimits, type ExtractionResult } from './extraction';
import { layOutPages, type PageText, type TextPiece } from './pdfLayout';

/** The parts of pdf.js used here (its legacy build, which runs in Node without a browser). */
interface PdfJs {
  getDocument(options: Record<string, unknown>): { promise: Promise<PdfDocument>; destroy(): Promise<void> };
}
interface PdfDocument {
  numPages: number;
  getPage(number: number): Promise<PdfPage>;
  destroy(): Promise<void>;
}
interface PdfPage {
  view: number[];
  getTextContent(): Promise<{ items: Array<{ str?: string; transform?: number[]; width?: number }> }>;
  cleanup(): void;
}

let loading: Promise<{ pdfjs: PdfJs; folder: string }> | null = null;

/**
 * pdf.js, loaded on first use (a library of text files never pays for it): the copy beside the bundle
 * (dist/pdfjs/, made by esbuild.mjs) or, running from the sources, the package's own.
 */
function loadPdfJs(): Promise<{ pdfjs: PdfJs; folder: string }> {
  loading ??= (async () => {
    const bundled = join(__dirname, 'pdfjs');
    const folder = existsSync(join(bundled, 'pdf.mjs')) ? bundled : dirname(require.resolve('pdfjs-dist/package.json'));
    const script = folder === bundled ? join(bundled, 'pdf.mjs') : join(folder, 'legacy', 'build', 'pdf.mjs');
    const pdfjs = (await import(pathToFileURL(script).href)) as PdfJs;
    return { pdfjs, folder };
  })();
  return loading;
}

export async function extractPdf(bytes: Uint8Array, limits: ExtractionLimits): Promise<ExtractionResult> {
  const started = performance.now();
  let library: { pdfjs: PdfJs; folder: string };
  try {
    library = await loadPdfJs();
  } catch (error) {
    loading = null;
    return { ok: false, reason: `the PDF reader could not be loaded (${error instanceof Error ? error.message : String(error)})` };
  }
  const { pdfjs, folder } = library;
  // pdf.js takes the buffer over (detaches it): give it a copy, the caller's bytes are hashed and cached.
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
    cMapUrl: `${join(folder, 'cmaps')}/`,
    cMapPacked: true,
    standardFontDataUrl: `${join(folder, 'standard_fonts')}/`,
  });
  let document: PdfDocument;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy().catch(() => {});
    return { ok: false, reason: describePdfError(error) };
  }
  try {
    if (document.numPages > limits.maxPages) {
      return { ok: false, reason: `the PDF has ${document.numPages.toLocaleString('en')} pages; the limit is ${limits.maxPages.toLocaleString('en')}` };
    }
    const pages: PageText[] = [];
    let characters = 0;
    for (let number = 1; number <= document.numPages; number++) {
      if (performance.now() - started > limits.maxMilliseconds) {
        return { ok: false, reason: `reading the PDF took longer than ${Math.round(limits.maxMilliseconds / 1000)} s (stopped at page ${number} of ${document.numPages})` };
      }
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      const pieces: TextPiece[] = [];
      for (const item of content.items) {
        if (typeof item.str !== 'string' || !Array.isArray(item.transform)) continue;
        const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform;
        characters += item.str.length;
        pieces.push({ text: item.str, x, y, width: item.width ?? 0, size: Math.hypot(c, d) || Math.hypot(a, b) });
      }
      pages.push({ pieces, height: (page.view[3] ?? 0) - (page.view[1] ?? 0) });
      page.cleanup();
      if (characters > limits.maxTextCharacters) {
        return { ok: false, reason: `the PDF holds more than ${(limits.maxTextCharacters / 1048576).toFixed(0)} million characters of text; the limit is that` };
      }
    }
    const laidOut = layOutPages(pages);
    if (isEmptyText(laidOut.text)) {
      return { ok: false, reason: `the PDF has no text layer (${document.numPages === 1 ? 'its page is' : `its ${document.numPages} pages are`} images, as a scan is): it needs OCR before Precedent can read it` };
    }
    return { ok: true, extraction: { text: laidOut.text, pageStarts: laidOut.pageStarts, generatedLabelLines: [], pages: document.numPages } };
  } catch (error) {
    return { ok: false, reason: describePdfError(error) };
  } finally {
    await document.destroy().catch(() => {});
  }
}

/** pdf.js's exceptions, in a reader's words. */
function describePdfError(error: unknown): string {
  const name = (error as { name?: string } | null)?.name ?? '';
  const message = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') return 'the PDF is encrypted with a password: save a copy without one';
  if (name === 'InvalidPDFException') return `not a readable PDF (${message})`;
  if (name === 'MissingPDFException') return 'the PDF is missing';
  if (name === 'UnknownErrorException' || name === 'FormatError') return `the PDF is damaged (${message})`;
  return `the PDF could not be read (${message})`;
}
