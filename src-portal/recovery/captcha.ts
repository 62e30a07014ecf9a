// «Введите цифры с картинки»: five digits drawn on the server into a PNG (no script, no third party),
// stored as a keyed digest tied to one form, used once whether the answer was right or not, valid 20
// minutes. For those who cannot see the picture, a short sum in words instead («Сколько будет семь плюс
// двенадцать?»), stored and used up the same way. Why a picture and not a proof-of-work, and why the
// question does not weaken the forms: DEVELOPERS.md («Recovery»).
import { createHmac, randomInt, randomUUID, timingSafeEqual } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';
import type { Db } from '../db/connect.ts';
import type { Clock } from '../../src-node/clock.ts';
import { t } from '../../src-shared/i18n/index.ts';

export const CAPTCHA_DIGITS = 5;
const TTL_MS = 20 * 60_000;

export type CaptchaForm = 'recover_login' | 'recover_password' | 'recover_sms';

/** A picture of digits, or the same check as a question in words (for a screen reader). */
export type CaptchaKind = 'picture' | 'question';

export type CaptchaChallenge =
  | {
      id: string;
      /** `data:image/png;base64,…` (the CSP allows data: images, nothing else from outside). */
      image: string;
    }
  | { id: string; question: string };

export class Captchas {
  private readonly db: Db;
  private readonly clock: Clock;
  private readonly key: Buffer;
  /** False with `--no-captcha`: the forms show no picture and the check passes (rate limits stay). */
  readonly enabled: boolean;

  constructor(deps: { db: Db; clock: Clock; key: Buffer; enabled: boolean }) {
    this.db = deps.db;
    this.clock = deps.clock;
    this.key = deps.key;
    this.enabled = deps.enabled;
  }

  private digest(id: string, answer: string): string {
    return createHmac('sha256', this.key).update(`${id}:${answer}`).digest('hex');
  }

  /** A new picture (or question) for `form` (null when the check is off). */
  async issue(form: CaptchaForm, kind: CaptchaKind = 'picture'): Promise<CaptchaChallenge | null> {
    if (!this.enabled) return null;
    const id = randomUUID();
    const sum = kind === 'question' ? sumInWords() : null;
    const answer = sum ? sum.answer : Array.from({ length: CAPTCHA_DIGITS }, () => randomInt(10)).join('');
    const now = this.clock.now();
    await this.db
      .insertInto('captchas')
      .values({ id, form, answer_hash: this.digest(id, answer), created_at: now, expires_at: new Date(now.getTime() + TTL_MS) })
      .execute();
    if (sum) return { id, question: sum.question };
    return { id, image: `data:image/png;base64,${drawDigits(answer).toString('base64')}` };
  }

  /** Uses the picture up (right or wrong) and tells whether `typed` was its digits. Always true when off. */
  async check(form: CaptchaForm, id: string, typed: string): Promise<boolean> {
    if (!this.enabled) return true;
    if (!/^[0-9a-f-]{36}$/.test(id)) return false;
    const now = this.clock.now();
    const row = await this.db
      .updateTable('captchas')
      .set({ used_at: now })
      .where('id', '=', id)
      .where('form', '=', form)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .returning('answer_hash')
      .executeTakeFirst();
    if (!row) return false;
    const answer = typed.replace(/\D/g, '').slice(0, CAPTCHA_DIGITS);
    const a = Buffer.from(this.digest(id, answer));
    const b = Buffer.from(row.answer_hash);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  /** Drops pictures a day past their expiry (maintenance). */
  async prune(): Promise<void> {
    await this.db
      .deleteFrom('captchas')
      .where('expires_at', '<', new Date(this.clock.now().getTime() - 24 * 3_600_000))
      .execute();
  }
}

/**
 * «Сколько будет семь плюс двенадцать?»: numbers up to twenty in words, a sum or a difference that is
 * never negative; the answer is typed in digits (what any phone keypad gives).
 */
export function sumInWords(): { question: string; answer: string } {
  const plus = randomInt(2) === 0;
  const a = plus ? randomInt(1, 21) : randomInt(10, 21);
  const b = plus ? randomInt(1, 21) : randomInt(1, a);
  return { question: t.portal.recover.captcha.question(a, plus, b), answer: String(plus ? a + b : a - b) };
}

// 5×7 glyphs of the digits, one string per row. The zero is a plain oval: with the usual slash, bent
// and sheared it read as an 8 (a trial misread two pictures of four).
const GLYPHS = [
  ['01110', '10001', '10001', '10001', '10001', '10001', '01110'],
  ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  ['11110', '00001', '00001', '01110', '00001', '00001', '11110'],
  ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
];

const W = 200;
const H = 64;

/**
 * The digits as a grayscale PNG: each glyph scaled, shifted, sheared and bent by a wave of its own,
 * over speckles and crossed by a few lines — readable for a person, not a fixed template to match.
 */
export function drawDigits(digits: string): Buffer {
  const px = new Uint8Array(W * H).fill(250);
  const cell = W / (digits.length + 0.6);
  const glyphs = [...digits].map((d, i) => ({
    bits: GLYPHS[Number(d)]!,
    x: 0.3 * cell + i * cell + randomInt(-2, 3),
    y: 10 + randomInt(-4, 5),
    sx: 4.2 + randomInt(0, 9) / 10,
    sy: 6 + randomInt(0, 9) / 10,
    shear: randomInt(-15, 16) / 100,
    phase: randomInt(0, 628) / 100,
    ink: randomInt(10, 60),
  }));
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // Noise needs no cryptographic randomness (the digits do).
      if (Math.random() < 0.06) px[y * W + x] = 120 + Math.floor(Math.random() * 110);
      for (const g of glyphs) {
        const v = (y - g.y) / g.sy;
        const u = (x - g.x + g.shear * (y - g.y) + 0.6 * Math.sin(y / 6 + g.phase)) / g.sx;
        if (u < 0 || v < 0 || u >= 5 || v >= 7) continue;
        if (g.bits[Math.floor(v)]![Math.floor(u)] === '1') px[y * W + x] = g.ink + Math.floor(Math.random() * 30);
      }
    }
  }
  // Lighter than the digits, so that a line across a digit does not change what it looks like.
  for (let n = 0; n < 3; n++) line(px, randomInt(0, 60), randomInt(0, H), randomInt(140, W), randomInt(0, H), randomInt(130, 180));
  return png(px);
}

function line(px: Uint8Array, x0: number, y0: number, x1: number, y1: number, ink: number): void {
  const steps = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0));
  for (let i = 0; i <= steps; i++) {
    const x = Math.round(x0 + ((x1 - x0) * i) / steps);
    const y = Math.round(y0 + ((y1 - y0) * i) / steps);
    if (x >= 0 && x < W && y >= 0 && y < H) px[y * W + x] = ink;
  }
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit grayscale PNG of W×H pixels. */
function png(px: Uint8Array): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(W, 0);
  ihdr.writeUInt32BE(H, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  const raw = Buffer.alloc((W + 1) * H);
  for (let y = 0; y < H; y++) {
    raw[y * (W + 1)] = 0; // no filter
    Buffer.from(px.buffer, px.byteOffset + y * W, W).copy(raw, y * (W + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
