import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { asLanguage, createBrowserI18n, defaultLanguage } from "./lib/i18n";
import { namespacesFromAttribute } from "./lib/hydration";

// Only a page whose route asks for it is hydrated (decision 034). Its language and namespaces (the
// server wrote them on <html>) are loaded before hydrating: the first render then shows the
// server's text, so nothing flashes untranslated and hydration never mismatches.
const html = document.documentElement;
void createBrowserI18n(asLanguage(html.lang) ?? defaultLanguage, namespacesFromAttribute(html.dataset.namespaces)).then((i18n) => {
  startTransition(() => {
    hydrateRoot(
      document,
      <StrictMode>
        <I18nextProvider i18n={i18n}>
          <RemixBrowser />
        </I18nextProvider>
      </StrictMode>,
    );
  });
});
