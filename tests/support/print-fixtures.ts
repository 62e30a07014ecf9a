import type { School } from '../../src-main/core/print/index.ts';

export const school: School = {
  name: 'ГБОУ «Школа № 1399» г. Москвы',
  registrationUrl: 'https://1399.ejgur.ru/hello',
  curatorContact: 'каб. 214, пн–пт 9:00–17:00, kurator@school1399.ru',
};

/** Markup in a name: must print as literal text. */
export const EVIL = '<img src=x onerror=alert(1)>';
