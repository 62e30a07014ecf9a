// Journal rows that record a look at personal data rather than a change: the journal's view can hide
// them («Скрыть просмотры») to show actions only.
export const READ_ACTIONS: readonly string[] = [
  'person.view',
  'roster.class_view',
  'codes.view',
  'roster.search_summary',
  'codes.lookup',
  // The command line's reads.
  'roster.find',
  'roster.stats',
  'codes.list',
];
