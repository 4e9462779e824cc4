import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/main.ts'],
  format: ['esm'],
  platform: 'node',
  target: 'node20',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  // The shared contracts are TypeScript sources; bundle them, keep real packages external.
  noExternal: ['@agent-crm/contracts'],
  onSuccess: 'rm -rf dist/migrations && cp -r src/db/migrations dist/migrations',
});
