import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
type DetectorConstructor = {
  new (options?: { formats: string[] }): Detector;
  getSupportedFormats?: () => Promise<string[]>;
};

function detectorClass(): DetectorConstructor | null {
  if (typeof window === "undefined") return null;
  return ((window as unknown as { BarcodeDetector?: DetectorConstructor }).BarcodeDetector ?? null);
}

/**
 * Scans QR codes with the device camera where the browser has the BarcodeDetector API and
 * getUserMedia (Chrome on Android, recent Safari); elsewhere it says so and the code is typed.
 * Bundled code only: the CSP allows no inline script. Each distinct code is handed over once.
 */
export function QrScanner({ onCode }: { onCode: (text: string) => void }) {
  const { t } = useTranslation("fairs");
  const [support, setSupport] = useState<"unknown" | "yes" | "no">("unknown");
  const [running, setRunning] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const last = useRef<{ text: string; at: number } | null>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  useEffect(() => {
    const Detector = detectorClass();
    if (!Detector || !navigator.mediaDevices?.getUserMedia) {
      setSupport("no");
      return;
    }
    if (!Detector.getSupportedFormats) {
      setSupport("yes");
      return;
    }
    Detector.getSupportedFormats()
      .then((formats) => setSupport(formats.includes("qr_code") ? "yes" : "no"))
      .catch(() => setSupport("no"));
  }, []);

  useEffect(() => {
    if (!running) return;
    const Detector = detectorClass();
    if (!Detector) return;
    const detector = new Detector({ formats: ["qr_code"] });
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (stopped) return;
      const v = video.current;
      if (v && v.readyState >= 2) {
        try {
          const found = await detector.detect(v);
          const text = found[0]?.rawValue;
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
  }, [running, t]);

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
