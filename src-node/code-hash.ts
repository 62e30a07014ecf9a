// Invitation codes leave the office only as keyed hashes: the portal stores and compares
// HMAC-SHA256(school's code key, clean code), so its database alone cannot be searched for codes
// (45 random bits would fall to an unkeyed hash in hours). The key is the portal's, derived per school
// and handed to the office when it pairs.
import { createHmac } from 'node:crypto';

export const codeDigest = (key: Buffer, cleanCode: string): string => createHmac('sha256', key).update(cleanCode, 'utf8').digest('hex');

/** A desk reset slip's short code, under the same key but apart from invitation codes (another label). */
export const resetCodeDigest = (key: Buffer, cleanCode: string): string => codeDigest(key, `reset:${cleanCode}`);
