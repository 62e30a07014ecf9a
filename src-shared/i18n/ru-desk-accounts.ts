// The walk-in desk's portal accounts (#9): the card's «Учётная запись» block and its verdict, desk
// requests (reset slip, contacts, lock, sign out everywhere) with their outcomes, the reset slip, the
// portal's reset page, the command line.
import type { Verdict } from '../accounts/verdict.ts';
import type { DeskAction, DeskRefusal } from '../sync/protocol.ts';
import { localDateTime } from '../dates.ts';
import { ruDesk } from './ru-desk.ts';

type WaitingCounts = { total: number; printed: number; unprinted: number; notIssued: number };

const dt = (iso: string) => localDateTime(iso, { seconds: false });

export const ruDeskAccounts = {
  card: {
    kind: 'Вид',
    kinds: { student: 'ученик', parent: 'родитель' } as Record<'student' | 'parent', string>,
    state: 'Состояние',
    active: 'действует',
    locked: 'заблокирована',
    children: 'Дети',
    rosterContact: (value: string) => `в списках: ${value}`,
    verdict: 'Восстановление',
    requests: 'Запросы к порталу',
    noRequests: 'Запросов не было.',
  },
  search: {
    byLogin: (login: string) => `Учётная запись портала с логином «${login}»:`,
  },
  /** A masked contact as a screen reader should say it: «+7 902 (скрыто) 76», not bullet by bullet. */
  spoken: (masked: string) =>
    masked
      .replace(/[•*][•*\s-]*/g, ' (скрыто) ')
      .replace(/\s+/g, ' ')
      .trim(),
  /** `spoken`: the masks in words (`spoken` above), for the line a screen reader reads instead. */
  verdict(v: Verdict, options: { spoken?: boolean } = {}): string {
    if (!v.alone) {
      return v.why === 'locked'
        ? 'Сам восстановить доступ не сможет: учётная запись заблокирована — сначала разблокируйте её.'
        : 'Сам восстановить доступ не сможет: нет подтверждённой почты и телефона — нужен сброс здесь.';
    }
    const say = (masked: string) => (options.spoken ? ruDeskAccounts.spoken(masked) : masked);
    const ways = v.ways.map((w) => (w.channel === 'email' ? `по почте ${say(w.masked)}` : `по телефону ${say(w.masked)}`));
    return `Может восстановить доступ сам: ${ways.join(' или ')}.`;
  },
  actions: {
    reset: 'Сбросить доступ (бланк)',
    contacts: 'Исправить контакты',
    lock: 'Заблокировать',
    unlock: 'Разблокировать',
    signOutAll: 'Выйти на всех устройствах',
  },
  actionNames: {
    reset: 'сброс доступа',
    contacts: 'исправление контактов',
    lock: 'блокировка',
    unlock: 'разблокировка',
    sign_out_all: 'выход на всех устройствах',
  } as Record<DeskAction, string>,
  dialog: {
    reason: 'Причина',
    /** An example reason that fits the action (one example for all read «забыл пароль» on a lock). */
    reasonHint: {
      reset: 'Например: «забыл пароль, пришёл с паспортом»',
      contacts: 'Например: «сменила номер телефона»',
      lock: 'Например: «телефон с входом в журнал украден»',
      unlock: 'Например: «телефон нашёлся, пришла с паспортом»',
      sign_out_all: 'Например: «вошёл в журнал на чужом компьютере»',
    } as Record<DeskAction, string>,
    /** What the action does, said before it is sent. */
    explain: {
      reset: '',
      contacts: 'Новый адрес или телефон заработает для восстановления, только когда владелец его подтвердит.',
      lock: 'Блокировка завершит все входы в эту учётную запись: войти и сбросить пароль по бланку будет нельзя, пока её не разблокируют.',
      unlock: 'Вход снова станет возможен с прежним паролем.',
      sign_out_all: 'Все устройства, где выполнен вход, выйдут из учётной записи. Пароль не меняется.',
    } as Record<DeskAction, string>,
    documentChecked: 'Документ проверен',
    documentHint: 'Личность подтверждена документом (паспорт, свидетельство о рождении).',
    email: 'Новая почта',
    phone: 'Новый телефон',
    send: 'Отправить на портал',
    print: 'Напечатать бланк',
    sent: 'Запрос записан. Он уйдёт на портал при ближайшей синхронизации.',
    /** Escape, «Закрыть» or a click beside a form with something typed in it: asked first (it was dropped). */
    discard: { ...ruDesk.discard, text: 'То, что вы ввели в форму (причина, контакты), не сохранится, и на портал ничего не уйдёт.' },
    /** A reset while an earlier slip still works: the new one replaces it. */
    replaces: (printedAt: string) =>
      `Бланк от ${dt(printedAt)} ещё действует. Новый бланк заменит его — прежний перестанет работать. Отдайте человеку только новый.`,
  },
  states: {
    waiting: 'ждёт портала',
    done: 'выполнен',
    refused: 'отклонён',
  } as Record<'waiting' | 'done' | 'refused', string>,
  /** A refused request's state with the portal's reason: «отклонён: учётная запись заблокирована — …». */
  refused(refusal: DeskRefusal | null): string {
    return refusal ? `${ruDeskAccounts.states.refused}: ${ruDeskAccounts.refusals[refusal]}` : ruDeskAccounts.states.refused;
  },
  /** A reset the portal refused, in the slip dialog: why nothing is printed, and what to do next. */
  slipRefused: {
    why: 'Бланк не печатается: портал отклонил сброс, и задать пароль по такому бланку нельзя.',
    locked: 'Что делать: сначала разблокируйте учётную запись («Разблокировать» на карточке), затем сделайте новый сброс.',
    expired: 'Что делать: сделайте новый сброс — этот дошёл до портала уже просроченным.',
    no_account: 'Что делать: дождитесь синхронизации и откройте карточку заново; если учётная запись на месте — сделайте новый сброс.',
    other_person: 'Что делать: учётная запись на портале записана за другим человеком — проверьте, чья она, прежде чем сбрасывать доступ.',
    bad_contact: 'Что делать: сделайте новый сброс.',
  } as Record<DeskRefusal | 'why', string>,
  outcomeUsed: 'бланк использован',
  outcomeEnded: 'бланк больше не действует: пароль сменён другим способом',
  refusals: {
    no_account: 'на портале нет такой учётной записи',
    other_person: 'учётная запись принадлежит другому человеку',
    expired: 'бланк дошёл до портала уже просроченным',
    locked: 'учётная запись заблокирована — сначала разблокируйте',
    bad_contact: 'портал не принял новый контакт',
  } as Record<DeskRefusal, string>,
  reset: {
    delivered: (until: string) => `бланк действует до ${dt(until)}`,
    notDelivered: 'ещё не дошёл до портала',
    used: (at: string) => `использован ${dt(at)}`,
    replaced: (at: string) => `заменён более новым бланком (${dt(at)}), больше не действует`,
    ended: (at: string) => `больше не действует: пароль сменён другим способом ${dt(at)} (на портале или через восстановление доступа)`,
    expired: (at: string) => `срок действия истёк ${dt(at)}`,
  },
  slip: {
    documentTitle: 'Бланк сброса доступа',
    title: 'Сброс доступа к электронному журналу',
    login: 'Логин',
    person: 'Для кого',
    scan: 'Отсканируйте QR-код телефоном или откройте адрес:',
    orCode: 'Если QR-код не сканируется, откройте адрес и введите код:',
    code: 'Код',
    steps: [
      'Откройте страницу по QR-коду (или по адресу, введя код).',
      'Придумайте новый пароль и введите его дважды.',
      'Войдите с логином, указанным выше, и новым паролем.',
    ],
    validUntil: (until: string) => `Бланк действует до ${dt(until)}. Он одноразовый: после смены пароля не работает.`,
    validAfterSync: (notAfter: string) =>
      `Бланк начнёт действовать, когда «Куратор» свяжется с порталом (обычно в течение нескольких минут), и будет действовать 24 часа с того момента, но не позднее ${dt(notAfter)}. Он одноразовый.`,
    keep: 'Никому не передавайте этот бланк: по нему можно задать новый пароль вашей учётной записи.',
    help: (contact: string) => `Вопросы: ${contact}`,
    fileName: (login: string) => `Сброс доступа — ${login}.pdf`,
  },
  portal: {
    title: 'Новый пароль',
    intro: (login: string) => `Учётная запись: ${login}. Придумайте новый пароль и введите его дважды.`,
    codeIntro: 'Введите код с бланка сброса доступа, выданного в школе.',
    code: 'Код с бланка',
    next: 'Дальше',
    /** The slip's link no longer works: what happened (expired, or used / replaced / unknown alike), what to do. */
    linkExpired: 'Срок действия этого бланка истёк: задать пароль по нему уже нельзя.',
    linkInvalid:
      'Этот бланк не действует: он уже использован, заменён более новым или ещё не начал действовать. Если вы уже задали пароль по нему — просто войдите.',
    askSchool: 'Попросите в школе новый бланк. К кому обратиться — ниже, в разделе «Нужна помощь?».',
    newerCode: 'Если у вас есть более новый бланк, введите код с него:',
    password: 'Новый пароль',
    password2: 'Пароль ещё раз',
    save: 'Сохранить пароль',
    doneTitle: 'Пароль изменён',
    done: (login: string) => `Пароль учётной записи ${login} изменён. Все прежние входы завершены.`,
    signIn: 'Войти',
    mailSubject: (school: string) => `${school}: пароль изменён в школе`,
    mailText: (p: { school: string; login: string }) =>
      `Здравствуйте!\n\nПароль учётной записи ${p.login} в электронном журнале «${p.school}» изменён по бланку сброса доступа, выданному в школе. Все прежние входы завершены.\n\nЕсли это были не вы, обратитесь в школу.\n`,
  },
  progress: {
    title: 'Регистрация на портале',
    intro:
      'По каждому классу: сколько учеников и родителей зарегистрировались; у остальных — код выдан (напечатан или отправлен по почте), код ещё не напечатан или кода нет; и кто не сможет восстановить доступ сам.',
    className: 'Класс',
    students: 'Ученики',
    parents: 'Родители',
    registered: (n: number, total: number) => `${n} из ${total}`,
    /** The rest of a class's students or parents, by where their code stands; parts with none left out. */
    waiting: (g: WaitingCounts) =>
      [
        g.printed && `код выдан (напечатан или отправлен): ${g.printed}`,
        g.unprinted && `код не напечатан: ${g.unprinted}`,
        g.notIssued && `без кода: ${g.notIssued}`,
      ]
        .filter(Boolean)
        .join(' · '),
    cannotRecover: 'Не могут восстановить сами',
    lists: 'Списки (печать)',
    xlsx: 'Списки (XLSX)',
    /** Under a class's heading: the unregistered by their codes, and who cannot recover alone. */
    classWaiting(c: { students: WaitingCounts; parents: WaitingCounts; cannotRecover: number }): string {
      const p = ruDeskAccounts.progress;
      const part = (label: string, g: WaitingCounts) => `${label}: ${p.waiting(g) || (g.total ? 'все зарегистрированы' : '—')}`;
      return `${part(p.students, c.students)}; ${part(p.parents, c.parents)}; ${p.cannotRecover.toLowerCase()}: ${c.cannotRecover}`;
    },
    classLine: (s: { registered: number; total: number }, p: { registered: number; total: number }, cannot: number) =>
      `Зарегистрировались: учеников ${s.registered} из ${s.total}, родителей ${p.registered} из ${p.total}; не могут восстановить доступ сами: ${cannot}.`,
    empty: 'В списках пока нет учеников.',
    /** The total row, and what it counts (it is not the sum of the rows above it for parents). */
    school: 'Вся школа',
    schoolNote:
      'В строке «Вся школа» каждый посчитан один раз: родитель детей из разных классов — один родитель, и он зарегистрирован, если на портале у него есть хотя бы один из детей.',
  },
  lists: {
    documentTitle: (scope: string) => `Регистрация на портале — ${scope}`,
    all: 'вся школа',
    notRegistered: 'Не зарегистрированы',
    cannotRecover: 'Не могут восстановить доступ сами',
    /** Sheet names: at most 31 characters. */
    sheets: { not_registered: 'Не зарегистрированы', cannot_recover: 'Не восстановят доступ сами' },
    cannotRecoverHint: 'Нет подтверждённой почты и телефона: попросите подтвердить почту в личном кабинете, иначе — сброс доступа в школе.',
    columns: { className: 'Класс', fullName: 'ФИО', role: 'Кто', phones: 'Телефоны родителей', login: 'Логин', code: 'Код' },
    roles: { student: 'ученик', parent: 'родитель' } as Record<'student' | 'parent', string>,
    parentOf: (children: string[]) => `родитель: ${children.join(', ')}`,
    codeIssued: 'выдан',
    codeMissing: 'не выдан',
    none: 'Никого.',
    made: (date: string) => `Составлено ${date}`,
    fileName: (scope: string, ext: 'xlsx' | 'pdf') => `Регистрация на портале — ${scope}.${ext}`,
  },
  mail: {
    subject: (school: string) => `${school}: приглашение в электронный журнал`,
    child: (c: { child: string; className: string; code: string; link: string; until: string }) =>
      `${c.child}, ${c.className}\nКод приглашения: ${c.code}\nСсылка для регистрации: ${c.link}\nКод действует до ${c.until.split('-').reverse().join('.')}.`,
    text: (m: { school: string; children: string[]; address: string; contact: string }) =>
      `Здравствуйте!\n\n«${m.school}» приглашает вас зарегистрироваться в электронном журнале как родителя.\n\n${m.children.join('\n\n')}\n\nОткройте ссылку (или адрес ${m.address} и введите код), придумайте логин и пароль. Один код — для одного ребёнка; коды других детей можно добавить в личном кабинете.\n${m.contact ? `\nВопросы: ${m.contact}\n` : ''}`,
    cli: {
      usage: '(--class 6А | --person ID) [--json]',
      summary: 'отправить родителям их коды приглашений по почте (через почтовый сервер школы)',
      sent: (email: string, codes: number) => `Отправлено: ${email} (кодов: ${codes})`,
      noEmail: (personId: number) => `Нет почты у родителя № ${personId}: коды не отправлены`,
      classOrPerson: 'Укажите --class или --person (одно из двух).',
    },
  },
  /** Beside «напечатан» on a code: sent to the parent's email. */
  mailed: (at: string) => `отправлен на почту ${at}`,
  mailSettings: {
    title: 'Почта для приглашений',
    intro:
      'Почтовый сервер школы: через него родителям уходят коды приглашений по почте. Пароль хранится в файле ключей на этом компьютере.',
    host: 'Сервер (SMTP)',
    port: 'Порт',
    secure: 'TLS сразу (порт 465)',
    user: 'Пользователь',
    password: 'Пароль',
    passwordKeep: 'не менять',
    from: 'Отправитель',
    fromHint: 'Школа № 1399 <kurator@school.ru>',
    saved: 'Настройки почты сохранены',
    send: 'Отправить коды по почте',
    confirm: 'Каждый родитель получит на свою почту коды для всех своих детей. Родители без почты будут пропущены.',
    report: (sent: number, skipped: number) => `Писем отправлено: ${sent}. Без почты: ${skipped}.`,
    /** Whom the codes went to: `ivanova@mail.ru (кодов: 2)`, … */
    sentTo: (sent: { email: string; codes: number }[]) => `Отправлено: ${sent.map((s) => `${s.email} (кодов: ${s.codes})`).join(', ')}.`,
    noEmailCount: (n: number) => `Без почты: ${n}.`,
    /** Why the button is disabled. */
    blocked: {
      not_configured: 'Почтовый сервер школы не настроен (Настройки школы → Почта для приглашений).',
      no_codes: 'Нет действующих кодов для родителей: они уже использованы или ещё не выданы.',
      no_email: 'Нет почты: впишите адрес родителя в карточку.',
    } as Record<'not_configured' | 'no_codes' | 'no_email', string>,
  },
  audit: {
    actions: {
      'accounts.show': 'Просмотр учётной записи портала (командная строка)',
      'desk.reset': 'Сброс доступа: напечатан бланк',
      'desk.contacts': 'Исправление контактов учётной записи',
      'desk.lock': 'Блокировка учётной записи',
      'desk.unlock': 'Разблокировка учётной записи',
      'desk.sign_out_all': 'Выход на всех устройствах',
      'desk.outcome': 'Ответ портала на запрос',
      'desk.slip_lookup': 'Поиск по коду бланка сброса доступа',
      'codes.mail': 'Коды приглашений отправлены по почте',
      'accounts.lists': 'Списки незарегистрированных и не могущих восстановить доступ',
    } as Record<string, string>,
    labels: {
      documentChecked: 'документ проверен',
      login: 'логин',
      outcome: 'итог',
      refusal: 'причина отказа',
      notAfter: 'действует не позднее',
      request: 'запрос',
      notRegistered: 'не зарегистрированы',
      cannotRecover: 'не могут восстановить',
      action: 'действие',
      email: 'почта',
      phone: 'телефон',
    } as Record<string, string>,
  },
  cli: {
    documentChecked: 'документ проверен',
    usage: {
      show: '(--person ID | --login LOGIN) [--json]',
      reset: '--person ID --out slip.pdf [--reason ТЕКСТ] [--document-checked] [--json]',
      lists: '[--class 6А] --out 6A.xlsx|6A.pdf',
    },
    summary: {
      show: 'учётная запись портала человека: логин, контакты, может ли восстановить доступ сам',
      reset: 'сбросить доступ: бланк с QR-кодом и кодом в PDF (пароль задаёт сам человек)',
      lists: 'списки «не зарегистрированы» и «не могут восстановить доступ сами» с телефонами родителей (XLSX или PDF)',
    },
    personOrLogin: 'укажите одно из двух: --person НОМЕР (как в карточке) или --login ЛОГИН.',
    listsOut: '--out: файл .xlsx или .pdf',
    listsSaved: (file: string) => `Списки сохранены: ${file}`,
    badPerson: (raw: string) => `--person: нужен номер человека (как в карточке), а не «${raw}».`,
    defaultReason: 'сброс доступа из командной строки',
    noAccount: 'Учётной записи на портале нет (или база ещё не синхронизировалась).',
    loginUnknown: (login: string) => `Учётной записи с логином «${login}» нет.`,
    replaced: (printedAt: string) => `Прежний бланк (от ${dt(printedAt)}) больше не действует: отдайте человеку только этот.`,
    slipSaved: (file: string, until: string, delivered: boolean) =>
      `Бланк сохранён: ${file}. ${delivered ? `Действует до ${dt(until)}.` : `Ещё не дошёл до портала; действует не позднее ${dt(until)}.`}`,
  },
};
