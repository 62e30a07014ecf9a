// The window's (and the browser tab's) title names the page: «Иванов Пётр — Куратор», not «Куратор» on
// every page. A curator with several tabs or windows told them apart by clicking through; a screen
// reader reads the title first when the window comes to the front. The page's own heading is the name,
// so a page that loads its data (a person's card) is named once the heading shows.
import { onBeforeUnmount, onMounted, type Ref } from 'vue';
import { t } from '@shared/i18n/index.ts';

/** «Heading — Куратор» from the first h1 inside `root`, kept in step as the page changes. */
export function usePageTitle(root: Ref<HTMLElement | null>): void {
  let observer: MutationObserver | null = null;
  const update = () => {
    const heading = root.value?.querySelector('h1')?.textContent?.replace(/\s+/g, ' ').trim();
    const title = heading ? `${heading} — ${t.app.name}` : t.app.name;
    if (document.title !== title) document.title = title;
  };
  onMounted(() => {
    if (!root.value) return;
    observer = new MutationObserver(update);
    observer.observe(root.value, { childList: true, subtree: true, characterData: true });
    update();
  });
  onBeforeUnmount(() => {
    observer?.disconnect();
    document.title = t.app.name;
  });
}
