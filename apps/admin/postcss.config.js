// ESM rather than .cjs: the repository's ESLint config type-checks every non-.js file.
export default {
  plugins: {
    'postcss-preset-mantine': {},
  },
};
