// ESLint (flat config): TypeScript, React, hooks and accessibility rules for the whole repository.
// Why these rules and the import style: docs/decisions/022-lint-and-format.md.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "build/",
      "public/build/",
      "public/page-scripts/",
      "node_modules/",
      "test-results/",
      "playwright-report/",
      "tests/.tmp/",
      "data/",
      ".cache/",
      "db/migrations/",
    ],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js,jsx,mjs}"],
    ...react.configs.flat.recommended,
    settings: { react: { version: "18.3" } },
  },
  react.configs.flat["jsx-runtime"],
  reactHooks.configs.flat["recommended-latest"],
  jsxA11y.flatConfigs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // One import style: relative paths (the `~/` alias is not used; see the decision).
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["~/*", "~db/*"], message: "Import with a relative path (docs/decisions/022-lint-and-format.md)." }] },
      ],
      // The named `z` keeps all of zod (~93 KB gzip) in every browser page that builds a schema.
      "no-restricted-syntax": [
        "error",
        {
          selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']",
          message: 'Use `import * as z from "zod"` (docs/decisions/032-zod-in-the-browser.md).',
        },
      ],
      // `_name` marks a value taken apart on purpose and not used (e.g. a field left out of a spread).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none", ignoreRestSiblings: true }],
      // A table that may scroll sideways sits in a labelled region that takes focus, so keyboard
      // users can scroll it (WCAG 2.1.1; axe scrollable-region-focusable): see DataTable.
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["tabpanel", "region"] }],
      // Types come from TypeScript; runtime props are checked by zod where they cross a boundary.
      "react/prop-types": "off",
      // Chinese documents set in JSX (the printed agreement) align with full-width spaces (U+3000) on purpose.
      "no-irregular-whitespace": ["error", { skipJSXText: true, skipTemplates: true }],
    },
  },
);
