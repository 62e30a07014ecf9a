// Focus back where it was once a dialog closes. Element Plus returns it only when the dialog is closed
// by its own controls; a dialog that closes itself after its work left the focus on the page's body,
// and a keyboard or screen-reader user had to start again from the top.

/** Remember the focused element when a dialog opens; give it the focus back when it has closed. */
export function useReturnFocus(): { remember(): void; restore(): void } {
  let opener: HTMLElement | null = null;
  return {
    remember() {
      opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    },
    restore() {
      // The element may have been re-rendered away (a reload of the card): nothing to return to then.
      if (opener?.isConnected && document.activeElement === document.body) opener.focus();
      opener = null;
    },
  };
}
