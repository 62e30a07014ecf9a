// QR codes as inline SVG: vector, so they print sharp at any size and need no image loading.

import { toString as qrToString } from 'qrcode';

/** Modules of quiet zone inside the SVG; the slip's white padding adds more around it. */
const QR_MARGIN = 2;

/**
 * An `<svg>` (one path, black on white, viewBox in modules; size it with CSS) encoding `text` with
 * error correction level M (15 %). The markup contains no part of `text` except as module geometry.
 */
export async function qrSvg(text: string): Promise<string> {
  const svg = await qrToString(text, {
    type: 'svg',
    errorCorrectionLevel: 'M',
    margin: QR_MARGIN,
    color: { dark: '#000000', light: '#ffffff' },
  });
  return svg.trim().replace('<svg ', '<svg class="qr-svg" aria-hidden="true" focusable="false" ');
}

/** QR SVGs for many texts, keyed by text; each distinct text is encoded once. */
export async function qrSvgs(texts: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(texts)];
  const svgs = await Promise.all(unique.map((t) => qrSvg(t)));
  return new Map(unique.map((t, i) => [t, svgs[i] ?? '']));
}
