import QRCode from "qrcode";
import { qrPayload } from "./checkin-code";

/** The check-in QR image as a PNG data URL (the CSP allows data: images). */
export function checkInQrDataUrl(code: string): Promise<string> {
  return QRCode.toDataURL(qrPayload(code), { errorCorrectionLevel: "M", margin: 2, scale: 8, type: "image/png" });
}
