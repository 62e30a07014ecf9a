// Display helpers of the roster. Matching keys and name joining live in normalize.ts.
export { joinFullName as fullName, nameKey } from './normalize.ts';

/** `6А` from grade and letter. */
export const className = (grade: number, letter: string): string => `${grade}${letter}`;

/** `2012-03-05` → `05.03.2012`. */
export function displayDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** `+79021702876` → `+7 902 170-28-76` for reading aloud; anything else as it is. */
export function displayPhone(phone: string | null | undefined): string {
  if (!phone) return '';
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(phone);
  return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : phone;
}
