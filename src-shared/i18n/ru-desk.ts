// Roster upkeep at the desk (a new student, parents' links, class teachers, the end of the school
// year), the operator password reset at the office PC, and the journal in words.
import { plural } from './plural.ts';

const students = (n: number) => `${n} ${plural(n, 'ученик', 'ученика', 'учеников')}`;
const parents = (n: number) => `${n} ${plural(n, 'родитель', 'родителя', 'родителей')}`;
const codes = (n: number) => `${n} ${plural(n, 'код', 'кода', 'кодов')}`;

export const ruDesk = {
  codeReasons: {
    unlinked: 'родитель отвязан от ученика',
  },
  addStudent: {
    button: 'Добавить ученика',
    title: (className: string) => `Новый ученик в ${className}`,
    intro: 'Ученик, пришедший в середине года. Проверки те же, что при загрузке списков: ФИО, дата рождения, повторы.',
    save: 'Добавить',
    added: (name: string) => `${name} добавлен(а) в класс`,
    sexUnknown: 'не указан',
    datePlaceholder: 'ДД.ММ.ГГГГ',
    understood: (date: string) => `Прочитано как ${date}`,
  },
  links: {
    unlink: 'Отвязать',
    unlinkTitle: 'Отвязать родителя от ученика?',
    unlinkConfirm: (guardian: string, student: string) =>
      `Родитель: ${guardian}. Ученик: ${student}. Коды приглашения этого родителя для этого ученика перестанут действовать; ` +
      'сам родитель останется в базе.',
    unlinked: (revoked: number) => (revoked ? `Родитель отвязан, отозвано: ${codes(revoked)}` : 'Родитель отвязан'),
    relationLabel: (guardian: string) => `Кем приходится: ${guardian}`,
    relationSaved: 'Сохранено',
  },
  teacher: {
    label: 'Классный руководитель',
    change: 'Назначить',
    title: (className: string) => `Классный руководитель ${className}`,
    fromStaff: 'Из сотрудников',
    newOne: 'Новый учитель',
    nobody: 'Без классного руководителя',
    choose: 'Выберите учителя',
    chooseOrNew: 'Выберите учителя из списка или впишите нового',
    teaches: (classes: string[]) => `уже ведёт ${classes.join(', ')}`,
    save: 'Сохранить',
    saved: 'Классный руководитель назначен',
  },
  yearEnd: {
    button: 'Перевод на следующий год',
    title: 'Перевод на следующий учебный год',
    intro:
      'Все классы переходят на год выше вместе с классными руководителями; 11-е классы выпускаются: ученики и родители, ' +
      'у которых нет других детей в школе, уходят в архив, их коды приглашений отзываются. Перед переводом делается резервная копия.',
    from: 'Класс',
    to: 'Станет',
    students: 'Учеников',
    teacher: 'Классный руководитель',
    graduates: 'Выпуск',
    leavingTitle: (n: number) => `Уходят в архив: ${students(n)}`,
    summary: (leaving: number, guardians: number, revoked: number) =>
      `В архив: ${students(leaving)} и ${parents(guardians)}; будет отозвано: ${codes(revoked)}.`,
    nothing: 'Классов нет: переводить некого.',
    last: (date: string) => `Предыдущий перевод: ${date}.`,
    blocked: (date: string) => `Перевод уже сделан ${date}: повторить его можно только через полгода.`,
    confirm: 'Перевести',
    confirmTitle: 'Перевести все классы?',
    confirmText: (leaving: number) =>
      `Это нельзя отменить кнопкой (только восстановлением из резервной копии). В архив уйдут ${students(leaving)}. Продолжить?`,
    done: (backup: string) => `Перевод выполнен. Резервная копия до перевода: ${backup}`,
    result: (moved: number, leaving: number, guardians: number, revoked: number) =>
      `Переведено: ${students(moved)}. В архив ушли: ${students(leaving)} и ${parents(guardians)}; отозвано: ${codes(revoked)}.`,
    /** The command line: `year end`. */
    cli: {
      usage: '[--dry-run] [--yes]',
      summary: 'перевод на следующий учебный год: классы на год выше, 11-е — в архив (только куратор; --dry-run: только показать)',
      title: 'Перевод на следующий учебный год:',
      move: (from: string, to: string, n: number, teacher: string | null) =>
        `  ${from.padEnd(4)} → ${to.padEnd(4)} ${students(n)}${teacher ? `, кл. рук. ${teacher}` : ''}`,
      graduate: (cls: string, n: number) => `  ${cls.padEnd(4)} → выпуск, ${students(n)} в архив`,
      dryRun: 'Ничего не изменено (--dry-run).',
      ask: 'Перевести все классы? Введите «да»: ',
      needYes: 'Подтвердите перевод: добавьте --yes (нет терминала для вопроса).',
      cancelled: 'Отменено: ничего не изменено.',
      done: (backup: string) => `Перевод выполнен. Резервная копия до перевода: ${backup}`,
      curatorOnly: 'Перевод на следующий год делает только куратор.',
    },
  },
  /** `operator reset-password` at the office PC. */
  resetPassword: {
    usage: '--login ЛОГИН',
    summary:
      'новый пароль оператору без входа (если единственный куратор забыл пароль): на компьютере с папкой данных; пароль — KURATOR_NEW_PASSWORD или ввод',
    prompt: (login: string) => `Новый пароль для ${login}: `,
    repeat: 'Ещё раз: ',
    needPassword: 'Укажите новый пароль в переменной KURATOR_NEW_PASSWORD (нет терминала для ввода).',
    done: (login: string) => `Пароль оператора ${login} изменён. Его входы на других компьютерах завершены.`,
    inactive: (login: string) => `Внимание: учётная запись ${login} отключена — войти с ней нельзя, пока куратор её не включит.`,
  },
  /** Closing a dialog with something typed in it and not saved (Escape, «Отмена», a click beside it). */
  discard: {
    title: 'Закрыть, не сохраняя?',
    text: 'То, что вы ввели в форму, не сохранится.',
    close: 'Закрыть',
    stay: 'Вернуться к форме',
  },
  /** Leaving «Настройки школы» with changes not saved. */
  settingsLeave: {
    title: 'Настройки не сохранены',
    text: 'Вы изменили настройки школы, но не сохранили их. Уйти без сохранения?',
    leave: 'Уйти без сохранения',
    stay: 'Остаться',
  },
  audit: {
    /** Header of the time column of the exported CSV, with the zone the times are in. */
    csvTime: (zone: string) => `Время (${zone})`,
  },
  auditActions: {
    'guardian.unlink': 'Родитель отвязан от ученика',
    'guardian.relation': 'Изменено, кем приходится родитель',
    'class.teacher': 'Назначен классный руководитель',
    'roster.year_end': 'Перевод на следующий учебный год',
    'roster.year_end_dry_run': 'Проверка перевода на следующий год',
    'operator.password_reset_local': 'Сброс пароля на компьютере школы (без входа)',
  } as Record<string, string>,
  auditLabels: {
    archived: 'в архиве',
    birthDate: 'дата рождения',
    backup: 'резервная копия',
    moved: 'переведено учеников',
    graduated: 'выпущено',
    guardiansArchived: 'родителей в архив',
    osUser: 'пользователь компьютера',
    host: 'компьютер',
  } as Record<string, string>,
  auditFields: {
    relation: 'кем приходится',
    teacher: 'классный руководитель',
  } as Record<string, string>,
  auditReasons: {
    graduated: 'выпуск (конец учебного года)',
    children_graduated: 'все дети выпустились',
  } as Record<string, string>,
  /** The journal's filter, in words (the `filter` of «Выгрузка журнала»). */
  auditFilter: {
    operator: 'оператор',
    action: 'действие',
    from: 'с',
    to: 'по',
    person: 'кого касается',
    hideReads: 'без просмотров (карточки, классы, коды, поиск)',
    all: 'все записи',
    allClasses: 'все классы',
  },
};
