// Printed invitations: HTML for the preview, PDF for printing and saving.

import { familySheetsHtml, invitationsHtml } from './layout.ts';
import { htmlToPdf, type PdfOptions, type PdfRenderer } from './pdf.ts';
import type { FamilySheetsInput, InvitationsInput } from './model.ts';

export type RenderOptions = PdfOptions & { renderer?: PdfRenderer };

/** All slips of a batch in one PDF (`layout` slips per A4 page). */
export async function renderInvitationsPdf(input: InvitationsInput, options: RenderOptions = {}): Promise<Buffer> {
  return htmlToPdf(await invitationsHtml(input), options);
}

/** All family sheets of a batch in one PDF, one page per family. */
export async function renderFamilySheetsPdf(input: FamilySheetsInput, options: RenderOptions = {}): Promise<Buffer> {
  return htmlToPdf(await familySheetsHtml(input), options);
}

export { invitationsHtml, familySheetsHtml, planFamilyPages, slipDensity, PRINT_CSP } from './layout.ts';
export { htmlToPdf, createPdfRenderer, chromiumPath, CHROMIUM_ARGS } from './pdf.ts';
export type { PdfOptions, PdfRenderer } from './pdf.ts';
export { escapeHtml } from '../../../src-node/html.ts';
export { qrSvg } from './qr.ts';
export { SLIPS_PER_PAGE } from './model.ts';
export type { School, Slip, SlipKind, SlipsPerPage, InvitationsInput, Family, FamilyChild, FamilySheetsInput } from './model.ts';
