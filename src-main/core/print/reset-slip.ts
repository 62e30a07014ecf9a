// A desk reset slip (#9) as one self-contained HTML document, like the invitations: inline style, an
// inline SVG QR of the reset link, no scripts. One slip on the top half of an A4 page (fold or cut).
import { html, trusted } from '../../../src-node/html.ts';
import { ruDeskAccounts } from '../../../src-shared/i18n/ru-desk-accounts.ts';
import { PRINT_CSP } from './layout.ts';
import { qrSvg } from './qr.ts';
import { PRINT_CSS } from './styles.ts';

const s = ruDeskAccounts.slip;

export interface ResetSlipInput {
  schoolName: string;
  curatorContact: string;
  personName: string;
  login: string;
  link: string;
  page: string;
  code: string;
  /** Delivered: when the slip stops working; else null (valid from the next sync, at most `notAfter`). */
  expiresAt: string | null;
  notAfter: string;
}

const CSS = `
.reset { padding: 12mm 14mm; display: grid; grid-template-columns: 1fr 42mm; gap: 3mm 8mm; align-content: start; font-size: 10.5pt; }
.reset h1 { grid-column: 1 / -1; font-size: 14pt; }
.reset .school { grid-column: 1 / -1; font-weight: 600; }
.reset dl { display: grid; grid-template-columns: auto 1fr; gap: 1.5mm 4mm; }
.reset dt { color: #4b5563; }
.reset dd { font-weight: 600; }
.reset .big { font-size: 18pt; letter-spacing: 0.05em; }
.reset .qr-box svg { width: 42mm; height: 42mm; }
.reset .wide { grid-column: 1 / -1; }
.reset ol { padding-left: 5mm; }
.reset .url { word-break: break-all; }
.reset .warn { border: 0.3mm solid #9ca3af; padding: 2mm 3mm; }
`;

export async function resetSlipHtml(input: ResetSlipInput): Promise<string> {
  const qr = await qrSvg(input.link);
  const validity = input.expiresAt ? s.validUntil(input.expiresAt) : s.validAfterSync(input.notAfter);
  const help = input.curatorContact.trim() ? html`<p class="wide">${s.help(input.curatorContact)}</p>` : html``;
  return html`<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${PRINT_CSP}">
<meta name="referrer" content="no-referrer">
<title>${s.documentTitle}</title>
<style>${trusted(PRINT_CSS)}${trusted(CSS)}</style>
</head>
<body>
<section class="sheet per-2">
<article class="reset" data-slip="reset">
  <p class="school">${input.schoolName}</p>
  <h1>${s.title}</h1>
  <div>
    <dl>
      <dt>${s.person}</dt><dd>${input.personName}</dd>
      <dt>${s.login}</dt><dd class="mono big">${input.login}</dd>
    </dl>
    <p>${s.scan}</p>
    <p class="mono url">${input.page}</p>
    <p>${s.orCode}</p>
    <p><span>${s.code}: </span><span class="mono big" data-code>${input.code}</span></p>
  </div>
  <div class="qr-box">${trusted(qr)}</div>
  <ol class="wide">${s.steps.map((step) => html`<li>${step}</li>`)}</ol>
  <p class="wide warn">${validity}</p>
  <p class="wide">${s.keep}</p>
  ${help}
</article>
<div class="cut cut-h"></div>
</section>
</body>
</html>
`.value;
}
