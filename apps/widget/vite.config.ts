import { defineConfig } from 'vite';

// One self-contained script, `embed.js`, that any page can load with a single tag.
export default defineConfig({
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    lib: {
      entry: 'src/embed.ts',
      name: 'AgentCRM',
      formats: ['iife'],
      fileName: () => 'embed.js',
    },
  },
});
