declare const __MCV_VERSION__: string | undefined;

/** The product's version (console and center ship together), injected at build time by scripts/build-main.mjs; `0.0.0-dev` from source. */
export const PRODUCT_VERSION: string = typeof __MCV_VERSION__ === 'string' ? __MCV_VERSION__ : '0.0.0-dev';
