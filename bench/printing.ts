// Printing 1,000 slips through the real path (codes issued, the printout built with its QR codes,
// Chromium's PDF), beside Chromium's PDF of the same number of plain pages with the same text and
// one PNG per QR code, made by the same Chromium in the same run.
import type { Core } from '../src-main/core/core.ts';
import type { Actor } from '../src-main/core/services/audit.ts';
import { prepareInvitations } from '../src-main/core/codes/printing.ts';
import { createPdfRenderer, type SlipsPerPage } from '../src-main/core/print/index.ts';
import { qrSvgs } from '../src-main/core/print/qr.ts';
import { registrationLink } from '../src-shared/codes/link.ts';
import fs from 'node:fs';
import path from 'node:path';
import { measure, type Took } from './clock.ts';
import { plainPagesHtml, qrPngs, slipTexts } from './floors.ts';

export interface LayoutResult {
  layout: SlipsPerPage;
  slips: number;
  htmlBytes: number;
  pdfBytes: number;
  plainPdfBytes: number;
  /** The printout built: rows read, slips laid out, QR codes made. */
  html: Took;
  /** The QR codes of the same slips made alone (part of `html`). */
  qr: Took;
  /** The least of `samples` renders each (slips and plain pages in turn). */
  pdf: Took;
  plain: Took;
  samples: number;
}

export interface PrintingResult {
  issued: Took & { count: number };
  /** Chromium started once for the section (the CLI and browser mode start one per printout). */
  start: Took;
  /** A one-line document through the same renderer: the cost of any PDF, in both figures. */
  empty: Took;
  layouts: LayoutResult[];
}

/**
 * `saveTo`: a folder that receives each layout's documents (slips-N.html, slips-N.pdf, plain-N.html,
 * plain-N.pdf). `samples`: renders of each document, in turns; the least of each is kept (a shared
 * machine only ever adds time).
 */
export async function benchPrinting(core: Core, actor: Actor, count: number, saveTo?: string, samples = 1): Promise<PrintingResult> {
  const studentIds = core.db
    .prepare("SELECT id FROM people WHERE kind = 'student' AND archived_at IS NULL ORDER BY id LIMIT ?")
    .pluck()
    .all(count) as number[];
  const scope = { studentIds };
  const issued = await measure(() => core.codes.issue(actor, scope, { audience: 'students', onlyMissing: true }).students);
  const registrationUrl = core.settings.get().registrationUrl;

  const start = await measure(() => createPdfRenderer());
  const renderer = start.value;
  try {
    const empty = await measure(() => renderer.render('<!doctype html><meta charset="utf-8"><p>Куратор</p>'));
    const layouts: LayoutResult[] = [];
    for (const layout of [4, 1] as const) {
      const html = await measure(() => prepareInvitations(core, { kind: 'invitations', scope, audience: 'students', layout }));
      const doc = html.value.job.html;
      const links = core.db
        .prepare(`SELECT code FROM invitation_codes WHERE id IN (${html.value.job.codeIds.map(() => '?').join(',')})`)
        .pluck()
        .all(...html.value.job.codeIds) as string[];
      const urls = links.map((code) => registrationLink(registrationUrl, code));
      const qr = await measure(() => qrSvgs(urls));
      const texts = slipTexts(doc);
      if (texts.length !== html.value.job.codeIds.length)
        throw new Error(`read ${texts.length} slips' texts of ${html.value.job.codeIds.length}`);
      const plainDoc = plainPagesHtml(texts, await qrPngs(urls), layout);
      // Alternate the order between layouts and samples, so that a machine getting busier favours neither.
      const runs: Partial<Record<'plain' | 'slips', { value: Buffer } & Took>> = {};
      for (let sample = 0; sample < samples; sample++) {
        const plainFirst = (layout === 4) === (sample % 2 === 0);
        for (const which of plainFirst ? (['plain', 'slips'] as const) : (['slips', 'plain'] as const)) {
          const run = await measure(() => renderer.render(which === 'plain' ? plainDoc : doc));
          if (!runs[which] || run.cpuMs < runs[which].cpuMs) runs[which] = run;
        }
      }
      const { slips, plain } = runs as Record<'plain' | 'slips', { value: Buffer } & Took>;
      if (saveTo) {
        fs.writeFileSync(path.join(saveTo, `slips-${layout}.html`), doc);
        fs.writeFileSync(path.join(saveTo, `slips-${layout}.pdf`), slips.value);
        fs.writeFileSync(path.join(saveTo, `plain-${layout}.html`), plainDoc);
        fs.writeFileSync(path.join(saveTo, `plain-${layout}.pdf`), plain.value);
      }
      layouts.push({
        layout,
        slips: html.value.job.codeIds.length,
        htmlBytes: Buffer.byteLength(doc),
        pdfBytes: slips.value.length,
        plainPdfBytes: plain.value.length,
        html,
        qr,
        pdf: slips,
        plain,
        samples,
      });
    }
    return { issued: { ...issued, count: issued.value }, start, empty, layouts };
  } finally {
    await renderer.close();
  }
}
