import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { logout } from "../lib/auth.server";
import { requireAbility } from "../lib/guard.server";

// Signing out changes state, so it is a POST (the header's button); a GET just goes home.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAbility(request, "account.logout");
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  await requireAbility(request, "account.logout");
  throw redirect("/", { headers: { "Set-Cookie": await logout(request) } });
}
