// Invitations by email (#9): a family's parent codes to the parent's address, a class at once, through
// the school's SMTP server (settings; the password in the office key file) with nodemailer. The
// message carries what the slip carries; each code sent is marked `mailed_at` (beside printed; the
// state keeps its values) and each message is journaled.
import type { Core } from '../core.ts';
import type { Actor } from '../services/audit.ts';
import { OfficeSecrets } from '../secrets/key-file.ts';
import { sql, tx } from '../db/database.ts';
import { isoNow } from '../clock.ts';
import { AppError } from '../../../src-shared/result.ts';
import { registrationLink } from '../../../src-shared/codes/link.ts';
import { t } from '../../../src-shared/i18n/index.ts';
import type { CodeView } from '../../../src-shared/codes/views.ts';
import type { MailReadiness, MailReport } from '../../../src-shared/sync/views.ts';

export type MailScope = { classId: number } | { personId: number };

export type { MailReadiness, MailReport };

interface Parent {
  id: number;
  email: string | null;
}

/** The parents a scope names: a class's students' parents; a parent; a student's parents. */
function parentsOf(core: Core, scope: MailScope): Parent[] {
  const q =
    'classId' in scope
      ? `SELECT DISTINCT g.id, g.email FROM guardianships l JOIN people s ON s.id = l.student_id JOIN people g ON g.id = l.guardian_id
         WHERE s.class_id = @id AND s.archived_at IS NULL AND g.archived_at IS NULL ORDER BY g.surname, g.name, g.id`
      : `SELECT g.id, g.email FROM people g WHERE g.kind = 'guardian' AND g.archived_at IS NULL AND g.id = @id
         UNION SELECT g.id, g.email FROM guardianships l JOIN people g ON g.id = l.guardian_id WHERE l.student_id = @id AND g.archived_at IS NULL`;
  return sql(core.db, q).all({ id: 'classId' in scope ? scope.classId : scope.personId }) as Parent[];
}

function messageText(core: Core, codes: CodeView[]): { subject: string; text: string } {
  const m = t.deskAccounts.mail;
  const s = core.settings.get();
  const address = core.settings.registrationAddress();
  const lines = codes.map((c) =>
    m.child({
      child: c.studentName,
      className: c.className,
      code: c.code,
      link: registrationLink(address, c.code.replace(/-/g, '')),
      until: c.validUntil,
    }),
  );
  return {
    subject: m.subject(s.schoolName),
    text: m.text({ school: s.schoolName, children: lines, address, contact: s.curatorContact }),
  };
}

interface Family extends Parent {
  codes: CodeView[];
}

/** Each family the scope names with its codes to send: the parent's live codes for all their children, as on a family sheet. */
function families(core: Core, scope: MailScope): Family[] {
  return parentsOf(core, scope)
    .map((p) => ({
      ...p,
      codes: core.codes
        .list({ personId: p.id })
        .filter((c) => c.kind === 'parent' && c.guardianId === p.id && (c.state === 'active' || c.state === 'printed')),
    }))
    .filter((f) => f.codes.length > 0);
}

/** Why pressing «send» would send nothing now (no server, no codes, no address), or null: the button says so before it is pressed. */
export function mailReadiness(core: Core, scope: MailScope): MailReadiness {
  if (!core.settings.get().mailServer) return { blocked: 'not_configured' };
  const found = families(core, scope);
  if (!found.length) return { blocked: 'no_codes' };
  if (!found.some((f) => f.email)) return { blocked: 'no_email' };
  return { blocked: null };
}

export async function mailCodes(core: Core, actor: Actor, scope: MailScope): Promise<MailReport> {
  const server = core.settings.get().mailServer;
  if (!server) throw new AppError('mail.not_configured');
  const pass = new OfficeSecrets(core.dataDir).smtpPassword();
  // Loaded here, not with the module: nodemailer and the network modules it needs cost every start
  // of the core a tenth of a second, and only sending uses them.
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport({
    host: server.host,
    port: server.port,
    secure: server.secure,
    ...(server.user ? { auth: { user: server.user, pass: pass ?? '' } } : {}),
  });
  const report: MailReport = { sent: [], skipped: [] };
  try {
    for (const { codes, ...p } of families(core, scope)) {
      if (!p.email) {
        report.skipped.push({ personId: p.id, reason: 'no_email' });
        continue;
      }
      const { subject, text } = messageText(core, codes);
      try {
        await transport.sendMail({ from: server.from, to: p.email, subject, text });
      } catch (e) {
        throw new AppError('mail.failed', { detail: (e as Error).message.slice(0, 200) });
      }
      const at = isoNow(core.clock);
      tx(core.db, () => {
        const mark = sql(core.db, 'UPDATE invitation_codes SET mailed_at = ? WHERE id = ?');
        for (const c of codes) mark.run(at, c.id);
        core.audit.append(actor, {
          action: 'codes.mail',
          person: core.roster.personRef(p.id),
          details: { email: p.email, codes: codes.length },
        });
      });
      report.sent.push({ personId: p.id, email: p.email, codes: codes.map((c) => c.code) });
    }
  } finally {
    transport.close();
  }
  return report;
}
