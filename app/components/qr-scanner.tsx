import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { decodeQrImage, preloadQrDecoder } from "../modules/fairs/qr-decode";

type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
type DetectorConstructor = {
  new (options?: { formats: string[] }): Detector;
  getSupportedFormats?: () => Promise<string[]>;
};

function detectorClass(): DetectorConstructor | null {
  if (typeof window === "undefined") return null;
  return ((window as unknown as { BarcodeDetector?: DetectorConstructor }).BarcodeDetector ?? null);
}

/** How this browser can read a QR code from the camera: natively, with the JavaScript decoder, or not at all. */
async function cameraSupport(): Promise<"native" | "fallback" | "no"> {
  if (!navigator.mediaDevices?.getUserMedia) return "no";
  const Detector = detectorClass();
  if (!Detector) return "fallback";
  if (!Detector.getSupportedFormats) return "native";
  try {
    return (await Detector.getSupportedFormats()).includes("qr_code") ? "native" : "fallback";
  } catch {
    return "fallback";
  }
}

/**
 * Scans QR codes with the device camera wherever the browser gives getUserMedia: with the
 * native BarcodeDetector API where it reads QR codes (Chrome on Android, ChromeOS, macOS, recent
 * Safari), else with the JavaScript decoder of app/modules/fairs/qr-decode.ts (loaded only then).
 * Without a camera API (an old browser, a page not served over HTTPS) it says so and the code is
 * typed. Bundled code only: the CSP allows no inline script. Each distinct code is handed over once.
 */
export function QrScanner({ onCode }: { onCode: (text: string) => void }) {
  const { t } = useTranslation("fairs");
  // native: BarcodeDetector reads QR codes; fallback: frames go through the JavaScript decoder.
  const [support, setSupport] = useState<"unknown" | "native" | "fallback" | "no">("unknown");
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const last = useRef<{ text: string; at: number } | null>(null);
  const onCodeRef = useRef(onCode);
  useEffect(() => {
    onCodeRef.current = onCode;
  }, [onCode]);

  // What the browser offers is known only in the browser: asked once after hydration.
  useEffect(() => {
    void cameraSupport().then(setSupport);
  }, []);

  useEffect(() => {
    if (!running || (support !== "native" && support !== "fallback")) return;
    const read = support === "native" ? nativeReader() : canvasReader();
    if (!read) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (stopped) return;
      const v = video.current;
      if (v && v.readyState >= 2) {
        try {
          const text = await read(v);
          const now = Date.now();
          // The same code held in front of the camera is not sent again for a few seconds.
          if (text && !(last.current && last.current.text === text && now - last.current.at < 4000)) {
            last.current = { text, at: now };
            onCodeRef.current(text);
          }
        } catch {
          /* a frame that cannot be read: try the next one */
        }
      }
      timer = setTimeout(tick, 250);
    };
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: "environment" }, audio: false })
      .then(async (s) => {
        if (stopped) {
          s.getTracks().forEach((track) => track.stop());
          return;
        }
        stream.current = s;
        if (video.current) {
          video.current.srcObject = s;
          await video.current.play().catch(() => {});
        }
        void tick();
      })
      .catch((error: Error) => {
        setProblem(error.name === "NotAllowedError" ? t("checkIn.cameraDenied") : t("checkIn.cameraFailed"));
        setRunning(false);
      });
    return () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      stream.current?.getTracks().forEach((track) => track.stop());
      stream.current = null;
    };
  }, [running, support, t]);

  if (support === "unknown") return null;
  if (support === "no") return <p className="muted small">{t("checkIn.cameraUnsupported")}</p>;
  return (
    <div className="qr-scanner">
      <button type="button" className="btn btn--ghost" onClick={() => { setProblem(null); setRunning((r) => !r); }}>
        {running ? t("checkIn.stopCamera") : t("checkIn.startCamera")}
      </button>
      {problem ? <p className="field__error">{problem}</p> : null}
      {running ? <video ref={video} className="qr-scanner__video" muted playsInline aria-label={t("checkIn.cameraView")} /> : null}
    </div>
  );
}

type FrameReader = (video: HTMLVideoElement) => Promise<string | null>;

function nativeReader(): FrameReader | null {
  const Detector = detectorClass();
  if (!Detector) return null;
  const detector = new Detector({ formats: ["qr_code"] });
  return async (v) => (await detector.detect(v))[0]?.rawValue ?? null;
}

/** Frames drawn on a canvas (at most 640 px wide: enough for a code held up to the camera) and decoded in JavaScript. */
function canvasReader(): FrameReader | null {
  const canvas = document.createElement("canvas");
  const context = canvas.getContext("2d", { willReadFrequently: true });
  if (!context) return null;
  preloadQrDecoder();
  return async (v) => {
    if (!v.videoWidth || !v.videoHeight) return null;
    const scale = Math.min(1, 640 / v.videoWidth);
    canvas.width = Math.round(v.videoWidth * scale);
    canvas.height = Math.round(v.videoHeight * scale);
    context.drawImage(v, 0, 0, canvas.width, canvas.height);
    return decodeQrImage(context.getImageData(0, 0, canvas.width, canvas.height));
  };
}
