import { allowAll, signedIn, type ObjectProbe, type RouteAccess } from "./types";

const signedInRedirected = { anonymous: "ok", seeker: "redirect", member: "redirect", department: "redirect", bank: "redirect", mediator: "redirect", staff: "redirect", admin: "redirect" } as const;

export const routes: RouteAccess[] = [
  { file: "_index.tsx", path: "/", get: allowAll },
  { file: "healthz.ts", path: "/healthz", get: allowAll },
  { file: "login.tsx", path: "/login", get: signedInRedirected, actions: [{ form: { email: "x@y.z", password: "wrong-password" }, expect: allowAll }] },
  { file: "logout.tsx", path: "/logout", get: { ...signedIn, seeker: "redirect", member: "redirect", department: "redirect", bank: "redirect", mediator: "redirect", staff: "redirect", admin: "redirect" } },
  { file: "register.tsx", path: "/register", get: signedInRedirected, actions: [{ form: {}, expect: signedInRedirected }] },
  { file: "notifications.tsx", path: "/notifications", get: signedIn, actions: [{ form: {}, expect: signedIn }] },
];

export const probes: ObjectProbe[] = [];

