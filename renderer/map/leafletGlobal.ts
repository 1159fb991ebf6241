import L from 'leaflet';

// leaflet.markercluster is a UMD plugin that extends the global `L`; an ES-module build has
// none, so this module (imported before the plugin) provides it.
(globalThis as unknown as { L: typeof L }).L = L;
