// Strings of the hardening work: the journal's note when file permissions were tightened, the
// sign-in launch code of browser mode, registration addresses that must be https.

export const ruHardening = {
  auditActions: {
    'security.permissions_tightened': 'Закрыт доступ других пользователей компьютера к файлам программы',
  } as Record<string, string>,
  auditLabels: {
    tightened: 'исправлено файлов и папок',
    paths: 'что именно',
  } as Record<string, string>,
};
