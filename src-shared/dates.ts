// Instants as the school reads them: `22.11.2026 14:05:09` in the local time of the computer that
// shows them (the office's). One formatter for the office's screens, the journal and its CSV, the
// command line, the desk's slips and the portal's log lines.
const pad = (n: number) => String(n).padStart(2, '0');

/** `22.11.2026 14:05:09`, or `22.11.2026 14:05` with `seconds: false`; text that is not an instant comes back as it is. */
export function localDateTime(iso: string, options: { seconds?: boolean } = {}): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}${options.seconds === false ? '' : `:${pad(d.getSeconds())}`}`;
  return `${pad(d.getDate())}.${pad(d.getMonth() + 1)}.${d.getFullYear()} ${time}`;
}
