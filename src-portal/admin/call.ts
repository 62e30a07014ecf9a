// The admin command's side of the server's admin channel (channel.ts): the key it proves itself with
// and the call. Apart from the channel so that a command reaching a running server loads no fastify.
import type { PortalSecrets } from '../secrets.ts';

export const adminKey = (secrets: PortalSecrets): string => secrets.derive('admin-channel').toString('hex');

export type AdminAnswer = { ok: true; value: unknown } | { ok: false; code: string; message: string };

export async function callAdminChannel(
  url: string,
  secrets: PortalSecrets,
  opName: string,
  args: Record<string, unknown>,
): Promise<AdminAnswer> {
  const res = await fetch(`${url}/admin/${opName.replaceAll(' ', '-')}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey(secrets)}`, 'content-type': 'application/json' },
    body: JSON.stringify(args),
  });
  return (await res.json()) as AdminAnswer;
}
