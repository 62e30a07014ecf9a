/**
 * Whether a URL's hostname is this machine: plain http is allowed only there (sync, registration
 * addresses of test set-ups); everywhere else codes and secrets travel over https.
 */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}
