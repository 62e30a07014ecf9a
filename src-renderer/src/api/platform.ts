// Platform functions: native dialogs in Electron, their browser equivalents in browser mode.
import type { FilePayload } from '@shared/rpc/types.ts';

function bytesOf(file: FilePayload): BlobPart {
  if (file.encoding === 'utf8') return file.content;
  const bin = atob(file.content);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** Saves a file the core produced. Returns the path in Electron, the file name in the browser, null if cancelled. */
export async function saveFile(file: FilePayload): Promise<string | null> {
  const bridge = window.kurator;
  if (bridge) {
    const r = await bridge.platform.saveFile(file);
    if (!r.ok) throw new Error(r.error.message);
    return r.value?.path ?? null;
  }
  const url = URL.createObjectURL(new Blob([bytesOf(file)], { type: file.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return file.fileName;
}
