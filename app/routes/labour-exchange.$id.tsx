import { DataTable, type Column } from "../components/data-table";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField } from "../components/fields";
import { LabourKindBadge, LabourStatusBadge, SkillList } from "../components/labour/ui";
import { ConfirmAction, PageHeader } from "../components/ui";
import { badRequest, notFound, requireSignedIn } from "../lib/guard.server";
import { redirectWithFlash } from "../lib/flash.server";
import { shanghaiToday } from "../lib/format";
import { can } from "../lib/permissions";
import { clientIp } from "../lib/request.server";
import { parseForm } from "../lib/validation";
import { closeLabourPost, getLabourPost, placementsOf, recordPlacement, suggestMatches } from "../modules/labour/labour.server";
import { placementSchema } from "../modules/labour/forms";
import { idParam, parseId } from "../lib/ids";
import { recordTitleMeta } from "../lib/page-title";

export const meta = recordTitleMeta<typeof loader>("labourExchangeId", (d) => ({ name: d.post.enterpriseName }));

export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requireSignedIn(request, "labour.view");
  const post = await getLabourPost(actor, idParam(params));
  if (!post) notFound();
  const { createdBy: _c, ...shown } = post;
  const suggestions = await suggestMatches(post);
  return {
    post: shown,
    suggestions: suggestions.map((s) => ({
      id: s.post.id,
      enterpriseName: s.post.enterpriseName,
      skills: s.post.skills,
      periodStart: s.post.periodStart,
      periodEnd: s.post.periodEnd,
      location: s.post.location,
      remaining: s.post.remaining,
      match: s.match,
    })),
    placements: await placementsOf(post.id),
    canPlace: can(actor, "labour.place"),
    canClose: post.status === "open" && (post.own || can(actor, "labour.place")),
    today: shanghaiToday(),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const actor = await requireSignedIn(request, "labour.view");
  const post = await getLabourPost(actor, idParam(params));
  if (!post) notFound();
  const formData = await request.formData();
  const intent = formData.get("intent");
  if (intent === "close") {
    if (!post.own && !can(actor, "labour.place")) notFound();
    const result = await closeLabourPost(actor, post.id, clientIp(request));
    if (!result.ok) {
      if (result.error === "notFound") notFound();
      return data({ errors: { _form: `labour:errors.${result.error}` } as Record<string, string>, counterpart: null }, { status: 409 });
    }
    throw redirectWithFlash(`/labour-exchange/${post.id}`, "labour:flash.closed", request);
  }
  if (intent === "place") {
    const staff = await requireSignedIn(request, "labour.place");
    const counterpartRaw = String(formData.get("counterpartId") ?? "");
    const counterpart = parseId(counterpartRaw);
    const pair =
      post.kind === "surplus" ? { surplusPostId: post.id, shortagePostId: counterpartRaw } : { surplusPostId: counterpartRaw, shortagePostId: post.id };
    const fields = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string"));
    const parsed = parseForm(placementSchema, toFormData({ ...fields, ...pair }));
    // A refused placement comes back with what was typed (the page is not hydrated: decision 034).
    if (!parsed.ok) return data({ errors: parsed.errors, counterpart, values: fields }, { status: 400 });
    const result = await recordPlacement(staff, parsed.data, clientIp(request));
    if (!result.ok) {
      if (result.error === "notFound") notFound();
      return data({ errors: { _form: `labour:errors.${result.error}` } as Record<string, string>, counterpart, values: fields }, { status: 409 });
    }
    throw redirectWithFlash(`/labour-exchange/${post.id}`, "labour:flash.placed", request);
  }
  badRequest();
}

function toFormData(values: Record<string, unknown>): FormData {
  const fd = new FormData();
  for (const [k, v] of Object.entries(values)) fd.set(k, String(v));
  return fd;
}

