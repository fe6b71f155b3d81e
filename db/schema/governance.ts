import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, serial, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { associations, enterprises } from "./members";
import {
  documentKinds,
  versionStatuses,
  amendmentStatuses,
  assemblyKinds,
  assemblyStatuses,
  quorumRules,
  checkInMethods,
  motionKinds,
  motionThresholds,
  motionStatuses,
  motionChoices,
  electionStatuses,
  candidateStatuses,
  voteChannels,
  resultOutcomes,
} from "../../app/modules/governance/constants";
export * from "../../app/modules/governance/constants";

// Governance: charters (and election rules) as versioned texts with amendments, assemblies with a
// frozen roll, attendance, proxies and motions, and secret-ballot elections.
// Hand-written SQL (stage locks, append-only ballots) is in the migration <n>_governance_sql.sql.

/** A governing text of one association: its charter (章程) or its election rules (选举办法). */
export const governanceDocuments = pgTable(
  "governance_documents",
  {
    id: serial("id").primaryKey(),
    associationId: integer("association_id")
      .notNull()
      .references(() => associations.id),
    kind: text("kind", { enum: documentKinds }).notNull(),
  },
  (t) => [uniqueIndex("governance_documents_association_kind_uq").on(t.associationId, t.kind)],
);

export const documentVersions = pgTable(
  "document_versions",
  {
    id: serial("id").primaryKey(),
    documentId: integer("document_id")
      .notNull()
      .references(() => governanceDocuments.id),
    version: integer("version").notNull(),
    title: text("title").notNull(),
    /** Markdown; rendered on the server with raw HTML escaped. */
    body: text("body").notNull(),
    status: text("status", { enum: versionStatuses }).notNull().default("draft"),
    note: text("note"),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    proposedAt: timestamp("proposed_at", { withTimezone: true }),
    adoptedAt: timestamp("adopted_at", { withTimezone: true }),
    /** The motion that adopted it (null when adopted before the portal). */
    adoptedByMotionId: integer("adopted_by_motion_id"),
  },
  (t) => [
    uniqueIndex("document_versions_document_version_uq").on(t.documentId, t.version),
    // One adopted version per document at a time.
    uniqueIndex("document_versions_one_adopted_uq")
      .on(t.documentId)
      .where(sql`status = 'adopted'`),
  ],
);

/** A change to one clause of a proposed version: old text, new text, reason. */
export const amendments = pgTable(
  "amendments",
  {
    id: serial("id").primaryKey(),
    versionId: integer("version_id")
      .notNull()
      .references(() => documentVersions.id),
    clause: text("clause").notNull(),
    oldText: text("old_text").notNull(),
    newText: text("new_text").notNull(),
    reason: text("reason").notNull(),
    proposedBy: text("proposed_by")
      .notNull()
      .references(() => users.id),
    /** The enterprise a member representative proposed it for (null: staff). */
    enterpriseId: integer("enterprise_id").references(() => enterprises.id),
    status: text("status", { enum: amendmentStatuses }).notNull().default("proposed"),
    decisionReason: text("decision_reason"),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    motionId: integer("motion_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("amendments_version_idx").on(t.versionId)],
);

export const assemblies = pgTable(
  "assemblies",
  {
    id: serial("id").primaryKey(),
    associationId: integer("association_id")
      .notNull()
      .references(() => associations.id),
    kind: text("kind", { enum: assemblyKinds }).notNull(),
    title: text("title").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    place: text("place"),
    onlineUrl: text("online_url"),
    agenda: text("agenda").notNull().default(""),
    quorumRule: text("quorum_rule", { enum: quorumRules }).notNull().default("half"),
    /** How many other enterprises' votes one present representative may hold (the rules: 0 or 1). */
    proxyLimit: smallint("proxy_limit").notNull().default(1),
    status: text("status", { enum: assemblyStatuses }).notNull().default("scheduled"),
    /** Shown in the room; representatives check in with it. Set when the assembly opens. */
    meetingCode: text("meeting_code"),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("assemblies_association_idx").on(t.associationId, t.startsAt), check("assemblies_proxy_limit_ck", sql`proxy_limit between 0 and 1`)],
);

/** The roll, computed when the assembly opens and frozen from then on (a trigger refuses changes). */
export const assemblyRoll = pgTable(
  "assembly_roll",
  {
    assemblyId: integer("assembly_id")
      .notNull()
      .references(() => assemblies.id),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    representativeUserId: text("representative_user_id").references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.assemblyId, t.enterpriseId] })],
);

