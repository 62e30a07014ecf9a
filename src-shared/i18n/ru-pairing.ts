// The office's pairing with the portal, as the settings screen and the CLI explain it: the
// registration address the portal serves, pairing again with a new key, a portal out of reach.

export const ruPairing = {
  errors: {
    addressNotPortal: (portal: string) =>
      `Портал обслуживает эту школу по адресу ${portal}. Приглашения с другим адресом никуда не приведут: оставьте этот адрес (сменить его можно, только отключив базу от портала и подключив её заново).`,
  },
};
