// The Content-Security-Policy of the UI. The built index.html carries it as a <meta> tag (Electron
// loads a file), browser mode also sends it as a header. No inline script or style, no eval.

export const CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'none'",
  'script-src': "'self'",
  'style-src': "'self'",
  'img-src': "'self' data: blob:",
  'font-src': "'self' data:",
  'connect-src': "'self'",
  'frame-src': "'self'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'object-src': "'none'",
};

export const RENDERER_CSP = Object.entries(CSP_DIRECTIVES)
  .map(([k, v]) => `${k} ${v}`)
  .join('; ');

/** Header-only directives (ignored in <meta>). */
export const HTTP_CSP = `${RENDERER_CSP}; frame-ancestors 'none'`;

/**
 * A printout shown in the preview frame: inline styles and data: images only, no script at all
 * (sandboxed; same origin only so that the page can call print() on it), framed by our page only.
 */
export const PRINT_DOCUMENT_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox allow-same-origin allow-modals";
