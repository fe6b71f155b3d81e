import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { asLanguage, createBrowserI18n, defaultLanguage } from "./lib/i18n";

// The page's language (the server wrote it on <html>) is loaded before hydrating: the first render
// then shows the server's text, so nothing flashes untranslated and hydration never mismatches.
void createBrowserI18n(asLanguage(document.documentElement.lang) ?? defaultLanguage).then((i18n) => {
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
