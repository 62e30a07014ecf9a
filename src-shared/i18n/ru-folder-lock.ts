// One running app per data folder: what a second start on a folder another app has open says
// (browser mode on the terminal, the desktop app in its error box).

const advice = 'Команды npm run kurator работают и рядом с ним.';

export const ruFolderLock = {
  errors: {
    folderInUse: (dir: string, pid: number | null, mode: 'browser' | 'electron' | null, address: string | null): string => {
      const open = `Папка данных ${dir} уже открыта`;
      if (mode === 'browser')
        return `${open}: в ней работает «Куратор» в режиме браузера (процесс ${pid}${address ? `, адрес ${address}` : ''}). Второй «Куратор» на той же папке не запускается: откройте работающий (ссылку для входа он напечатал при запуске) или остановите его (Ctrl+C в его терминале) и запустите снова. ${advice}`;
      if (mode === 'electron')
        return `${open}: в ней работает приложение «Куратор» (процесс ${pid}). Второй «Куратор» на той же папке не запускается: перейдите в его окно или закройте его и запустите снова. ${advice}`;
      return `${open} другим запущенным «Куратором». Второй на той же папке не запускается: закройте тот и запустите снова. ${advice}`;
    },
  },
};
