import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Lint with type information: the rules that need the type checker (floating promises, unsafe
 * `any`, awaiting non-promises) catch what tsc alone lets through. `npm run lint`; CI runs it.
 */
export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "data/", "bench/results.json", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // A promise nobody awaits loses its errors (an unhandled rejection) and its ordering.
      "@typescript-eslint/no-floating-promises": "error",
      // Off: an `async` method implementing a Promise-returning interface (responders, replier
      // fakes, lifecycle hooks) reads better than `Promise.resolve()` wrappers; promises that are
      // dropped or misused are what no-floating-promises and no-misused-promises are for.
      "@typescript-eslint/require-await": "off",
      // Rethrowing what a `catch` caught (`unknown`) is not inventing a non-Error reason.
      "@typescript-eslint/prefer-promise-reject-errors": ["error", { allowThrowingUnknown: true }],
      "no-control-regex": "off",
    },
  },
  // Plain JavaScript (this file) is outside the TypeScript project.
  { files: ["**/*.js", "**/*.mjs"], ...tseslint.configs.disableTypeChecked },
);
