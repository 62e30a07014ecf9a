// The school's deputy director contact and support hours: settings, the journal, the slips.
export const ruSchool = {
  fields: {
    deputyContact: 'Контакт заместителя директора',
    supportHours: 'Часы приёма',
  },
  hints: {
    deputyContact: 'ФИО, кабинет, телефон или почта — к кому обратиться, если куратора нет; печатается в приглашениях',
    supportHours: 'Когда куратор принимает родителей, например «вт и чт 15:00–18:00»; печатается в приглашениях',
  },
  /** The journal's names of the settings (lower case, as the others there). */
  auditFields: {
    deputyContact: 'контакт заместителя директора',
    supportHours: 'часы приёма',
  },
  /** On the slips and family sheets, under the curator's contact. */
  slip: {
    deputy: 'Заместитель директора:',
    hours: 'Часы приёма:',
  },
};
