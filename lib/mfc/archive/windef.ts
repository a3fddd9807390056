// The Win32 geometry structures the archive stores as raw memory images (mfc-semantics §5.5):
// POINT and SIZE are two LONGs, RECT four.

/** Emulates: the Win32 `POINT` structure. */
export interface POINT {
  x: number;
  y: number;
}

/** Emulates: the Win32 `SIZE` structure. */
export interface SIZE {
  cx: number;
  cy: number;
}

/** Emulates: the Win32 `RECT` structure. */
export interface RECT {
  left: number;
  top: number;
  right: number;
  bottom: number;
}
