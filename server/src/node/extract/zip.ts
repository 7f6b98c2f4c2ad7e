// Reads named parts of a zip archive (a .docx or .odt) from its bytes, bounded: a part whose declared size is
// over the limit is refused before anything is inflated, and yauzl stops a stream that inflates past its
// declared size (a zip bomb that lies about its sizes). So a few kilobytes that inflate to gigabytes are
// refused, never read whole.

import yauzl from 'yauzl';

export type ZipParts = { ok: true; parts: Map<string, string> } | { ok: false; reason: string };

/** Entries an archive may list: a Word file has a few dozen; more is not a document. */
const MAX_ENTRIES = 10_000;

/** The named parts as UTF-8 text (missing ones are absent from the map), or why the archive cannot be read. */
export async function readZipParts(bytes: Uint8Array, names: readonly string[], maxInflatedBytes: number, what: string): Promise<ZipParts> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true, strictFileNames: false });
  } catch (error) {
    return { ok: false, reason: `the ${what} is damaged: not a readable zip archive (${messageOf(error)})` };
  }
  if (zip.entryCount > MAX_ENTRIES) {
    zip.close();
    return { ok: false, reason: `the ${what} lists ${zip.entryCount.toLocaleString('en')} parts; the limit is ${MAX_ENTRIES.toLocaleString('en')}` };
  }
  const wanted = new Set(names);
  const parts = new Map<string, string>();
  let inflated = 0;
  return new Promise<ZipParts>((resolve) => {
    let settled = false;
    const finish = (result: ZipParts) => {
      if (settled) return;
      settled = true;
      zip.close();
      resolve(result);
    };
    zip.on('error', (error: unknown) => finish({ ok: false, reason: `the ${what} is damaged (${messageOf(error)})` }));
    zip.on('end', () => finish({ ok: true, parts }));
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!wanted.has(entry.fileName)) {
        zip.readEntry();
        return;
      }
      if (inflated + entry.uncompressedSize > maxInflatedBytes) {
        finish({ ok: false, reason: `the ${what}'s ${entry.fileName} inflates to ${megabytes(entry.uncompressedSize)}; the limit is ${megabytes(maxInflatedBytes)} (a zip bomb?)` });
        return;
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) {
          finish({ ok: false, reason: `the ${what}'s ${entry.fileName} cannot be read (${messageOf(error)})` });
          return;
        }
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', (streamError) => finish({ ok: false, reason: `the ${what}'s ${entry.fileName} is damaged (${messageOf(streamError)})` }));
        stream.on('end', () => {
          const data = Buffer.concat(chunks);
          inflated += data.length;
          parts.set(entry.fileName, data.toString('utf8'));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 * 1024 ? `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB` : `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
