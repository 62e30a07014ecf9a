// The portal's one secret: from PORTAL_SECRET (every process of a deployment must share it) or the key
// file in the data folder, made on first start. Keys for separate purposes are derived from it, so a
// leak of one (say, a code hash key handed to an office) does not give away the others.
import path from 'node:path';
import { createHmac } from 'node:crypto';
import { newSecret, updateKeyFile } from '../src-node/keyfile.ts';

export interface PortalSecrets {
  /** HMAC-SHA256(server secret, purpose). */
  derive(purpose: string): Buffer;
}

export const keyFilePath = (dataDir: string): string => path.join(dataDir, 'portal.key');

const MIN_SECRET_BYTES = 32;

export function loadSecrets(dataDir: string, env: NodeJS.ProcessEnv): PortalSecrets {
  const fromEnv = env.PORTAL_SECRET?.trim();
  let secret: Buffer;
  if (fromEnv) {
    secret = /^[0-9a-f]+$/i.test(fromEnv) && fromEnv.length % 2 === 0 ? Buffer.from(fromEnv, 'hex') : Buffer.from(fromEnv, 'base64url');
    if (secret.length < MIN_SECRET_BYTES) {
      throw new Error(`PORTAL_SECRET is too short: ${secret.length} bytes, at least ${MIN_SECRET_BYTES} are needed (64 hex digits).`);
    }
  } else {
    const file = updateKeyFile(keyFilePath(dataDir), (c) => (typeof c.serverSecret === 'string' ? c : { ...c, serverSecret: newSecret() }));
    secret = Buffer.from(file.serverSecret as string, 'base64url');
  }
  // A key is derived once per purpose (pages ask for the same few on every request); each caller gets its own copy.
  const derived = new Map<string, Buffer>();
  return {
    derive: (purpose) => {
      let key = derived.get(purpose);
      if (!key) derived.set(purpose, (key = createHmac('sha256', secret).update(purpose, 'utf8').digest()));
      return Buffer.from(key);
    },
  };
}
