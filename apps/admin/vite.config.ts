import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The server listens on 3000 in development; it serves the API and the public widget endpoints.
const apiTarget = 'http://localhost:3000';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // React and the router change rarely: their own chunk stays cached across releases and
        // keeps the entry chunk under the size warning.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler)[\\/]/,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget },
      '/public': { target: apiTarget },
    },
  },
});
