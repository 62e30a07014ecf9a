// Texts of the «data that stays right» work: dates typed into forms, people coming back from the
// archive on a re-import, family sheets with missing codes, saving a PDF, reissuing codes.
import { plural } from './plural.ts';

const MONTHS_GENITIVE = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
] as const;

const quote = (s: string) => `«${s}»`;

/** When a change made at the desk reaches the portal: the app sends it at once when the portal answers. */
export const PORTAL_SOON = 'после синхронизации — обычно через несколько секунд, если есть связь с порталом';
export const ruData = {
  /** A date typed into a form field. */
  dates: {
    placeholder: 'ДД.ММ.ГГГГ',
    /** `2013-08-10` → `10 августа 2013 г.`: the month in words, so a day/month mix-up is seen at once. */
    long: (iso: string) => {
      const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
      return `${d} ${MONTHS_GENITIVE[m - 1] ?? ''} ${y} г.`;
    },
    understood: (long: string) => `Понято как: ${long}`,
    format: (field: string, text: string) =>
      `${field}: ${quote(text)} — не дата. Пишите ДД.ММ.ГГГГ (05.03.2014), Д.М.ГГГГ (5.3.2014), ГГГГ-ММ-ДД или 8 цифр подряд (05032014).`,
    impossible: (field: string, text: string) =>
      `${field}: даты ${quote(text)} не бывает (день — первым, месяц — вторым: от 1 до 12). Проверьте число.`,
    required: (field: string) => `${field}: укажите дату.`,
    /** Field names in the journal's filter, as the messages name them. */
    auditFrom: 'Начало периода',
    auditTo: 'Конец периода',
  },
  /** People in an imported file who are in the archive. */
  reimport: {
    title: (n: number) => `В файле есть ${n} ${plural(n, 'человек', 'человека', 'человек')} из архива`,
    intro:
      'Эти люди были переведены в архив, а в файле они снова есть. Верните их, если они действительно вернулись в школу; иначе оставьте в архиве — их строки не изменят ничего.',
    restore: 'Вернуть из архива',
    keep: 'Оставить в архиве',
    csvKind: 'Из архива',
    willReturn: 'вернётся',
    returned: 'возвращён(а)',
    staysArchived: 'останется в архиве',
    keptArchived: 'оставлен(а) в архиве',
    codesNote: 'Отозванные при переводе в архив коды не восстанавливаются: вернувшимся выдайте новые.',
    since: (date: string) => `в архиве с ${date}`,
    cliTitle: (n: number, restore: boolean) =>
      restore
        ? `Возвращаются из архива (--restore-archived): ${n}`
        : `В архиве и остаются там: ${n} (чтобы вернуть их, повторите с --restore-archived)`,
    kind: { student: 'ученик', guardian: 'родитель', staff: 'сотрудник' } as Record<string, string>,
  },
  /** Family sheets whose parents have children without a code for them. */
  familyGaps: {
    title: (n: number) =>
      `${n} ${plural(n, 'ребёнок не попадёт', 'ребёнка не попадут', 'детей не попадут')} в семейные листы: у родителя нет кода для них`,
    line: (guardian: string, child: string, className: string) => `${guardian} — ${child} (${className})`,
    more: (n: number) => `…и ещё ${n}`,
    issue: (n: number) => `Выдать недостающие коды (${n})`,
    issued: (n: number) => `Выдано кодов: ${n}`,
    confirm: (n: number) =>
      `${n} ${plural(n, 'ребёнок не попадёт', 'ребёнка не попадут', 'детей не попадут')} в семейные листы: у родителя нет кода для них. Печатать всё равно?`,
    printAnyway: 'Печатать без них',
    cliWarning: (n: number) =>
      `Внимание: ${n} ${plural(n, 'ребёнок не попадёт', 'ребёнка не попадут', 'детей не попадут')} в семейные листы — у родителя нет кода для них:`,
    cliIssued: (n: number) => `Выданы недостающие коды: ${n}.`,
  },
  /** Saving a printout as PDF. */
  pdf: {
    didItPrint: 'PDF сохранён. Листки из него уже напечатаны? Отметьте коды напечатанными, только когда бумага у вас в руках.',
    markPrinted: 'Да, отметить напечатанными',
    notYet: 'Нет, ещё не печатал(а)',
    marked: (n: number) => `Отмечено напечатанными: ${n} ${plural(n, 'код', 'кода', 'кодов')}`,
  },
  /** The search box when nothing matched as typed and a forgiving reading did. */
  search: {
    forgiving: 'Точно так никого нет — показаны похожие: с опечаткой в букву или в другом падеже.',
  },
  /** Reissuing codes at the desk. */
  reissue: {
    confirmOne: (code: string, forWhom: string) =>
      `Код ${code} (${forWhom}) будет заменён новым и перестанет действовать: напечатанный листок с ним станет бесполезен. Укажите причину:`,
    guardianAll: 'Перевыпустить все коды родителя',
    confirmAll: (codes: readonly string[]) =>
      `Все коды этого родителя (${codes.join(', ')}) будут заменены новыми и перестанут действовать. Укажите причину:`,
    reissuedAll: (n: number, portalLater = false) =>
      `Новых кодов: ${n}. ${portalLater ? `Старые отозваны; на портале они перестанут действовать ${PORTAL_SOON}.` : 'Старые больше не действуют.'}`,
    onlyNew: (n: number) =>
      n === 1 ? 'Только новый код (перевыпущенный только что)' : `Только новые коды (перевыпущенные только что: ${n})`,
  },
};
