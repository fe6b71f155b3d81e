import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors, TextField } from "../components/fields";
import { LabourKindBadge, LabourStatusBadge, SkillList } from "../components/labour/ui";
import { Alert, ConfirmAction, EmptyState, PageHeader } from "../components/ui";
import { badRequest, notFound, requireSignedIn } from "../lib/guard.server";
import { shanghaiToday } from "../lib/format";
import { can } from "../lib/permissions";
import { clientIp } from "../lib/request.server";
import { parseForm } from "../lib/validation";
import { closeLabourPost, getLabourPost, placementsOf, recordPlacement, suggestMatches } from "../modules/labour/labour.server";
import { placementSchema } from "../modules/labour/forms";
import { idParam, parseId } from "../lib/ids";

export const meta: MetaFunction = () => [{ title: "余缺信息 Labour post" }];

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
    return data({ done: "closed", errors: null, counterpart: null });
  }
  if (intent === "place") {
    const staff = await requireSignedIn(request, "labour.place");
    const counterpartRaw = String(formData.get("counterpartId") ?? "");
    const counterpart = parseId(counterpartRaw);
    const pair = post.kind === "surplus" ? { surplusPostId: post.id, shortagePostId: counterpartRaw } : { surplusPostId: counterpartRaw, shortagePostId: post.id };
    const fields = Object.fromEntries([...formData.entries()].filter(([, v]) => typeof v === "string"));
    const parsed = parseForm(placementSchema, toFormData({ ...fields, ...pair }));
    if (!parsed.ok) return data({ errors: parsed.errors, counterpart }, { status: 400 });
    const result = await recordPlacement(staff, parsed.data, clientIp(request));
    if (!result.ok) {
      if (result.error === "notFound") notFound();
      return data({ errors: { _form: `labour:errors.${result.error}` } as Record<string, string>, counterpart }, { status: 409 });
    }
    return data({ done: "placed", errors: null, counterpart: null });
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
  const actionData = useActionData<typeof action>() as { done?: string; errors: Record<string, string> | null; counterpart: number | null } | undefined;
  const navigation = useNavigation();
  return (
    <>
      <PageHeader
        title={t("detail.title", { enterprise: post.enterpriseName, kind: t(`kind.${post.kind}`) })}
        lead={
          <>
            <LabourKindBadge kind={post.kind} /> <LabourStatusBadge status={post.status} /> {t("detail.next", { context: post.status })}
          </>
        }
        actions={<Link className="btn btn--ghost btn--small" to="/labour-exchange">{t("detail.back")}</Link>}
      />
      {actionData?.done ? <Alert tone="success">{t(`done.${actionData.done}`)}</Alert> : null}
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
        {suggestions.length === 0 ? (
          <EmptyState title={t("detail.noSuggestions")}>{t("detail.noSuggestionsBody")}</EmptyState>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th className="num">{t("detail.score")}</th>
                  <th>{t("fields.enterprise")}</th>
                  <th>{t("detail.commonSkills")}</th>
                  <th>{t("fields.period")}</th>
                  <th>{t("fields.location")}</th>
                  <th className="num">{t("detail.couldPlace")}</th>
                  {canPlace ? <th>{t("detail.record")}</th> : null}
                </tr>
              </thead>
              <tbody>
                {suggestions.map((s) => (
                  <tr key={s.id}>
                    <td className="num">
                      <strong>{s.match.score}</strong>
                    </td>
                    <td>
                      <Link to={`/labour-exchange/${s.id}`}>{s.enterpriseName}</Link>
                    </td>
                    <td>
                      <SkillList skills={s.match.commonSkills} />
                    </td>
                    <td className="small">
                      {s.periodStart} – {s.periodEnd} ({t("detail.overlapDays", { days: s.match.overlapDays })})
                    </td>
                    <td>{s.location}</td>
                    <td className="num">{s.match.headcount}</td>
                    {canPlace ? (
                      <td>
                        <details className="confirm" open={actionData?.counterpart === s.id}>
                          <summary className="btn btn--small">{t("detail.record")}</summary>
                          <Form method="post" className="confirm__box">
                            <FormErrors errors={actionData?.counterpart === s.id ? actionData.errors : null} />
                            <input type="hidden" name="counterpartId" value={s.id} />
                            <TextField label={t("detail.placedHeadcount")} name="headcount" type="number" min={1} max={s.match.headcount} defaultValue={String(s.match.headcount)} required />
                            <TextField label={t("detail.placedOn")} name="placedOn" type="date" defaultValue={today} required />
                            <TextField label={t("fields.note")} name="note" maxLength={500} />
                            <button type="submit" name="intent" value="place" className="btn btn--small" disabled={navigation.state === "submitting"}>
                              {t("detail.recordConfirm")}
                            </button>
                          </Form>
                        </details>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="card">
        <h2>{t("detail.placements")}</h2>
        {placements.length === 0 ? (
          <EmptyState title={t("detail.noPlacements")} />
        ) : (
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th>{t("detail.placedOn")}</th>
                  <th>{t("detail.lender")}</th>
                  <th>{t("detail.taker")}</th>
                  <th className="num">{t("detail.placedHeadcount")}</th>
                </tr>
              </thead>
              <tbody>
                {placements.map((p) => (
                  <tr key={p.id}>
                    <td>{p.placedOn}</td>
                    <td>{p.lenderName}</td>
                    <td>{p.takerName}</td>
                    <td className="num">{p.headcount}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
