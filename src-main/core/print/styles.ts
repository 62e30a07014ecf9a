// The one stylesheet of the printouts: A4 sheets for the printer and the PDF, the same sheets on a
// grey desk for the on-screen preview. Sizes in mm/pt so screen and paper agree.

export const PRINT_CSS = `
@page { size: A4; margin: 0; }
/* Elements only: a rule for every element's ::before/::after makes Chromium compute both pseudo
   elements' styles for every element (the one ::before used, .cut::before, sets its own padding). */
* { box-sizing: border-box; margin: 0; padding: 0; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body {
  font-family: "Noto Sans", "PT Sans", "Segoe UI", Arial, "DejaVu Sans", sans-serif;
  font-size: 10pt; line-height: 1.35; color: #111827; background: #fff;
}
.mono { font-family: "Noto Sans Mono", "DejaVu Sans Mono", Consolas, "Liberation Mono", "Courier New", monospace; }

/* Boxes that cut what sticks out use overflow: clip, never hidden: hidden makes a box a scroll
   container, which Chromium gives its own paint layer and scrolling state (up to five per slip,
   thousands in a printout); clip cuts the same pixels without either. */

/* A sheet is exactly one A4 page; slips are exact halves or quarters of it, so cutting along
   the dashed lines (or folding in half) gives equal pieces. Slips keep 8+ mm of padding: more
   than any printer's unprintable edge. */
.sheet {
  position: relative; width: 210mm; height: 297mm; overflow: clip; background: #fff;
  display: grid; break-after: page; page-break-after: always; break-inside: avoid;
  /* Nothing inside a sheet changes its size or reaches outside it: with that said, Chromium keeps
     the layout it made on loading when it prints, instead of laying every slip out again for the
     pages (about a fifth of a 1,000-slip PDF's time; the PDF is pixel-identical). */
  contain: strict;
}
.sheet:last-child { break-after: auto; page-break-after: auto; }
.per-1 { grid-template: 100% / 100%; }
.per-2 { grid-template: 50% 50% / 100%; }
.per-4 { grid-template: 50% 50% / 50% 50%; }

/* Dashes as a repeating gradient, not a dashed border: Chromium prints a dashed border as one path
   per dash (~140 per line, 4.8 of 36 MB of drawing for 1,000 slips 4 to a page); the gradient is
   one pattern. Same dashes on paper: 0.9 mm long, 0.6 mm apart, 0.3 mm thick. */
.cut { position: absolute; --dashes: #8b95a3 0 0.9mm, transparent 0.9mm 1.5mm; }
.cut-h { left: 0; right: 0; top: 50%; height: 0.3mm; background: repeating-linear-gradient(90deg, var(--dashes)); }
.cut-v { top: 0; bottom: 0; left: 50%; width: 0.3mm; background: repeating-linear-gradient(180deg, var(--dashes)); }
.cut::before {
  content: "\\2702"; position: absolute; font-size: 12pt; line-height: 1; color: #6b7280;
  background: #fff; padding: 0 1mm; font-family: "DejaVu Sans", "Segoe UI Symbol", sans-serif;
}
.cut-h::before { left: 5mm; top: -2.45mm; }
.cut-v::before { top: 5mm; left: -3.1mm; transform: rotate(90deg); padding: 0; }

/* ---- a slip ---- */
.slip {
  --pad: 10mm 12mm; --gap: 2.6mm; --code: 24pt; --qr: 31mm; --fs: 10pt; --k: 1;
  font-size: calc(var(--fs) * var(--k));
  min-width: 0; min-height: 0; overflow: clip; break-inside: avoid; padding: var(--pad);
  display: grid; gap: var(--gap); align-content: start;
  grid-template-columns: minmax(0, 1fr);
  grid-template-areas: "head" "title" "intro" "key" "steps" "help";
  grid-template-rows: auto auto auto auto auto 1fr;
}
.per-1 .slip { --pad: 20mm 22mm 18mm; --gap: 7mm; --code: 36pt; --qr: 50mm; --fs: 13.5pt; }
.per-1 .steps li { margin-top: 2mm; }
.per-1 .url { font-size: 1.15em; }
.per-2 .slip {
  --pad: 10mm 13mm 8mm; --gap: 2.4mm 6mm; --code: 22pt; --qr: 35mm; --fs: 10pt;
  grid-template-columns: minmax(0, 1fr) 68mm;
  grid-template-rows: auto auto auto 1fr auto;
  grid-template-areas: "head head" "title title" "intro key" "steps key" "help help";
}
.per-4 .slip { --pad: 7.5mm 8mm 6.5mm; --gap: 1.7mm; --code: 19pt; --qr: 29mm; --fs: 7.3pt; line-height: 1.28; }
.per-4 .key { padding: 2.2mm 3mm; gap: 3mm; }

/* Denser type for long school names, addresses or contacts (chosen in layout.ts). */
.slip.d1 { --k: 0.9; }
.slip.d2 { --k: 0.8; }
.slip.d3 { --k: 0.72; }

.head {
  grid-area: head; display: flex; justify-content: space-between; align-items: flex-end; gap: 4mm;
  padding-bottom: 1.6mm; border-bottom: 0.5mm solid #111827;
}
/* Last-resort clamps (school name 3 lines, student name 4) for absurdly long texts. */
.school, .to-name { overflow-wrap: anywhere; overflow: clip; display: -webkit-box; -webkit-box-orient: vertical; }
.school { -webkit-line-clamp: 3; flex: 1 1 0; min-width: 0; font-weight: 700; color: #374151; font-size: 0.95em; }
.to { flex: 1.4 1 0; min-width: 0; text-align: right; }
.to-name { -webkit-line-clamp: 4; }
.to-label { font-weight: 700; font-size: 1.25em; line-height: 1.2; }
.to-name { font-size: 1.08em; font-weight: 600; }
.to-guardian { font-size: 0.95em; overflow-wrap: anywhere; overflow: clip; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2; }

.title { grid-area: title; font-size: 1.45em; line-height: 1.2; font-weight: 700; }
.intro { grid-area: intro; }

.key {
  grid-area: key; display: flex; align-items: center; gap: 4mm;
  border: 0.4mm solid #111827; border-radius: 2.5mm; padding: 3mm 3.5mm; break-inside: avoid;
}
.per-2 .key { flex-direction: column; align-items: stretch; justify-content: center; text-align: center; padding: 3mm; gap: 2mm; }
.per-2 .key-text { flex: none; }
.per-2 .title { font-size: 1.4em; }
.key-text { flex: 1 1 auto; min-width: 0; }
.cap { font-size: 0.78em; text-transform: uppercase; letter-spacing: 0.06em; color: #4b5563; font-weight: 600; }
.code { font-size: var(--code); font-weight: 700; line-height: 1.15; white-space: nowrap; margin: 0.3mm 0 1.6mm; color: #000; }
.code-dates { font-size: 0.78em; line-height: 1.2; color: #374151; margin: -1mm 0 1.4mm; }
.code-dates.reissued { font-weight: 700; color: #111827; }
.nobr { white-space: nowrap; }
.url { font-weight: 600; overflow-wrap: anywhere; word-break: break-all; line-height: 1.25; }
.qr { flex: none; width: var(--qr); text-align: center; }
.per-2 .qr { align-self: center; margin-top: 1mm; }
/* visible: an <svg> clips by default, which is one more clip per slip; the code stays inside its viewBox. */
.qr-svg { overflow: visible; display: block; width: var(--qr); height: var(--qr); }
/* The caption is the figure's own text under the code. */
.qr-cap { font-size: 0.72em; line-height: 1.2; color: #4b5563; }
.qr-cap .qr-svg { margin-bottom: 0.6mm; }

.steps { grid-area: steps; list-style: decimal; }
.steps li { margin: 0.55mm 0 0 1.45em; padding-left: 0.2em; }
.steps li::marker { font-weight: 700; }
.steps li.cap { display: block; margin: 0 0 0.6mm; padding: 0; }

.help {
  grid-area: help; align-self: end; border-top: 0.25mm solid #9ca3af; padding-top: 1.4mm;
  font-size: 0.92em; color: #1f2937;
}
.contact { font-weight: 700; overflow-wrap: anywhere; }
.personal { color: #4b5563; font-style: italic; margin-top: 0.4mm; }

/* ---- a family sheet ---- */
.family { display: block; padding: 14mm 17mm 12mm; font-size: 10.5pt; }
.fam { display: flex; flex-direction: column; gap: 3.2mm; height: 100%; }
.fam .title { font-size: 1.6em; }
.fam .to-name { -webkit-line-clamp: 2; }
.fam .addr { display: flex; gap: 3mm; align-items: baseline; }
.fam .addr .url { font-size: 1.1em; }
.kids { display: grid; gap: 3mm; grid-template-columns: minmax(0, 1fr); }
.kids.cols-2 { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); gap: 2.5mm; }
.kid {
  display: flex; align-items: center; gap: 4mm; border: 0.4mm solid #111827; border-radius: 2.5mm;
  padding: 2.5mm 4mm; break-inside: avoid; --code: 26pt; --qr: 32mm;
}
.cols-2 .kid { --code: 16pt; --qr: 29mm; gap: 2.5mm; padding: 2mm 2.5mm; }
.kid-name {
  font-weight: 700; font-size: 1.12em; line-height: 1.2; overflow-wrap: anywhere;
  overflow: clip; display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3;
}
.kid-class { color: #374151; margin-bottom: 1.2mm; }
.fam .steps { margin-top: 0.5mm; }
.fam .help { margin-top: auto; align-self: stretch; }
.continued { color: #4b5563; font-weight: 600; }

/* ---- on screen (preview): sheets on a grey desk ---- */
@media screen {
  html { background: #e5e7eb; }
  body { background: transparent; padding: 8mm 0; }
  .sheet { margin: 0 auto 8mm; box-shadow: 0 1mm 4mm rgba(0, 0, 0, 0.25); }
}
`;
