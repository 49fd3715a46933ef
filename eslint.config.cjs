/* ESLint for the site's own scripts (docs/assets/js), the search worker (docs/assets/javascripts) and
   the offline service worker the build writes (saferpolitics/post_build/*.js): ESLint's recommended rules, plus a few that keep the
   scripts in one style. Run by tests/test_lint.py; ESLint itself is pinned in
   scripts/setup-env and installed in .venv/node, where this file looks for its rules. */
const path = require("path");

const js = require(require.resolve("@eslint/js", { paths: [path.join(__dirname, ".venv", "node", "node_modules")] }));

/* What the browser gives the scripts; each script declares nothing else global but its own object. */
const browser = Object.fromEntries([
  "window", "document", "navigator", "location", "Node", "Blob", "File", "URL", "TextEncoder", "TextDecoder",
  "getComputedStyle", "atob", "btoa", "setTimeout", "clearTimeout", "Promise", "DOMException", "MessageChannel", "Image",
  "createImageBitmap", "indexedDB", "IDBKeyRange", "FileReader", "OffscreenCanvas", "self", "caches", "MutationObserver"
].map((name) => [name, "readonly"]));

/* What a service worker gets: its own global scope, where its functions are meant to live. */
const worker = Object.fromEntries([
  "self", "caches", "fetch", "Response", "Request", "Headers", "URL", "Promise", "console", "crypto", "TextEncoder"
].map((name) => [name, "readonly"]));

const shared = {
  eqeqeq: ["error", "always"],
  "no-shadow": "error",
  "no-use-before-define": ["error", { functions: false }],
  "no-unused-vars": ["error", { args: "after-used", caughtErrors: "none" }]
};

module.exports = [
  /* Vendored libraries are checked by their own projects, not restyled here. */
  { ignores: ["docs/assets/js/vendor/**"] },
  {
    files: ["docs/assets/js/**/*.js"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: browser },
    rules: {
      ...js.configs.recommended.rules,
      strict: ["error", "function"],
      ...shared,
      "no-implicit-globals": "error",
      /* Scripts strip control characters from what people type on purpose, with a regex. */
      "no-control-regex": "off"
    }
  },
  /* The search worker that wraps Material's (docs/assets/javascripts/workers/search-worker.js) runs in a
     worker's scope, with the same rules as the site's scripts. */
  {
    files: ["docs/assets/javascripts/**/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2020, sourceType: "script", globals: { ...worker, location: "readonly", importScripts: "readonly" }
    },
    rules: { ...js.configs.recommended.rules, strict: ["error", "function"], ...shared, "no-implicit-globals": "error" }
  },
  {
    files: ["saferpolitics/post_build/*.js"],
    ...js.configs.recommended,
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: worker },
    rules: { ...js.configs.recommended.rules, ...shared }
  }
];