export const assemblyAttendance = pgTable(
  "assembly_attendance",
  {
    assemblyId: integer("assembly_id").notNull(),
    enterpriseId: integer("enterprise_id").notNull(),
    method: text("method", { enum: checkInMethods }).notNull(),
    checkedInBy: text("checked_in_by"),
    checkedInAt: timestamp("checked_in_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.assemblyId, t.enterpriseId] })],
);

/** An absent enterprise's vote held by a present one: each holder at most one, each absentee once. */
export const assemblyProxies = pgTable(
  "assembly_proxies",
  {
    assemblyId: integer("assembly_id").notNull(),
    fromEnterpriseId: integer("from_enterprise_id").notNull(),
    holderEnterpriseId: integer("holder_enterprise_id").notNull(),
    recordedBy: text("recorded_by"),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.assemblyId, t.fromEnterpriseId] }),
    uniqueIndex("assembly_proxies_holder_uq").on(t.assemblyId, t.holderEnterpriseId),
    check("assembly_proxies_not_self_ck", sql`from_enterprise_id <> holder_enterprise_id`),
  ],
);

export const motions = pgTable(
  "motions",
  {
    id: serial("id").primaryKey(),
    assemblyId: integer("assembly_id")
      .notNull()
      .references(() => assemblies.id),
    kind: text("kind", { enum: motionKinds }).notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    versionId: integer("version_id").references(() => documentVersions.id),
    amendmentId: integer("amendment_id").references(() => amendments.id),
    secret: boolean("secret").notNull().default(false),
    threshold: text("threshold", { enum: motionThresholds }).notNull().default("majority_cast"),
    status: text("status", { enum: motionStatuses }).notNull().default("pending"),
    yes: integer("yes"),
    no: integer("no"),
    abstain: integer("abstain"),
    /** Votes present (attendance plus proxies) when it was decided, and the roll size. */
    present: integer("present"),
    rollSize: integer("roll_size"),
    quorumMet: boolean("quorum_met"),
    /** Online voting by the representatives: opened and closed by staff (null: counted in the room only). */
    votingOpenedAt: timestamp("voting_opened_at", { withTimezone: true }),
    votingClosedAt: timestamp("voting_closed_at", { withTimezone: true }),
    /** The online part of yes / no / abstain (the rest was counted in the room or on paper). */
    onlineYes: integer("online_yes"),
    onlineNo: integer("online_no"),
    onlineAbstain: integer("online_abstain"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    decidedBy: text("decided_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("motions_assembly_idx").on(t.assemblyId)],
);

/**
 * Who has voted online on a motion (one row per enterprise: the primary key refuses a second vote),
 * written in the same statement as the motion ballot. heldBy: the present enterprise whose
 * representative cast the vote of this absent one (a proxy). openChoice: how it voted, for open
 * motions only (null for a secret motion: then nothing here says how). No time is kept.
 */
export const motionVoters = pgTable(
  "motion_voters",
  {
    motionId: integer("motion_id")
      .notNull()
      .references(() => motions.id),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    heldBy: integer("held_by").references(() => enterprises.id),
    openChoice: text("open_choice", { enum: motionChoices }),
  },
  (t) => [primaryKey({ columns: [t.motionId, t.enterpriseId] })],
);

/**
 * A motion ballot, as an election ballot: a random id, the motion and the choice; nothing names a
 * voter and there is no time column. Secret motions are rewritten in random order when voting
 * closes. tests/integration/governance-elections.test.ts reads these columns.
 */
export const motionBallots = pgTable(
  "motion_ballots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    motionId: integer("motion_id")
      .notNull()
      .references(() => motions.id),
    choice: text("choice", { enum: motionChoices }).notNull(),
  },
  (t) => [index("motion_ballots_motion_idx").on(t.motionId)],
);

export const elections = pgTable(
  "elections",
  {
    id: serial("id").primaryKey(),
    associationId: integer("association_id")
      .notNull()
      .references(() => associations.id),
    assemblyId: integer("assembly_id").references(() => assemblies.id),
    title: text("title").notNull(),
    status: text("status", { enum: electionStatuses }).notNull().default("draft"),
    /** 差额选举: candidates must exceed seats by this share (percent); null = not competitive. */
    competitivePct: smallint("competitive_pct"),
    /** Whether enterprises may also vote on paper at the assembly (hybrid). */
    paperBallots: boolean("paper_ballots").notNull().default(false),
    opensOn: text("opens_on"),
    closesOn: text("closes_on"),
    openedAt: timestamp("opened_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    talliedAt: timestamp("tallied_at", { withTimezone: true }),
    certifiedAt: timestamp("certified_at", { withTimezone: true }),
    certifiedBy: text("certified_by"),
    /** Tally figures (filled when tallied). */
    rollSize: integer("roll_size"),
    onlineBallots: integer("online_ballots"),
    paperBallotCount: integer("paper_ballot_count"),
    blankBallots: integer("blank_ballots"),
    hasTie: boolean("has_tie"),
    createdBy: text("created_by").references(() => users.id),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("elections_association_idx").on(t.associationId),
    check("elections_competitive_ck", sql`competitive_pct is null or competitive_pct between 1 and 100`),
  ],
);

export const electionPositions = pgTable(
  "election_positions",
  {
    id: serial("id").primaryKey(),
    electionId: integer("election_id")
      .notNull()
      .references(() => elections.id),
    nameZh: text("name_zh").notNull(),
    nameEn: text("name_en").notNull(),
    seats: smallint("seats").notNull(),
    sort: smallint("sort").notNull().default(0),
  },
  (t) => [index("election_positions_election_idx").on(t.electionId), check("election_positions_seats_ck", sql`seats between 1 and 99`)],
);

export const electionCandidates = pgTable(
  "election_candidates",
  {
    id: serial("id").primaryKey(),
    electionId: integer("election_id")
      .notNull()
      .references(() => elections.id),
    positionId: integer("position_id")
      .notNull()
      .references(() => electionPositions.id),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    personName: text("person_name").notNull(),
    statement: text("statement"),
    /** The candidate's account, when they have one: they accept the nomination themselves. */
    userId: text("user_id").references(() => users.id),
    nominatedBy: text("nominated_by").notNull(),
    /** A member's nomination needs a seconder (another enterprise's representative). */
    secondedBy: text("seconded_by"),
    status: text("status", { enum: candidateStatuses }).notNull().default("nominated"),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("election_candidates_election_idx").on(t.electionId),
    uniqueIndex("election_candidates_position_enterprise_uq").on(t.positionId, t.enterpriseId),
  ],
);

/** The voters: frozen when the election opens (a trigger refuses inserts and deletes after). */
export const electionRoll = pgTable(
  "election_roll",
  {
    electionId: integer("election_id")
      .notNull()
      .references(() => elections.id),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    representativeUserId: text("representative_user_id").references(() => users.id),
  },
  (t) => [primaryKey({ columns: [t.electionId, t.enterpriseId] }), index("election_roll_representative_idx").on(t.representativeUserId)],
);

/**
 * Who has voted (never how): one row per enterprise and election, written in the same transaction
 * as the ballot. The primary key makes a second vote impossible. No time is kept.
 */
export const electionVoters = pgTable(
  "election_voters",
  {
    electionId: integer("election_id")
      .notNull()
      .references(() => elections.id),
    enterpriseId: integer("enterprise_id")
      .notNull()
      .references(() => enterprises.id),
    channel: text("channel", { enum: voteChannels }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.electionId, t.enterpriseId] })],
);

/**
 * A ballot: a random id, the election, the receipt code and the candidates chosen. Nothing here
 * names a voter, user, enterprise, session or request, and there is no time column.
 * tests/integration/governance-secrecy.test.ts reads these columns and fails on any addition.
 */
export const electionBallots = pgTable(
  "election_ballots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    electionId: integer("election_id")
      .notNull()
      .references(() => elections.id),
    receipt: text("receipt").notNull(),
    candidateIds: integer("candidate_ids").array().notNull(),
  },
  (t) => [uniqueIndex("election_ballots_receipt_uq").on(t.electionId, t.receipt)],
);

