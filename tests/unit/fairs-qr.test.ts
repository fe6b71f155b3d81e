import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { generateCheckInCode, parseCheckInCode, qrPayload } from "../../app/modules/fairs/checkin-code";
import { decodeQrImage, type RgbaImage } from "../../app/modules/fairs/qr-decode";
import { checkInQrDataUrl } from "../../app/modules/fairs/qr.server";

/** The PNG behind a data URL, as RGBA pixels (what a canvas gives the page). */
function pixelsOf(dataUrl: string): RgbaImage {
  const png = PNG.sync.read(Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ""), "base64"));
  return { data: new Uint8ClampedArray(png.data), width: png.width, height: png.height };
}

/** The image pasted smaller into a grey 640x480 frame, as a phone camera would see a ticket held up. */
function inCameraFrame(image: RgbaImage, scale: number, at: { x: number; y: number }): RgbaImage {
  const width = 640;
  const height = 480;
  const data = new Uint8ClampedArray(width * height * 4).fill(150);
  for (let y = 0; y < Math.floor(image.height * scale); y++) {
    for (let x = 0; x < Math.floor(image.width * scale); x++) {
      const from = (Math.floor(y / scale) * image.width + Math.floor(x / scale)) * 4;
      const to = ((y + at.y) * width + (x + at.x)) * 4;
      for (let c = 0; c < 3; c++) data[to + c] = image.data[from + c];
      data[to + 3] = 255;
    }
  }
  return { data, width, height };
}

describe("the check-in QR code", () => {
  it("reads back, with the page's decoder, the PNG the portal makes for a registration", async () => {
    for (let i = 0; i < 3; i++) {
      const code = generateCheckInCode();
      const image = pixelsOf(await checkInQrDataUrl(code));
      const text = await decodeQrImage(image);
      expect(text).toBe(qrPayload(code));
      expect(parseCheckInCode(text!)).toEqual({ ok: true, code });
    }
  });

  it("reads it off a camera-sized frame, and finds nothing in a frame without a code", async () => {
    const code = generateCheckInCode();
    const ticket = pixelsOf(await checkInQrDataUrl(code));
    expect(await decodeQrImage(inCameraFrame(ticket, 0.7, { x: 150, y: 90 }))).toBe(qrPayload(code));
    const blank: RgbaImage = { data: new Uint8ClampedArray(640 * 480 * 4).fill(200), width: 640, height: 480 };
    expect(await decodeQrImage(blank)).toBeNull();
  });
});
