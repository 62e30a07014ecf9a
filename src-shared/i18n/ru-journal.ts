// The journal's check, bulk reads of personal data, backups and restore: every Russian text of them.
import { plural } from './plural.ts';
import type { AuditVerifyReason } from '../rpc/types.ts';

const records = (n: number) => `${n} ${plural(n, 'запись', 'записи', 'записей')}`;

export const ruJournal = {
  verify: {
    ok: (checked: number, legacy: number) =>
      `Журнал цел: проверено записей — ${checked}.${legacy ? ` Из них ${records(legacy)} сделаны до подписи журнала ключом и проверены как были записаны.` : ''}`,
    /** First sentence of a failed check: where; then what (`reasons`). */
    badFrom: (id: number) => `Журнал повреждён, начиная с записи № ${id}`,
    bad: 'Журнал повреждён',
    reasons: {
      hash: 'запись изменена после того, как была сделана (её подпись не совпадает с содержимым)',
      link: 'запись не ссылается на предыдущую (записи удалены или вставлены)',
      gap: 'пропущены номера записей (записи удалены)',
      forged: 'запись добавлена или заменена в обход программы: её подпись посчитана без ключа журнала (подделка)',
      rewritten: 'журнал переписан целиком: записи, отмеченные вне базы, заменены другими, подписанными без ключа журнала (подделка)',
      truncated: 'удалены последние записи: в журнале их меньше, чем было отмечено вне базы (файл kurator.anchor)',
      key: 'ключ журнала (файл kurator.key) не тот, которым подписаны записи: файл ключа заменён или утерян',
      anchor_missing: 'нет отметки последней записи (файл kurator.anchor удалён): нельзя проверить, не удалены ли последние записи',
      anchor_invalid: 'отметка последней записи (файл kurator.anchor) изменена вручную: её подпись не сходится',
    } satisfies Record<AuditVerifyReason, string>,
    anchored: (id: number) => `Вне базы отмечена запись № ${id}.`,
    /** The reason as one word or two, in the details of an «audit.verify» row. */
    short: {
      hash: 'запись изменена',
      link: 'нарушена связь записей',
      gap: 'пропуск записей',
      forged: 'подделка',
      rewritten: 'журнал переписан',
      truncated: 'удалены последние записи',
      key: 'другой ключ',
      anchor_missing: 'нет отметки',
      anchor_invalid: 'отметка изменена',
    } satisfies Record<AuditVerifyReason, string>,
  },
  /** Bulk reads of personal data, as journaled (compact: who, what, how many people). */
  reads: {
    hide: 'Скрыть просмотры',
    hideHint: 'Не показывать просмотры карточек, классов, кодов и результатов поиска — только действия',
  },
  actions: {
    'audit.keyed': 'Журнал подписывается ключом',
    'audit.restored': 'Восстановление из резервной копии',
    'audit.restore_started': 'Начато восстановление из копии',
    'roster.class_view': 'Просмотр класса',
    'codes.view': 'Просмотр кодов',
    'roster.search_summary': 'Поиск людей (сводка)',
    'backup.auto': 'Ежедневная резервная копия',
    'backup.prune': 'Удаление старых копий',
    'backup.export': 'Копия сохранена',
    'backup.download': 'Копия скачана',
    'backup.restore_checked': 'Проверка копии перед восстановлением',
  } as Record<string, string>,
  /** Labels of the details these actions write (src-shared/audit/details.ts). */
  detailLabels: {
    legacyRows: 'записей до подписи ключом',
    keyId: 'ключ',
    ok: 'цел',
    checked: 'проверено',
    badId: 'с записи №',
    legacy: 'записей до подписи ключом',
    anchorId: 'отмечена запись №',
    people: 'людей',
    searches: 'поисков',
    since: 'с',
    largest: 'больше всего за раз',
    classId: '№ класса',
    from: 'из копии',
    backupRows: 'записей журнала в копии',
    replacedRows: 'записей журнала до восстановления',
    savedAs: 'копия текущих данных',
    upgradedFrom: 'версия базы копии',
    folder: 'папка',
    keepDays: 'хранить дней',
    removed: 'удалено',
    auto: 'автоматически',
    label: 'вид',
  } as Record<string, string>,
} as const;
