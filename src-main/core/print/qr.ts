// QR codes as inline SVG: vector, so they print sharp at any size and need no image loading.

/** The encoder is loaded by the first QR code, not by every start of the core that imports printing. */
const encoder = () => import('qrcode');

/** Modules of quiet zone inside the SVG; the slip's white padding adds more around it. */
const QR_MARGIN = 2;

/**
 * An `<svg>` (one path, black on white, viewBox in modules; size it with CSS) encoding `text` with
 * error correction level M (15 %). The markup contains no part of `text` except as module geometry.
 */
export async function qrSvg(text: string): Promise<string> {
  const { toString: qrToString } = await encoder();
  const svg = await qrToString(text, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: QR_MARGIN,
    color: { dark: '#000000', light: '#ffffff' },
  });
  // The white square under the modules is dropped: the paper is white, and a path fewer per slip
  // is less for Chromium to lay out and paint.
  return svg
    .trim()
    .replace(/<path fill="#ffffff" d="[^"]*"\/>/, '')
    .replace('<svg ', '<svg class="qr-svg" aria-hidden="true" focusable="false" ');
}

/** How many QR codes are made between two turns of the event loop (about 50 ms of work). */
const QR_BATCH = 50;

/**
 * QR SVGs for many texts, keyed by text; each distinct text is encoded once. A thousand take over a
 * second of CPU: they are made in batches with a turn of the event loop between, so the core goes on
 * answering (the bar's polls among others); `progress` hears of each batch and may throw to stop.
 */
export async function qrSvgs(
  texts: readonly string[],
  progress?: (phase: 'slips', done: number, total: number) => void,
): Promise<Map<string, string>> {
  const unique = [...new Set(texts)];
  const svgs: string[] = [];
  progress?.('slips', 0, unique.length);
  for (let i = 0; i < unique.length; i += QR_BATCH) {
    if (i > 0) await new Promise((r) => setImmediate(r));
    svgs.push(...(await Promise.all(unique.slice(i, i + QR_BATCH).map((t) => qrSvg(t)))));
    progress?.('slips', svgs.length, unique.length);
  }
  return new Map(unique.map((t, i) => [t, svgs[i] ?? '']));
}
