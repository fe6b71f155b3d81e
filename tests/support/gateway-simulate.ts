// A meter collector and a passage camera, simulated: posts a realistic day of quarter-hour
// readings and a passage alarm to a running portal through its gateway API.
//
//   npm run gateway:simulate -- --url http://localhost:3000 --token yjg_… [--meters 20] [--date 2026-12-04]
//       [--building XJ-01 --floor 2 --passage P2] [--clear] [--no-readings] [--no-alarm]
//
// The token comes from /admin/gateways (scopes: meter readings and/or passage alarms). Meter
// numbers are the demo data's (M00001…). Sending the same day twice stores nothing new.
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    token: { type: "string" },
    meters: { type: "string", default: "20" },
    date: { type: "string" },
    building: { type: "string", default: "XJ-01" },
    floor: { type: "string", default: "2" },
    passage: { type: "string", default: "P2" },
    clear: { type: "boolean", default: false },
    "no-readings": { type: "boolean", default: false },
    "no-alarm": { type: "boolean", default: false },
  },
});

if (!values.url || !values.token) {
  console.error(
    "usage: npm run gateway:simulate -- --url http://localhost:3000 --token yjg_… [--meters 20] [--date YYYY-MM-DD] [--building XJ-01 --floor 2 --passage P2] [--clear]",
  );
  process.exit(2);
}
const base = values.url.replace(/\/$/, "");
const headers = { Authorization: `Bearer ${values.token}`, "Content-Type": "application/json" };

/** Share of a day's electricity in each quarter hour: two shifts and an evening overtime. */
function profile(quarter: number): number {
  const h = quarter / 4;
  if ((h >= 7.5 && h < 12) || (h >= 13 && h < 17.5)) return 1;
  if (h >= 18.5 && h < 21) return 0.7;
  return 0.08;
}

async function post(path: string, body: unknown) {
  const res = await fetch(`${base}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text.length > 600 ? `${text.slice(0, 600)}…` : text };
}

const shanghai = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" });
const day = values.date ?? shanghai.format(new Date());
const now = Date.now();

if (!values["no-readings"]) {
  const count = Math.max(1, Math.min(2000, Number(values.meters) || 20));
  const readings: { meter: string; time: string; kwh: number }[] = [];
  const weights = Array.from({ length: 96 }, (_, q) => profile(q));
  const total = weights.reduce((a, b) => a + b, 0);
  for (let m = 1; m <= count; m++) {
    const daily = 150 + ((m * 7919) % 900);
    for (let q = 1; q <= 96; q++) {
      const at = Date.parse(`${day}T00:00:00+08:00`) + q * 15 * 60_000;
      if (at > now) break; // a collector sends what has been measured
      const noise = 0.9 + ((m * 31 + q * 17) % 20) / 100;
      readings.push({
        meter: `M${String(m).padStart(5, "0")}`,
        time: new Date(at).toISOString(),
        kwh: Math.round(((daily * weights[q - 1]) / total) * noise * 100) / 100,
      });
    }
  }
  for (let i = 0; i < readings.length; i += 5000) {
    const r = await post("/api/monitoring/readings", { readings: readings.slice(i, i + 5000) });
    console.log(`readings ${i + 1}-${Math.min(i + 5000, readings.length)}: ${r.status} ${r.body}`);
    if (r.status >= 400) process.exitCode = 1;
  }
}

if (!values["no-alarm"]) {
  // A small grey JPEG stands in for the camera's frame.
  const photo =
    "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAAIAAgBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQAAAAE//9k=";
  const event = {
    building: values.building,
    floor: Number(values.floor),
    passage: values.passage,
    time: new Date(Math.min(now, Date.parse(`${day}T23:59:00+08:00`))).toISOString(),
    status: values.clear ? "clear" : "blocked",
    ...(values.clear ? {} : { photo }),
  };
  const r = await post("/api/monitoring/passage-alarms", event);
  console.log(`passage ${event.status}: ${r.status} ${r.body}`);
  if (r.status >= 400) process.exitCode = 1;
}
