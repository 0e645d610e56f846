import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      "node_modules/**",
      "coverage/**",
      "src/config/types.generated.ts",
      "src/config/validators.generated.*",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The pure core never touches the console, the environment or the clock's side effects directly.
    files: ["src/domain/**/*.ts", "src/report/**/*.ts", "src/config/**/*.ts"],
    rules: {
      "no-console": "error",
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read the environment at the composition root (cli/, action/) and pass values in.",
        },
      ],
    },
  },
  {
    files: ["scripts/**", "bench/**", "bin/**"],
    languageOptions: { globals: { process: "readonly", console: "readonly" } },
  },
  {
    // The bin is CommonJS (bin/package.json): it runs before, and hands V8, the bundle.
    files: ["bin/**"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", exports: "writable", module: "writable", __dirname: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // dependency-cruiser's config (the folder rule) is CommonJS, as its CLI expects.
    files: [".dependency-cruiser.cjs"],
    languageOptions: { sourceType: "commonjs", globals: { module: "writable" } },
  },
);
