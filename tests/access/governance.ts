import { allowAll, only, staffOnly, type ByRole, type ObjectProbe, type RouteAccess } from "./types";

// Governance: charters (public adopted texts), assemblies and elections (members of the
// association and staff), the ballot (member representatives), bulletin and results (public).
const membersAndStaff = only("member", "staff", "admin");
const voters = only("member");
const anyone: ByRole = allowAll;

export const routes: RouteAccess[] = [
  { file: "charters._index.tsx", path: "/charters", get: anyone, actions: [{ intent: "create", form: {}, expect: staffOnly }] },
  {
    file: "charters.$id.tsx",
    path: "/charters/{adoptedCharter}",
    get: anyone,
    // The adopted v1 takes no amendment and no edit: valid forms are refused (409) by the module.
    actions: [
      {
        intent: "amend",
        form: {},
        expect: membersAndStaff,
        validForm: { clause: "第一章 总则", oldText: "", newText: "坏输入", reason: "坏输入", enterpriseId: "1" },
      },
      { intent: "accept", form: {}, expect: staffOnly },
      { intent: "reject", form: {}, expect: staffOnly },
      { intent: "toMotion", form: {}, expect: staffOnly },
      { intent: "draft", form: {}, expect: staffOnly, skipBadInput: "a valid form creates a new draft version in the shared e2e data" },
      { intent: "edit", form: {}, expect: staffOnly, validForm: { title: "坏输入", body: "坏输入", note: "" } },
      { intent: "propose", form: {}, expect: staffOnly, skipBadInput: "no fields" },
    ],
  },
  { file: "assemblies._index.tsx", path: "/assemblies", get: membersAndStaff, actions: [{ intent: "schedule", form: {}, expect: staffOnly }] },
  {
    file: "assemblies.$id.tsx",
    path: "/assemblies/{foundingAssembly}",
    get: membersAndStaff,
    // The founding assembly is closed: every command is refused by the module (409) after validation.
    actions: [
      { intent: "open", form: {}, expect: staffOnly, skipBadInput: "no fields" },
      { intent: "close", form: {}, expect: staffOnly, skipBadInput: "no fields" },
      { intent: "checkIn", form: {}, expect: staffOnly, validForm: { enterpriseId: "2" } },
      { intent: "codeCheckIn", form: {}, expect: membersAndStaff, validForm: { enterpriseId: "1", code: "123456" } },
      { intent: "proxy", form: {}, expect: staffOnly, validForm: { fromEnterpriseId: "2", holderEnterpriseId: "3" } },
      { intent: "motion", form: {}, expect: staffOnly, validForm: { kind: "other", title: "坏输入", body: "", threshold: "majority_cast" } },
      { intent: "motionResult", form: {}, expect: staffOnly, validForm: { motionId: "1", yes: "1", no: "0", abstain: "0" } },
      { intent: "openVoting", form: {}, expect: staffOnly, validForm: { motionId: "1" } },
      { intent: "closeVoting", form: {}, expect: staffOnly, validForm: { motionId: "1", yes: "0", no: "0", abstain: "0" } },
      { intent: "motionVote", form: {}, expect: voters, validForm: { motionId: "1", enterpriseId: "1", choice: "yes", confirm: "on" } },
    ],
  },
  {
    file: "elections._index.tsx",
    path: "/elections",
    get: membersAndStaff,
    actions: [{ intent: "create", form: {}, expect: staffOnly, skipBadInput: "a valid form creates an election in the shared e2e data" }],
  },
  {
    file: "elections.$id._index.tsx",
    path: "/elections/{certifiedElection}",
    get: membersAndStaff,
    // The founding election is certified: setup and stage commands are refused (409) by the module.
    actions: [
      { intent: "position", form: {}, expect: staffOnly, validForm: { nameZh: "坏输入", nameEn: "bad", seats: "1" } },
      { intent: "nominate", form: {}, expect: membersAndStaff, skipBadInput: "covered by the module tests; a valid form on a draft would add a candidate" },
      { intent: "second", form: {}, expect: membersAndStaff, skipBadInput: "hidden fields only" },
      { intent: "accept", form: {}, expect: membersAndStaff, skipBadInput: "hidden fields only" },
      { intent: "withdraw", form: {}, expect: membersAndStaff, skipBadInput: "hidden fields only" },
      { intent: "advance", form: {}, expect: staffOnly, skipBadInput: "a valid step would move an election on" },
      { intent: "paperBallot", form: {}, expect: staffOnly, validForm: { enterpriseId: "2" } },
      { intent: "paperTotals", form: {}, expect: staffOnly, validForm: { ballots: "1", blank: "0" } },
      { intent: "paperConfirm", form: {}, expect: staffOnly, skipBadInput: "no fields" },
      { intent: "representative", form: {}, expect: staffOnly, validForm: { enterpriseId: "2", userId: "demo-member" } },
    ],
  },
  {
    file: "elections.$id.ballot.tsx",
    path: "/elections/{openElection}/ballot",
    get: voters,
    actions: [{ form: {}, expect: voters, skipBadInput: "a valid ballot is a vote: covered by the module tests and the e2e journey" }],
  },
  {
    file: "elections.$id.bulletin.tsx",
    path: "/elections/{certifiedElection}/bulletin",
    get: anyone,
    noObjectProbe: "public: every receipt with its ballot is published after the tally",
  },
  {
    file: "elections.$id.results.tsx",
    path: "/elections/{certifiedElection}/results",
    get: anyone,
    noObjectProbe: "public once tallied: the announcement of the result",
  },
];

export const probes: ObjectProbe[] = [
  { description: "a seeker opens a charter version that is only proposed (members and staff)", as: "seeker", path: "/charters/{proposedCharter}" },
  {
    description: "a member opens a meeting of an association their enterprise is not in",
    as: "member",
    path: "/assemblies/{otherAssembly}",
    mustNotContain: ["执委会季度会议"],
  },
  {
    description: "a member checks in to a meeting of another association",
    as: "member",
    path: "/assemblies/{otherAssembly}",
    method: "POST",
    form: { intent: "codeCheckIn", enterpriseId: "1", code: "123456" },
  },
  {
    description: "a member votes on a motion of a meeting of another association",
    as: "member",
    path: "/assemblies/{otherAssembly}",
    method: "POST",
    form: { intent: "motionVote", motionId: "1", enterpriseId: "1", choice: "yes", confirm: "on" },
  },
  { description: "a member opens a draft election", as: "member", path: "/elections/{draftElection}" },
  {
    description: "a member nominates in a draft election they cannot see",
    as: "member",
    path: "/elections/{draftElection}",
    method: "POST",
    form: { intent: "nominate", positionId: "1", enterpriseId: "1", personName: "x" },
  },
  { description: "a member opens the ballot of a draft election", as: "member", path: "/elections/{draftElection}/ballot" },
];
