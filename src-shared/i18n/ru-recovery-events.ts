// Self-service recovery events on a person's portal account (#8), as the desk reads them on the card:
// «восстановление пароля по SMS 12.09 10:41 — код отправлен».

export const ruRecoveryEvents = {
  title: 'Восстановление доступа на портале',
  what: {
    loginByEmail: 'напоминание логина по почте',
    loginBySms: 'напоминание логина по SMS',
    passwordByEmail: 'восстановление пароля по почте',
    passwordBySms: 'восстановление пароля по SMS',
  },
  outcome: {
    loginSent: 'логин отправлен',
    linkSent: 'ссылка для смены пароля отправлена',
    codeSent: 'код отправлен',
    limited: 'не отправлено: слишком много сообщений за час',
    digitsWrong: 'неверные цифры номера телефона',
    codeWrong: 'неверный код из SMS',
    codeExhausted: 'код из SMS больше не действует: слишком много неверных попыток',
    passwordChanged: 'пароль изменён',
  },
  network: {
    ip: (address: string) => `с адреса ${address}`,
    ip6: (prefix: string) => `из сети ${prefix}::/64`,
  },
  /** One line: what, when — how it ended. */
  line: (what: string, when: string, outcome: string) => `${what} ${when} — ${outcome}`,
};
