import { Chart, type RenderedChart } from "./chart";
import { useTranslation } from "react-i18next";
import type { Language } from "../lib/i18n";
import { DataTable, type Column } from "./data-table";
import { Badge } from "./ui";

export function figure(n: number | null | undefined, lng: Language | string): string {
  if (n == null) return "—";
  return n.toLocaleString(lng === "en" ? "en" : "zh-CN", { maximumFractionDigits: 1 });
}

export function pct(n: number | null | undefined, lng: Language | string): string {
  return n == null ? "—" : `${figure(n, lng)}%`;
}

type FlagView = { kind: string; figures: Record<string, string | number | null> };

/** Each flag with the figures that raised it. */
export function FlagList({ flags }: { flags: FlagView[] }) {
  const { t } = useTranslation("monitoring");
  if (flags.length === 0) return <span className="muted">{t("flags.none")}</span>;
  return (
    <ul className="flag-list">
      {flags.map((f) => (
        <li key={f.kind}>
          <Badge tone="danger">{t(`flags.${f.kind}.title`)}</Badge>
          <span className="flag-list__figures">{t(`flags.${f.kind}.figures`, flagParams(f.figures))}</span>
        </li>
      ))}
    </ul>
  );
}

/** A flag's figures as interpolation values (a missing figure shows as a dash). */
export function flagParams(figures: Record<string, string | number | null>): Record<string, string | number> {
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [k, v ?? "—"]));
}

export type FirmView = {
  month: string;
  today: string;
  activity: { kwh: number | null; indexYoy: number | null; indexTrailing: number | null; changeYoyPct: number | null };
  lastUseDay: string | null;
  months: string[];
  kwh: (number | null)[];
  taxFen: (number | null)[];
  headcount: (number | null)[];
  meters: { id: number; code: string; installedOn: string | null }[];
  premises: { landM2: number; floorM2: number } | null;
};

