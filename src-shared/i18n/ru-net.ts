/** A server that cannot start listening (the portal's `npm run portal`, `npm start -- --browser`). */
export const ruNet = {
  portTaken: (port: number) => `Порт ${port} уже занят другой программой. Укажите другой порт (--port) или остановите ту программу.`,
  portDenied: (port: number) =>
    `Порт ${port} можно занять только с правами администратора (порты ниже 1024). Укажите порт от 1024 (--port) или запустите через обратный прокси.`,
  noSuchAddress: (host: string) =>
    `Адрес ${host} не принадлежит этому компьютеру (--listen). Укажите адрес одного из его сетевых подключений, 0.0.0.0 (все подключения) или 127.0.0.1 (только этот компьютер).`,
};
