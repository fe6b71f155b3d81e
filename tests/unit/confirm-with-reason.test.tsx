import { renderToString } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { createMemoryRouter, RouterProvider } from "react-router-dom";
import { describe, expect, it } from "vitest";
import { ConfirmWithReason } from "../../app/components/confirm-with-reason";
import { createI18n, type Language } from "../../app/lib/i18n";

function render(lng: Language, failed?: { error: string; reason: string }) {
  // Remix's <Form> and useNavigation need a data router around them.
  const router = createMemoryRouter([
    {
      path: "/",
      element: (
        <ConfirmWithReason
          label="Decline"
          question="Decline this case?"
          confirmLabel="Decline it"
          intent="decline"
          danger
          reasonLabel="Reason"
          maxLength={2000}
          error={failed?.error}
          defaultValue={failed?.reason}
        />
      ),
    },
  ]);
  return renderToString(
    <I18nextProvider i18n={createI18n(lng)}>
      <RouterProvider router={router} />
    </I18nextProvider>,
  );
}

describe("a confirmed action that asks for a reason", () => {
  it("posts its intent with a required, labelled reason as long as the schema allows", () => {
    const html = render("en");
    expect(html).toMatch(/<button type="submit" name="intent" value="decline"[^>]*>Decline it<\/button>/);
    const textarea = html.match(/<textarea[^>]*>/)?.[0] ?? "";
    expect(textarea).toContain('name="reason"');
    expect(textarea).toContain('required=""');
    expect(textarea).toContain('maxLength="2000"');
    const id = textarea.match(/id="([^"]+)"/)?.[1];
    expect(html).toContain(`<label for="${id}" class="is-required">Reason</label>`);
    // Nothing refused yet: the box is closed and the field is not marked.
    expect(html).not.toMatch(/<details[^>]*open/);
    expect(textarea).not.toContain("aria-invalid");
  });

  it("after a refused submit shows the error on the field, keeps the reason typed and opens the box (also without JavaScript)", () => {
    for (const [lng, text] of [
      ["zh-CN", "此项必填"],
      ["en", "This field is required"],
    ] as const) {
      const html = render(lng, { error: "forms.required", reason: "逾期 <三天>" });
      const textarea = html.match(/<textarea[^>]*>/)?.[0] ?? "";
      const id = textarea.match(/id="([^"]+)"/)?.[1];
      expect(textarea).toContain('aria-invalid="true"');
      expect(textarea).toContain(`aria-describedby="${id}-error"`);
      expect(html).toContain(`<span id="${id}-error" class="field__error">${text}`);
      expect(html).toContain(">逾期 &lt;三天&gt;</textarea>");
      expect(html).toMatch(/<details class="confirm confirm--action" open="">/);
    }
  });
});
