import { useLocation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

export type FlashData = { id: string; key: string; values?: Record<string, string | number> } | null;

/**
 * The one place success messages appear (set by redirectWithFlash in app/lib/flash.server.ts).
 * The server writes the message into the live region, so it is seen without JavaScript. Screen
 * readers announce a change to a live region, not the text it held when the page loaded, and
 * pages are full page loads (decision 034): the page script (app/lib/enhance.ts) takes the
 * message out and puts it back a moment later, so it is announced (decision 035).
 * On a hydrated page the region is always there, so a message that appears after a client-side
 * navigation is announced too; it stays on the page it was set for and is gone after the next
 * navigation (the root's data is not reloaded on every link).
 */
export function FlashMessage({ flash }: { flash: FlashData }) {
  const { t } = useTranslation();
  const location = useLocation();
  const [anchor, setAnchor] = useState<{ id: string; key: string } | null>(flash ? { id: flash.id, key: location.key } : null);
  if (flash && anchor?.id !== flash.id) setAnchor({ id: flash.id, key: location.key });
  const visible = flash && anchor?.id === flash.id && anchor.key === location.key;
  return (
    <div className="flash" role="status" aria-live="polite" aria-atomic="true">
      {visible ? <p className="alert alert--success flash__message">{t(flash.key, { ...flash.values })}</p> : null}
    </div>
  );
}
