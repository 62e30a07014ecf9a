// The office's pairing with the portal, as the settings screen and the CLI explain it: the
// registration address the portal serves, pairing again with a new key, a portal out of reach.

export const ruPairing = {
  /** The «Портал» section when the portal no longer knows this office: its new key, entered in place. */
  again: {
    hint: 'Введите ключ подключения от администратора портала (новый, если он выдал новый). Отключать базу не нужно: она подключится заново и отправит на портал всё, что в ней есть.',
    button: 'Подключить с новым ключом',
    done: 'Подключено заново. Списки и коды отправляются на портал.',
  },
  /** The command line's `portal pair` on an office that was paired with the same address: the key taken in place. */
  cli: {
    pairedAgain: (address: string, school: string) =>
      `База подключена к порталу заново, с новым ключом: ${address} (школа «${school}»). Отключать её не понадобилось; всё, что в ней есть, отправляется на портал.`,
  },
  errors: {
    stillPaired:
      'Эта база уже подключена к этому порталу, и портал её признаёт: новый ключ не нужен. Обмен идёт сам, каждую минуту, пока работает «Куратор» (или сейчас: npm run kurator -- sync).',
    noSchool:
      'Подключение не выполнено: по этому адресу на портале нет школы. Проверьте адрес регистрации в настройках школы; если он верный, попросите администратора портала добавить школу (school add) и выдать ключ подключения.',
    unreachable: (detail: string) => `Подключиться не удалось: портал недоступен (${detail}). Проверьте адрес и связь и повторите.`,
    wrongAddress: (address: string) =>
      `Подключение не выполнено: на портале у этой школы другая страница регистрации — ${address}. Исправьте адрес регистрации в настройках школы (его печатают на приглашениях; в командной строке: settings --registration-url АДРЕС) и подключитесь с ним.`,
    addressNotPortal: (portal: string) =>
      `Портал обслуживает эту школу по адресу ${portal}. Приглашения с другим адресом никуда не приведут: оставьте этот адрес (сменить его можно, только отключив базу от портала и подключив её заново).`,
  },
};
