declare const __MCV_VERSION__: string | undefined;

/** The center's version, injected at build time (scripts/build-main.mjs); `0.0.0-dev` from source. */
export const CENTER_VERSION: string = typeof __MCV_VERSION__ === 'string' ? __MCV_VERSION__ : '0.0.0-dev';
