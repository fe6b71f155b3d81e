import { useLocation } from "@remix-run/react";
import { useState } from "react";
import { useTranslation } from "react-i18next";

export type FlashData = { id: string; key: string; values?: Record<string, string | number> } | null;

/**
 * The one place success messages appear (set by redirectWithFlash in app/lib/flash.server.ts).
 * The live region is always in the page, so a message that appears in it after a client-side
 * navigation is announced by screen readers; the message stays on the page it was set for and
 * is gone after the next navigation (the root's data is not reloaded on every link).
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