export default function LabourPostPage() {
  const { t } = useTranslation("labour");
  const { post, suggestions, placements, canPlace, canClose, today } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as
    { errors: Record<string, string> | null; counterpart: number | null; values?: Record<string, string> } | undefined;
  const navigation = useNavigation();
  const suggestionColumns: Column<(typeof suggestions)[number]>[] = [
    { key: "score", header: t("detail.score"), align: "end", cell: (s) => <strong>{s.match.score}</strong> },
    { key: "enterprise", header: t("fields.enterprise"), cell: (s) => <Link to={`/labour-exchange/${s.id}`}>{s.enterpriseName}</Link> },
    { key: "skills", header: t("detail.commonSkills"), cell: (s) => <SkillList skills={s.match.commonSkills} /> },
    {
      key: "period",
      header: t("fields.period"),
      className: "small",
      cell: (s) => `${s.periodStart} – ${s.periodEnd} (${t("detail.overlapDays", { days: s.match.overlapDays })})`,
    },
    { key: "location", header: t("fields.location"), cell: (s) => s.location },
    { key: "couldPlace", header: t("detail.couldPlace"), align: "end", cell: (s) => s.match.headcount },
  ];
  if (canPlace) {
    suggestionColumns.push({
      key: "record",
      header: t("detail.record"),
      cell: (s) => {
        const typed = actionData?.counterpart === s.id ? (actionData.values ?? {}) : {};
        return (
          <details className="confirm" open={actionData?.counterpart === s.id}>
            <summary className="btn btn--small">{t("detail.record")}</summary>
            <Form method="post" className="confirm__box">
              <FormErrors errors={actionData?.counterpart === s.id ? actionData.errors : null} />
              <input type="hidden" name="counterpartId" value={s.id} />
              <TextField
                label={t("detail.placedHeadcount")}
                name="headcount"
                type="number"
                min={1}
                max={s.match.headcount}
                defaultValue={typed.headcount ?? String(s.match.headcount)}
                required
              />
              <TextField label={t("detail.placedOn")} name="placedOn" type="date" defaultValue={typed.placedOn ?? today} required />
              <TextField label={t("fields.note")} name="note" maxLength={500} defaultValue={typed.note ?? ""} />
              <button type="submit" name="intent" value="place" className="btn btn--small" disabled={navigation.state === "submitting"}>
                {t("detail.recordConfirm")}
              </button>
            </Form>
          </details>
        );
      },
    });
  }
  const placementColumns: Column<(typeof placements)[number]>[] = [
    { key: "placedOn", header: t("detail.placedOn"), cell: (p) => p.placedOn },
    { key: "lender", header: t("detail.lender"), cell: (p) => p.lenderName },
    { key: "taker", header: t("detail.taker"), cell: (p) => p.takerName },
    { key: "headcount", header: t("detail.placedHeadcount"), align: "end", cell: (p) => p.headcount },
  ];
  return (
    <>
      <PageHeader
        title={t("detail.title", { enterprise: post.enterpriseName, kind: t(`kind.${post.kind}`) })}
        lead={
          <>
            <LabourKindBadge kind={post.kind} /> <LabourStatusBadge status={post.status} /> {t("detail.next", { context: post.status })}
          </>
        }
        actions={
          <Link className="btn btn--ghost btn--small" to="/labour-exchange">
            {t("detail.back")}
          </Link>
        }
      />
      {actionData?.errors && actionData.counterpart == null ? <FormErrors errors={actionData.errors} /> : null}
      <section className="card">
        <dl className="facts">
          <dt>{t("fields.skills")}</dt>
          <dd>
            <SkillList skills={post.skills} />
          </dd>
          <dt>{t("fields.headcount")}</dt>
          <dd>{t("detail.headcount", { headcount: post.headcount, placed: post.placed, remaining: post.remaining })}</dd>
          <dt>{t("fields.period")}</dt>
          <dd>
            {post.periodStart} – {post.periodEnd}
          </dd>
          <dt>{t("fields.location")}</dt>
          <dd>{post.location}</dd>
          {post.note ? (
            <>
              <dt>{t("fields.note")}</dt>
              <dd>{post.note}</dd>
            </>
          ) : null}
        </dl>
        {canClose ? (
          <div className="form-actions" style={{ marginTop: "1rem" }}>
            <ConfirmAction label={t("detail.close")} question={t("detail.closeQuestion")} confirmLabel={t("detail.closeConfirm")} intent="close" danger />
          </div>
        ) : null}
      </section>

      <section className="card">
        <h2>{t("detail.suggestions")}</h2>
        <p className="muted small">{t("detail.scoreExplained")}</p>
        <DataTable
          label={t("detail.suggestions")}
          columns={suggestionColumns}
          rows={suggestions}
          empty={{ title: t("detail.noSuggestions"), body: t("detail.noSuggestionsBody") }}
        />
      </section>

      <section className="card">
        <h2>{t("detail.placements")}</h2>
        <DataTable label={t("detail.placements")} columns={placementColumns} rows={placements} empty={{ title: t("detail.noPlacements") }} />
      </section>
    </>
  );
}
