import type { Db } from '../db/database.ts';
import { tx } from '../db/database.ts';
import * as dal from '../dal/settings.ts';
import {
  BACKUP_KEEP_DAYS_DEFAULT,
  IDLE_LOCK_DEFAULT_MINUTES,
  RESET_SLIP_HOURS_DEFAULT,
  SchoolSettings,
} from '../../../src-shared/schemas/settings.ts';
import { AppError } from '../../../src-shared/result.ts';
import type { Actor, AuditLog } from './audit.ts';
import { localDate, type Clock } from '../clock.ts';
import { sameAddress } from '../../../src-shared/sync/address.ts';

// Settings that came after the first version: a school set up before has none stored.
const DEFAULTS = {
  deputyContact: '',
  supportHours: '',
  idleLockMinutes: IDLE_LOCK_DEFAULT_MINUTES,
  codesValidUntil: null,
  backupKeepDays: BACKUP_KEEP_DAYS_DEFAULT,
  resetSlipHours: RESET_SLIP_HOURS_DEFAULT,
  mailServer: null,
};

/** School settings: stored in the database so they travel with backups. Cached; this process writes them. */
export class Settings {
  private readonly db: Db;
  private readonly audit: AuditLog;
  private readonly clock: Clock;
  private cache: SchoolSettings | null | undefined;
  /** `PRAGMA data_version` when the cache was filled: it changes when another process writes. */
  private cacheVersion = -1;
  /** The registration address the paired portal serves for the school (the pairing's), or null unpaired. */
  private readonly portalAddress: () => string | null;

  constructor(db: Db, audit: AuditLog, clock: Clock, portalAddress: () => string | null = () => null) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
    this.portalAddress = portalAddress;
  }

  /** Null before first-run setup. */
  read(): SchoolSettings | null {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    if (this.cache === undefined || version !== this.cacheVersion) {
      this.cacheVersion = version;
      const stored = { ...DEFAULTS, ...dal.readSettings(this.db) };
      const parsed = SchoolSettings.safeParse(stored);
      this.cache = parsed.success ? parsed.data : null;
    }
    return this.cache;
  }

  get(): SchoolSettings {
    const s = this.read();
    if (!s) throw new AppError('setup.required');
    return s;
  }

  /**
   * The address slips, letters and reset slips carry: the portal's while paired — the one registration
   * answers at — even should the stored one differ (a copy made with another address, restored).
   */
  registrationAddress(): string {
    return this.portalAddress() ?? this.get().registrationUrl;
  }

  idleLockMinutes(): number {
    return this.read()?.idleLockMinutes ?? IDLE_LOCK_DEFAULT_MINUTES;
  }

  /** Writes values (inside the caller's transaction); used by setup and updates. */
  write(values: Partial<SchoolSettings>): void {
    dal.writeSettings(this.db, values);
    this.cache = undefined;
  }

  update(actor: Actor, patch: Partial<SchoolSettings>): SchoolSettings {
    const before = this.get();
    const next = SchoolSettings.parse({ ...before, ...patch });
    // A validity date that has passed would make every code issued from now on dead on arrival.
    const until = next.codesValidUntil;
    if (until !== null && until !== before.codesValidUntil && until < localDate(this.clock.now())) {
      throw new AppError('settings.validity_past', { date: until }, { field: 'codesValidUntil' });
    }
    // While paired, slips with any other address would lead to a page the portal does not serve.
    const portal = next.registrationUrl !== before.registrationUrl ? this.portalAddress() : null;
    if (portal !== null && !sameAddress(next.registrationUrl, portal)) {
      throw new AppError('settings.address_not_portal', { portal }, { field: 'registrationUrl' });
    }
    const changed = Object.fromEntries(Object.entries(next).filter(([k, v]) => before[k as keyof SchoolSettings] !== v));
    if (Object.keys(changed).length > 0) {
      tx(this.db, () => {
        this.write(next);
        this.audit.append(actor, { action: 'settings.update', details: { changed } });
      });
    }
    return this.get();
  }
}
