// Who may do what. One place, used by the dispatcher (enforcement) and the UI (what to show).

export const ROLES = ['curator', 'deputy'] as const;
export type Role = (typeof ROLES)[number];

/**
 * - `public`: anyone, signed in or not (status, first-run setup, sign-in);
 * - `session`: a signed-in session, even while locked (sign out, unlock);
 * - `operator`: a signed-in, unlocked operator of any role (all desk work);
 * - `curator`: a curator only (operators and school settings).
 */
export type Access = 'public' | 'session' | 'operator' | 'curator';

export function roleMay(role: Role, access: Access): boolean {
  if (access === 'curator') return role === 'curator';
  return true;
}