/**
 * Sealed paper totals entered by one staff user and confirmed by another before they count
 * (the check constraint refuses the same user confirming).
 */
export const electionPaperCounts = pgTable(
  "election_paper_counts",
  {
    electionId: integer("election_id")
      .primaryKey()
      .references(() => elections.id),
    ballots: integer("ballots").notNull(),
    blank: integer("blank").notNull(),
    /** Votes per candidate id. */
    totals: jsonb("totals").$type<Record<string, number>>().notNull(),
    enteredBy: text("entered_by").notNull(),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull().defaultNow(),
    confirmedBy: text("confirmed_by"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }),
  },
  () => [
    check("election_paper_counts_two_people_ck", sql`confirmed_by is null or confirmed_by <> entered_by`),
    check("election_paper_counts_sane_ck", sql`ballots >= 0 and blank >= 0 and blank <= ballots`),
  ],
);

export const electionResults = pgTable(
  "election_results",
  {
    electionId: integer("election_id")
      .notNull()
      .references(() => elections.id),
    candidateId: integer("candidate_id")
      .notNull()
      .references(() => electionCandidates.id),
    positionId: integer("position_id").notNull(),
    online: integer("online").notNull(),
    paper: integer("paper").notNull(),
    total: integer("total").notNull(),
    rank: integer("rank").notNull(),
    outcome: text("outcome", { enum: resultOutcomes }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.electionId, t.candidateId] })],
);
