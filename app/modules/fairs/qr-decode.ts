/**
 * Reads a QR code from RGBA pixels in JavaScript (jsQR), for browsers without the
 * BarcodeDetector API (desktop Chrome on Linux/Windows, Firefox, older Safari). jsQR is
 * imported on first use, so it is a chunk of its own that only the check-in page loads, and
 * only when the native detector is missing. The same function reads the portal's own QR PNG in
 * the unit tests (tests/unit/fairs-qr.test.ts).
 */
export type RgbaImage = { data: Uint8ClampedArray; width: number; height: number };

type JsQr = typeof import("jsqr").default;
let loading: Promise<JsQr> | null = null;

function loadJsQr(): Promise<JsQr> {
  loading ??= import("jsqr").then((m) => {
    // CommonJS interop: the function is the default export, or the default of it.
    const fn = (typeof m.default === "function" ? m.default : (m.default as unknown as { default: JsQr }).default) as JsQr;
    return fn;
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/** Starts fetching the decoder ahead of the first frame (e.g. when the camera is switched on). */
export function preloadQrDecoder(): void {
  void loadJsQr().catch(() => {});
}

/** The text of the QR code in the image, or null when none can be read. */
export async function decodeQrImage(image: RgbaImage): Promise<string | null> {
  const jsQR = await loadJsQr();
  // The portal's codes are dark on light: skipping the inverted pass halves the work per frame.
  const found = jsQR(image.data, image.width, image.height, { inversionAttempts: "dontInvert" });
  return found?.data || null;
}