/** The month's activity, meters and premises of one firm. */
export function FirmFacts({ series: s }: { series: FirmView }) {
  const { t, i18n } = useTranslation("monitoring");
  const lng = i18n.language;
  return (
    <section className="card" aria-labelledby="activity">
      <h2 id="activity">{t("firm.activity", { month: s.month.slice(0, 7) })}</h2>
      <div className="grid">
        <div className="stat">
          <span className="stat__label">{t("firm.kwh")}</span> <span className="stat__value">{figure(s.activity.kwh, lng)}</span>
        </div>
        <div className="stat">
          <span className="stat__label">{t("firm.indexYoy")}</span> <span className="stat__value">{figure(s.activity.indexYoy, lng)}</span>
        </div>
        <div className="stat">
          <span className="stat__label">{t("firm.indexTrailing")}</span> <span className="stat__value">{figure(s.activity.indexTrailing, lng)}</span>
        </div>
        <div className="stat">
          <span className="stat__label">{t("firm.lastUse")}</span> <span className="stat__value">{s.lastUseDay ?? "—"}</span>
        </div>
      </div>
      <h3>{t("firm.meters")}</h3>
      {s.meters.length === 0 ? (
        <p className="muted">{t("firm.noMeter")}</p>
      ) : (
        <ul>
          {s.meters.map((m) => (
            <li key={m.id}>
              <span className="mono">{m.code}</span>{" "}
              {m.installedOn ? (
                <span className="muted small">
                  · {t("firm.installedOn")} {m.installedOn}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <h3>{t("firm.premises")}</h3>
      {s.premises ? (
        <p>
          {t("firm.land")}: {t("firm.m2", { n: figure(s.premises.landM2, lng) })} · {t("firm.floor")}: {t("firm.m2", { n: figure(s.premises.floorM2, lng) })}
        </p>
      ) : (
        <p className="muted">{t("firm.noPremises")}</p>
      )}
    </section>
  );
}

/** The last twelve months as a table (the charts' figures, readable without the picture). */
export function FirmTables({ series: s }: { series: FirmView }) {
  const { t, i18n } = useTranslation("monitoring");
  const lng = i18n.language;
  const rows = s.months
    .map((m, i) => ({ m, kwh: s.kwh[i], tax: s.taxFen[i], heads: s.headcount[i] }))
    .slice(-13)
    .reverse();
  const columns: Column<(typeof rows)[number]>[] = [
    { key: "month", header: t("firm.month"), rowHeader: true, cell: (r) => r.m.slice(0, 7) },
    { key: "kwh", header: t("firm.kwh"), align: "end", cell: (r) => figure(r.kwh, lng) },
    { key: "tax", header: t("firm.taxYuan"), align: "end", cell: (r) => (r.tax == null ? "—" : figure(r.tax / 100, lng)) },
    { key: "heads", header: t("firm.employees"), align: "end", cell: (r) => figure(r.heads, lng) },
  ];
  return (
    <section className="card" aria-labelledby="months">
      <h2 id="months">{t("firm.taxHeadcount")}</h2>
      <DataTable label={t("firm.taxHeadcount")} columns={columns} rows={rows} rowKey={(r) => r.m} empty={{ title: t("meters.none") }} />
    </section>
  );
}

type MyAlarm = { id: number; noticeNo: string; raisedAt: string | Date; status: string; building: string; floor: number; passage: string };

/** The /my section: the member's own enterprise's series and flags, and its passage alarms. */
export function MyMonitoring({
  monitoring,
  alarms,
}: {
  monitoring: { series: FirmView & { firm: { id: number; name: string }; flags: FlagView[] }; charts: { monthly: RenderedChart; daily: RenderedChart } }[];
  alarms: MyAlarm[];
}) {
  const { t } = useTranslation("monitoring");
  if (monitoring.length === 0 && alarms.length === 0) return null;
  return (
    <section className="card" aria-labelledby="my-monitoring">
      <h2 id="my-monitoring">{t("my.title")}</h2>
      <p className="muted">{t("my.lead")}</p>
      {monitoring.map(({ series, charts }) => (
        <div key={series.firm.id}>
          <h3>{series.firm.name}</h3>
          <h4>{t("firm.flags")}</h4>
          <FlagList flags={series.flags} />
          <FirmFacts series={series} />
          <FirmCharts charts={charts} />
          <FirmTables series={series} />
        </div>
      ))}
      <h3>{t("my.alarms")}</h3>
      {alarms.length === 0 ? (
        <p className="muted">{t("my.noAlarms")}</p>
      ) : (
        <ul>
          {alarms.map((a) => (
            <li key={a.id}>
              <a href={`/monitoring/alarms/${a.id}`} className="mono">
                {a.noticeNo}
              </a>{" "}
              · {a.building} · {t("buildings.floor", { floor: a.floor })} · {a.passage} ·{" "}
              <Badge tone={a.status === "open" ? "danger" : "success"}>{t(`alarms.statusOf.${a.status}`)}</Badge>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type MonitoringReportView = {
  month: string;
  prosperity: { growingPct: number; steadyPct: number; shrinkingPct: number; total: number; unknown: number };
  flagged: number;
  flagCounts: Record<string, number>;
  alarmsOpen: number;
  alarmsTotal: number;
  medianHoursToClear: number | null;
};

/** The monitoring part of /reports. */
export function MonitoringReport({ report: r }: { report: MonitoringReportView }) {
  const { t, i18n } = useTranslation("monitoring");
  const lng = i18n.language;
  return (
    <section className="card" aria-labelledby="report-monitoring">
      <h2 id="report-monitoring">{t("reports.title")}</h2>
      <p>
        {t("reports.prosperity", {
          month: r.month,
          growing: figure(r.prosperity.growingPct, lng),
          steady: figure(r.prosperity.steadyPct, lng),
          shrinking: figure(r.prosperity.shrinkingPct, lng),
          firms: r.prosperity.total - r.prosperity.unknown,
        })}
      </p>
      <div className="grid">
        <div className="stat">
          <span className="stat__label">{t("reports.flagged")}</span> <span className="stat__value">{r.flagged}</span>{" "}
          <span className="muted small">
            {Object.entries(r.flagCounts)
              .map(([k, n]) => `${t(`flags.${k}.title`)} ${n}`)
              .join(" · ")}
          </span>
        </div>
        <div className="stat">
          <span className="stat__label">{t("reports.alarmsOpen")}</span> <span className="stat__value">{r.alarmsOpen}</span>
        </div>
        <div className="stat">
          <span className="stat__label">{t("reports.alarmsTotal")}</span> <span className="stat__value">{r.alarmsTotal}</span>
        </div>
        <div className="stat">
          <span className="stat__label">{t("reports.medianToClear")}</span>{" "}
          <span className="stat__value">{r.medianHoursToClear == null ? "—" : t("alarms.hours", { n: figure(r.medianHoursToClear, lng) })}</span>
        </div>
      </div>
      <p>
        <a href="/monitoring">{t("reports.more")}</a>
      </p>
    </section>
  );
}

/** A firm's two charts, their numbers folded under each (shared <Chart>). */
export function FirmCharts({ charts }: { charts: { monthly: RenderedChart; daily: RenderedChart } }) {
  const { t } = useTranslation("monitoring");
  return (
    <div className="grid-2">
      <div className="card">
        <Chart chart={charts.monthly} numbers="details" empty={t("overview.chartEmpty")} />
      </div>
      <div className="card">
        <Chart chart={charts.daily} numbers="details" empty={t("overview.chartEmpty")} />
      </div>
    </div>
  );
}
