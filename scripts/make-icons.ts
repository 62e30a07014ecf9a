// Draws the app icon as one SVG and renders it, through the Chromium the project already uses, into
// what the installers need: PNGs in every size (Linux: resources/icons/NxN.png, resources/icon.png)
// and a Windows .ico (BMP images up to 128 px, PNG at 256 px, as Windows and NSIS read them).
//
//   node scripts/make-icons.ts        (the results are committed; run again after changing the drawing)
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../src-main/core/print/pdf.ts';
import { ROOT } from './project.ts';

export const RESOURCES = path.join(ROOT, 'resources');
/** Linux (hicolor theme, AppImage, deb) sizes; the .ico holds those up to 256. */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512] as const;
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;

/** A clipboard with a class list and a tick on a blue rounded square: the curator's desk. */
export function iconSvg(): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <defs>
    <linearGradient id="bg" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#3b82f6"/>
      <stop offset="1" stop-color="#1e40af"/>
    </linearGradient>
  </defs>
  <rect x="16" y="16" width="480" height="480" rx="104" fill="url(#bg)"/>
  <rect x="120" y="92" width="272" height="340" rx="28" fill="#ffffff"/>
  <rect x="196" y="68" width="120" height="56" rx="18" fill="#dbeafe" stroke="#1e40af" stroke-width="12"/>
  <g fill="#93c5fd">
    <rect x="160" y="168" width="28" height="28" rx="6"/>
    <rect x="160" y="232" width="28" height="28" rx="6"/>
    <rect x="160" y="296" width="28" height="28" rx="6"/>
  </g>
  <g fill="#1e3a8a">
    <rect x="208" y="172" width="144" height="20" rx="10"/>
    <rect x="208" y="236" width="120" height="20" rx="10"/>
    <rect x="208" y="300" width="136" height="20" rx="10"/>
  </g>
  <circle cx="360" cy="384" r="84" fill="#16a34a" stroke="#ffffff" stroke-width="16"/>
  <path d="M318 386 l28 28 l56 -60" fill="none" stroke="#ffffff" stroke-width="24" stroke-linecap="round" stroke-linejoin="round"/>
</svg>
`;
}

interface Rendered {
  size: number;
  png: Buffer;
  /** Straight RGBA, top row first. */
  rgba: Buffer;
}

async function render(svg: string, sizes: readonly number[]): Promise<Rendered[]> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage();
    // Runs in the page (kept as text: this file is compiled without the DOM's types).
    const inPage = `(async ({ svg, sizes }) => {
      const img = new Image();
      img.src = 'data:image/svg+xml;base64,' + btoa(svg);
      await img.decode();
      return sizes.map((size) => {
        const canvas = document.createElement('canvas');
        canvas.width = size;
        canvas.height = size;
        const ctx = canvas.getContext('2d');
        ctx.imageSmoothingQuality = 'high';
        ctx.drawImage(img, 0, 0, size, size);
        return { size, png: canvas.toDataURL('image/png').split(',')[1], rgba: Array.from(ctx.getImageData(0, 0, size, size).data) };
      });
    })(${JSON.stringify({ svg, sizes })})`;
    const out = (await page.evaluate(inPage)) as { size: number; png: string; rgba: number[] }[];
    return out.map((r) => ({ size: r.size, png: Buffer.from(r.png, 'base64'), rgba: Buffer.from(r.rgba) }));
  } finally {
    await browser.close();
  }
}

/** A 32-bit BMP image as an .ico stores it: bottom-up BGRA, then a 1-bit AND mask (all opaque: alpha rules). */
function icoBitmap(r: Rendered): Buffer {
  const { size, rgba } = r;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // colour rows + mask rows
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(size * size * 4, 20);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const from = (y * size + x) * 4;
      const to = ((size - 1 - y) * size + x) * 4;
      pixels[to] = rgba[from + 2]!;
      pixels[to + 1] = rgba[from + 1]!;
      pixels[to + 2] = rgba[from]!;
      pixels[to + 3] = rgba[from + 3]!;
    }
  }
  const maskRow = Math.ceil(size / 32) * 4;
  return Buffer.concat([header, pixels, Buffer.alloc(maskRow * size)]);
}

/** An .ico with one image per size: BMP below 256 px, PNG at 256 px. */
export function icoFile(images: readonly Rendered[]): Buffer {
  const datas = images.map((r) => (r.size >= 256 ? r.png : icoBitmap(r)));
  const head = Buffer.alloc(6 + 16 * images.length);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2); // icon
  head.writeUInt16LE(images.length, 4);
  let offset = head.length;
  images.forEach((r, i) => {
    const e = 6 + 16 * i;
    head.writeUInt8(r.size >= 256 ? 0 : r.size, e); // 0 means 256
    head.writeUInt8(r.size >= 256 ? 0 : r.size, e + 1);
    head.writeUInt16LE(1, e + 4); // colour planes
    head.writeUInt16LE(32, e + 6); // bits per pixel
    head.writeUInt32LE(datas[i]!.length, e + 8);
    head.writeUInt32LE(offset, e + 12);
    offset += datas[i]!.length;
  });
  return Buffer.concat([head, ...datas]);
}

export async function makeIcons(dir = RESOURCES): Promise<void> {
  const svg = iconSvg();
  fs.mkdirSync(path.join(dir, 'icons'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'icon.svg'), svg);
  const rendered = await render(svg, PNG_SIZES);
  for (const r of rendered) fs.writeFileSync(path.join(dir, 'icons', `${r.size}x${r.size}.png`), r.png);
  fs.writeFileSync(path.join(dir, 'icon.png'), rendered.find((r) => r.size === 512)!.png);
  fs.writeFileSync(path.join(dir, 'icon.ico'), icoFile(rendered.filter((r) => (ICO_SIZES as readonly number[]).includes(r.size))));
}

if (import.meta.main) await makeIcons();
