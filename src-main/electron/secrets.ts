// Secrets (mail server password, portal token …) are kept only as safeStorage ciphertext, never as
// plain text in a file. The cipher and the store are injected, so Node tests can check the contract.
import { t } from '../../src-shared/i18n/index.ts';

export interface Cipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export interface KeyValue {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
  delete(key: string): void;
}

export class SecretStore {
  private readonly cipher: Cipher;
  private readonly store: KeyValue;

  constructor(cipher: Cipher, store: KeyValue) {
    this.cipher = cipher;
    this.store = store;
  }

  private key(name: string): string {
    return `secrets.${name}`;
  }

  set(name: string, value: string): void {
    if (!this.cipher.isEncryptionAvailable()) {
      throw new Error(t.desktop.noEncryption);
    }
    this.store.set(this.key(name), this.cipher.encryptString(value).toString('base64'));
  }

  get(name: string): string | null {
    const stored = this.store.get(this.key(name));
    if (typeof stored !== 'string' || !this.cipher.isEncryptionAvailable()) return null;
    return this.cipher.decryptString(Buffer.from(stored, 'base64'));
  }

  delete(name: string): void {
    this.store.delete(this.key(name));
  }
}
