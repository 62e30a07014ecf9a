// The registration address with the code filled in: what the QR code on a slip opens.

/** Name of the query parameter the e-journal's registration page reads the code from. */
export const CODE_QUERY_PARAM = 'code';

/** The school's registration address parsed, or null unless it is an absolute http(s) URL. */
export function parseRegistrationUrl(registrationUrl: string): URL | null {
  let url: URL;
  try {
    url = new URL(registrationUrl.trim());
  } catch {
    return null;
  }
  return url.protocol === 'https:' || url.protocol === 'http:' ? url : null;
}

/**
 * `registrationUrl` with `code=<clean code>` set in its query: other parameters and the fragment
 * are kept, an existing `code` parameter is replaced. Throws if the address is not http(s).
 */
export function registrationLink(registrationUrl: string, cleanCode: string): string {
  const url = parseRegistrationUrl(registrationUrl);
  if (!url) throw new Error('registrationLink: registrationUrl must be an absolute http(s) URL');
  if (url.searchParams.has(CODE_QUERY_PARAM)) {
    url.searchParams.set(CODE_QUERY_PARAM, cleanCode);
  } else {
    // Append rather than re-serialize: the school's own parameters stay byte for byte as typed.
    const pair = `${CODE_QUERY_PARAM}=${encodeURIComponent(cleanCode)}`;
    url.search = url.search.length > 1 ? `${url.search}&${pair}` : pair;
  }
  return url.href;
}
