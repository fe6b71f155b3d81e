/**
 * The check-in desk's camera scanner and quick sending, as a small browser module rather than a
 * hydrated React page (decision 036): React, react-dom and Remix alone weigh more than the page
 * budget. Built by scripts/build-page-scripts.mjs and loaded by /fairs/:id/check-in only.
 *
 * The desk works without it (typed codes, native forms). With it:
 * - the camera reads QR codes: with the native BarcodeDetector where it reads QR codes (Chrome on
 *   Android, ChromeOS, macOS, recent Safari), else with the jsQR decoder (app/modules/fairs/qr-decode.ts,
 *   a chunk fetched only then); without a camera API (an old browser, a page not served over
 *   HTTPS) it says so and codes are typed;
 * - a code, read or typed, is posted with fetch and the answer's result and counter replace the
 *   page's, so the camera keeps running between visitors and the code field is cleared and focused
 *   for the next one (a handheld scanner types the code and Enter, like a keyboard);
 * The texts come from the page (data-* attributes, in the page's language).
 */
import { decodeQrImage, preloadQrDecoder } from "../modules/fairs/qr-decode";

type Detector = { detect(source: CanvasImageSource): Promise<{ rawValue: string }[]> };
type DetectorConstructor = {
  new (options?: { formats: string[] }): Detector;
  getSupportedFormats?: () => Promise<string[]>;
};
type FrameReader = (video: HTMLVideoElement) => Promise<string | null>;

/** The same code held in front of the camera is not sent again within this time. */
const REPEAT_MS = 4000;
const FRAME_MS = 250;

const detectorClass = () => (window as unknown as { BarcodeDetector?: DetectorConstructor }).BarcodeDetector ?? null;

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

function nativeReader(Detector: DetectorConstructor): FrameReader {
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

/** Posts a check-in and puts the answer's parts ([data-checkin-part]) into this page. */
async function sendCheckIn(body: FormData): Promise<void> {
  const response = await fetch(location.href, { method: "POST", body, credentials: "same-origin", headers: { Accept: "text/html" } });
  const answer = new DOMParser().parseFromString(await response.text(), "text/html");
  let replaced = 0;
  document.querySelectorAll<HTMLElement>("[data-checkin-part]").forEach((part) => {
    const fresh = answer.querySelector(`[data-checkin-part="${part.dataset.checkinPart}"]`);
    if (!fresh) return;
    part.innerHTML = fresh.innerHTML;
    replaced += 1;
  });
  // Not the desk (signed out, the fair gone): show the page the server answered with.
  if (!replaced) location.assign(response.url);
}

function start(root: HTMLElement) {
  const form = document.querySelector<HTMLFormElement>("form[data-checkin-code]");
  const input = form?.querySelector<HTMLInputElement>("input[name=code]");
  const toggle = root.querySelector<HTMLButtonElement>("[data-qr-toggle]");
  const video = root.querySelector<HTMLVideoElement>("video");
  const problem = root.querySelector<HTMLElement>("[data-qr-problem]");
  if (!form || !input || !toggle || !video || !problem) return;
  const text = (name: string) => root.dataset[name] ?? "";
  let sending = false;
  // Ready for the next visitor on every load of the desk.
  input.focus();

  const send = async (code: string) => {
    if (sending) return;
    sending = true;
    const body = new FormData();
    body.set("intent", "code");
    body.set("code", code);
    try {
      await sendCheckIn(body);
    } catch {
      // Offline or the server gone: the native form still works and says what happened.
      form.requestSubmit();
      return;
    } finally {
      sending = false;
    }
    input.value = "";
    input.focus();
  };

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (input.value.trim()) void send(input.value);
  });

  let stream: MediaStream | null = null;
  let starting = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last: { code: string; at: number } | null = null;

  const stop = () => {
    if (timer) clearTimeout(timer);
    stream?.getTracks().forEach((track) => track.stop());
    stream = null;
    video.hidden = true;
    toggle.textContent = text("start");
  };

  const run = async (read: FrameReader) => {
    problem.hidden = true;
    starting = true;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false });
    } catch (error) {
      problem.textContent = (error as Error).name === "NotAllowedError" ? text("denied") : text("failed");
      problem.hidden = false;
      stop();
      return;
    } finally {
      starting = false;
    }
    toggle.textContent = text("stop");
    video.hidden = false;
    video.srcObject = stream;
    await video.play().catch(() => {});
    const tick = async () => {
      if (!stream) return;
      if (video.readyState >= 2 && !sending) {
        try {
          const code = await read(video);
          const now = Date.now();
          if (code && !(last && last.code === code && now - last.at < REPEAT_MS)) {
            last = { code, at: now };
            await send(code);
          }
        } catch {
          /* a frame that cannot be read: try the next one */
        }
      }
      timer = setTimeout(tick, FRAME_MS);
    };
    void tick();
  };

  void cameraSupport().then((support) => {
    if (support === "no") {
      problem.textContent = text("unsupported");
      problem.className = "muted small";
      problem.hidden = false;
      toggle.hidden = true;
      root.hidden = false;
      return;
    }
    const Detector = detectorClass();
    const reader = () => (support === "native" && Detector ? nativeReader(Detector) : canvasReader());
    toggle.addEventListener("click", () => {
      if (starting) return;
      if (stream) return stop();
      const read = reader();
      if (read) void run(read);
    });
    root.hidden = false;
  });
}

const scanner = document.querySelector<HTMLElement>("[data-qr-scanner]");
if (scanner) start(scanner);
