import { getActor, redirectToLogin } from "./auth.server";
import { can, type Ability, type Actor } from "./permissions";

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

export function badRequest(message = "Bad Request"): never {
  throw new Response(message, { status: 400 });
}

/**
 * The gate of every loader and action: the public is sent to sign in, a signed-in user without
 * the ability gets 403. Returns the actor for the module call that follows.
 */
export async function requireAbility(request: Request, ability: Ability): Promise<Actor> {
  const actor = await getActor(request);
  if (can(actor, ability)) return actor;
  if (!actor) redirectToLogin(request);
  forbidden();
}

export async function requireSignedIn(request: Request, ability: Ability): Promise<NonNullable<Actor>> {
  const actor = await requireAbility(request, ability);
  if (!actor) redirectToLogin(request);
  return actor;
}
