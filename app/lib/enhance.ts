/**
 * The page's own small script, inlined in every page (decision 034): most pages are not hydrated,
 * so the few behaviours that need a script are done here on the DOM, once, for hydrated pages too.
 * - confirmation boxes (<details class="confirm">): the cancel button and Esc close the box and
 *   give the focus back to its button; opening one moves the focus into it;
 * - the header's menus (<details> in .site-nav): one open at a time, closed by a click elsewhere or Esc;
 * - a print button ([data-print-button]) prints the page;
 * - a form is sent once: a second submit while the first is on its way is ignored (the browser
 *   would post it again); the guard is lifted after a few seconds (an answer that is a download
 *   leaves the page in place) and when the page comes back from the history cache;
 * - the success message (.flash, a live region) is taken out and put back a moment later: screen
 *   readers announce a change to a live region, not the text it held when the page loaded
 *   (decision 035). Not on a hydrated page, whose region React owns and updates itself.
 * Written as plain ES2017 without imports: it is inlined as text (`enhanceScript`), not bundled.
 */
function enhance() {
  const doc = document;
  const navMenus = () => doc.querySelectorAll<HTMLDetailsElement>(".site-nav details[open]");
  const close = (details: HTMLDetailsElement) => {
    details.removeAttribute("open");
    details.querySelector("summary")?.focus();
  };
  doc.addEventListener("click", (event) => {
    const target = event.target as Element;
    const cancel = target.closest?.(".confirm__cancel");
    const box = cancel?.closest("details");
    if (box) close(box);
    if (target.closest?.("[data-print-button]")) window.print();
    navMenus().forEach((menu) => {
      if (!menu.contains(target)) menu.removeAttribute("open");
    });
  });
  doc.addEventListener("keydown", (event) => {
    if (event.key !== "Escape") return;
    const open = (event.target as Element).closest?.<HTMLDetailsElement>("details.confirm[open], .site-nav details[open]") ?? navMenus()[0];
    if (!open) return;
    event.preventDefault();
    close(open);
  });
  // "toggle" does not bubble: listen in the capture phase.
  doc.addEventListener(
    "toggle",
    (event) => {
      const details = event.target as HTMLDetailsElement;
      if (!details.open || !details.classList) return;
      if (details.classList.contains("confirm")) {
        details.querySelector<HTMLElement>(".confirm__box :is(input, select, textarea, button):not([type=hidden])")?.focus();
      }
      if (details.closest(".site-nav")) {
        navMenus().forEach((menu) => {
          if (menu !== details) menu.removeAttribute("open");
        });
      }
    },
    true,
  );
  doc.addEventListener("submit", (event) => {
    const form = event.target as HTMLFormElement;
    // A search form (method get) may be sent again at will; a hydrated page's forms are Remix's.
    if (event.defaultPrevented || form.method !== "post" || doc.documentElement.dataset.hydrated) return;
    if (form.dataset.sending) {
      event.preventDefault();
      return;
    }
    form.dataset.sending = "true";
    setTimeout(() => delete form.dataset.sending, 8000);
  });
  window.addEventListener("pageshow", (event) => {
    if (event.persisted) doc.querySelectorAll<HTMLFormElement>("form[data-sending]").forEach((form) => delete form.dataset.sending);
  });
  const flash = doc.querySelector(".flash[role=status]");
  const message = flash?.firstElementChild;
  if (flash && message && !doc.documentElement.hasAttribute("data-namespaces")) {
    message.remove();
    setTimeout(() => flash.append(message), 250);
  }
  doc.documentElement.dataset.enhanced = "true";
}

/** The script's text, for an inline <script> (the page's CSP nonce goes on the tag). */
export const enhanceScript = `(${enhance.toString()})();`;
