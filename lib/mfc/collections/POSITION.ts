// POSITION: MFC's opaque iterator of lists and maps. Here it is an object (a list node or a map
// association) or null; callers only compare it with null and hand it back.

/** Emulates: MFC's `POSITION`: opaque, null at the end. */
export type POSITION = object | null;

/** Emulates: `BEFORE_START_POSITION`: what a map's GetStartPosition returns when the map is not empty. */
export const BEFORE_START_POSITION: object = Object.freeze({ BEFORE_START_POSITION: true });
