/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** PrimeUI license key; PrimeVue 5 shows an "Invalid PrimeUI License" banner without one. */
  readonly VITE_PRIMEUI_LICENSE?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
