declare const __MCV_VERSION__: string | undefined;

/** The console's version, injected at build time; `0.0.0-dev` when run from source. */
export const APP_VERSION: string = typeof __MCV_VERSION__ === 'string' ? __MCV_VERSION__ : '0.0.0-dev';
