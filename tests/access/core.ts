import { allowAll, signedIn, staffOnly, type ObjectProbe, type RouteAccess } from "./types";

const signedInRedirected = {
  anonymous: "ok",
  seeker: "redirect",
  member: "redirect",
  department: "redirect",
  bank: "redirect",
  mediator: "redirect",
  staff: "redirect",
  admin: "redirect",
} as const;

export const routes: RouteAccess[] = [
  { file: "_index.tsx", path: "/", get: allowAll },
  { file: "healthz.ts", path: "/healthz", get: allowAll },
  {
    file: "login.tsx",
    path: "/login",
    get: signedInRedirected,
    // An empty password is refused before any credential check (400), so the walker does not count as failed logins.
    actions: [
      { form: { email: "x@y.z", password: "" }, expect: allowAll, validForm: { email: "{unique}@bad-input.test", password: "wrong-password-1", next: "/" } },
    ],
  },
  {
    file: "logout.tsx",
    path: "/logout",
    get: {
      ...signedIn,
      seeker: "redirect",
      member: "redirect",
      department: "redirect",
      bank: "redirect",
      mediator: "redirect",
      staff: "redirect",
      admin: "redirect",
    },
    actions: [
      {
        form: {},
        endsSession: true,
        expect: {
          ...signedIn,
          seeker: "redirect",
          member: "redirect",
          department: "redirect",
          bank: "redirect",
          mediator: "redirect",
          staff: "redirect",
          admin: "redirect",
        },
      },
    ],
  },
  {
    file: "register.tsx",
    path: "/register",
    get: signedInRedirected,
    actions: [
      {
        form: {},
        expect: signedInRedirected,
        validForm: {
          displayName: "坏输入测试",
          email: "{unique}@bad-input.test",
          phone: "13812345678",
          password: "long-enough-password",
          confirmPassword: "long-enough-password",
        },
      },
    ],
  },
  {
    file: "forgot-password.tsx",
    path: "/forgot-password",
    get: allowAll,
    // Any address gets the same answer; an unknown one sends nothing.
    actions: [{ form: { email: "not-an-email" }, expect: allowAll, validForm: { email: "{unique}@bad-input.test" } }],
  },
  {
    file: "reset-password.$token.tsx",
    path: "/reset-password/unknown-token",
    get: allowAll,
    // An unknown token: the page says to request a new link, whoever asks (the token is the only key).
    actions: [{ form: { password: "long-enough-password", confirmPassword: "long-enough-password" }, expect: allowAll }],
    noObjectProbe: "the record is reached only through its unguessable token, not an id: a wrong token gets the same 'request a new link' page for everyone",
  },
  { file: "notifications.tsx", path: "/notifications", get: signedIn, actions: [{ form: {}, expect: signedIn }] },
  { file: "today.tsx", path: "/today", get: staffOnly },
];

export const probes: ObjectProbe[] = [];
