-- Governance stage locks, enforced by the database (not only by the pages): once an election is
-- open its roll, positions (seats), candidates and rules cannot change; ballots and the list of
-- who voted are append-only; stages move only forward. Errors use SQLSTATE 55000
-- (object_not_in_prerequisite_state), which the module turns into a "locked" message.

CREATE OR REPLACE FUNCTION governance_election_status(eid integer) RETURNS text LANGUAGE sql STABLE AS $$
  SELECT status FROM elections WHERE id = eid
$$;
--> statement-breakpoint
-- Positions, candidates and the roll: changed only while the election is a draft. The roll's
-- representative may still be replaced while voting is open (staff change who casts the vote).
CREATE OR REPLACE FUNCTION governance_election_setup_lock() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  eid integer;
  st text;
BEGIN
  IF TG_OP = 'DELETE' THEN eid := OLD.election_id; ELSE eid := NEW.election_id; END IF;
  st := governance_election_status(eid);
  IF st = 'draft' THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_TABLE_NAME = 'election_roll' AND TG_OP = 'UPDATE' AND st = 'open' THEN
    IF NEW.election_id = OLD.election_id AND NEW.enterprise_id = OLD.enterprise_id THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'election % is %: % of % refused', eid, st, TG_OP, TG_TABLE_NAME USING ERRCODE = '55000';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER election_positions_lock BEFORE INSERT OR UPDATE OR DELETE ON election_positions
  FOR EACH ROW EXECUTE FUNCTION governance_election_setup_lock();
--> statement-breakpoint
CREATE TRIGGER election_candidates_lock BEFORE INSERT OR UPDATE OR DELETE ON election_candidates
  FOR EACH ROW EXECUTE FUNCTION governance_election_setup_lock();
--> statement-breakpoint
CREATE TRIGGER election_roll_lock BEFORE INSERT OR UPDATE OR DELETE ON election_roll
  FOR EACH ROW EXECUTE FUNCTION governance_election_setup_lock();
--> statement-breakpoint
-- Elections: stages only move forward one step; the rules are fixed once open; only a draft may be deleted.
CREATE OR REPLACE FUNCTION governance_election_stage_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'election % is %: delete refused', OLD.id, OLD.status USING ERRCODE = '55000';
    END IF;
    RETURN OLD;
  END IF;
  IF NEW.status <> OLD.status AND NOT (
       (OLD.status = 'draft' AND NEW.status = 'open') OR
       (OLD.status = 'open' AND NEW.status = 'closed') OR
       (OLD.status = 'closed' AND NEW.status = 'tallied') OR
       (OLD.status = 'tallied' AND NEW.status = 'certified')) THEN
    RAISE EXCEPTION 'election %: % -> % refused', OLD.id, OLD.status, NEW.status USING ERRCODE = '55000';
  END IF;
  IF OLD.status <> 'draft' AND (
       NEW.association_id IS DISTINCT FROM OLD.association_id OR
       NEW.assembly_id IS DISTINCT FROM OLD.assembly_id OR
       NEW.competitive_pct IS DISTINCT FROM OLD.competitive_pct OR
       NEW.paper_ballots IS DISTINCT FROM OLD.paper_ballots) THEN
    RAISE EXCEPTION 'election % is %: its rules are fixed', OLD.id, OLD.status USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER elections_stage_lock BEFORE UPDATE OR DELETE ON elections
  FOR EACH ROW EXECUTE FUNCTION governance_election_stage_lock();
--> statement-breakpoint
-- Ballots and who voted: inserted only while the election is open; never updated or deleted,
-- except by the rewrite at closing (new rows in random order, so the physical order and the
-- transaction ids no longer follow the order of voting), which sets governance.rewrite first.
CREATE OR REPLACE FUNCTION governance_ballot_lock() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  eid integer;
  st text;
  rewriting boolean;
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    RAISE EXCEPTION '% is append-only: TRUNCATE refused', TG_TABLE_NAME USING ERRCODE = '55000';
  END IF;
  IF TG_OP = 'DELETE' THEN eid := OLD.election_id; ELSE eid := NEW.election_id; END IF;
  st := governance_election_status(eid);
  rewriting := coalesce(current_setting('governance.rewrite', true), '') = eid::text AND st = 'closed';
  IF TG_OP = 'INSERT' AND (st = 'open' OR rewriting) THEN RETURN NEW; END IF;
  IF TG_OP = 'DELETE' AND rewriting THEN RETURN OLD; END IF;
  RAISE EXCEPTION 'election % is %: % of % refused', eid, st, TG_OP, TG_TABLE_NAME USING ERRCODE = '55000';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER election_ballots_lock BEFORE INSERT OR UPDATE OR DELETE ON election_ballots
  FOR EACH ROW EXECUTE FUNCTION governance_ballot_lock();
--> statement-breakpoint
CREATE TRIGGER election_ballots_no_truncate BEFORE TRUNCATE ON election_ballots
  FOR EACH STATEMENT EXECUTE FUNCTION governance_ballot_lock();
--> statement-breakpoint
CREATE TRIGGER election_voters_lock BEFORE INSERT OR UPDATE OR DELETE ON election_voters
  FOR EACH ROW EXECUTE FUNCTION governance_ballot_lock();
--> statement-breakpoint
CREATE TRIGGER election_voters_no_truncate BEFORE TRUNCATE ON election_voters
  FOR EACH STATEMENT EXECUTE FUNCTION governance_ballot_lock();
--> statement-breakpoint
-- Paper totals: entered and confirmed only while the election is closed (before the tally);
-- a confirmed count is final.
CREATE OR REPLACE FUNCTION governance_paper_lock() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  eid integer;
  st text;
BEGIN
  IF TG_OP = 'DELETE' THEN eid := OLD.election_id; ELSE eid := NEW.election_id; END IF;
  st := governance_election_status(eid);
  IF st <> 'closed' THEN
    RAISE EXCEPTION 'election % is %: paper totals % refused', eid, st, TG_OP USING ERRCODE = '55000';
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.confirmed_by IS NOT NULL THEN
    RAISE EXCEPTION 'election %: confirmed paper totals are final', eid USING ERRCODE = '55000';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER election_paper_counts_lock BEFORE INSERT OR UPDATE OR DELETE ON election_paper_counts
  FOR EACH ROW EXECUTE FUNCTION governance_paper_lock();
--> statement-breakpoint
-- Results: written by the tally (while closed), never changed afterwards.
CREATE OR REPLACE FUNCTION governance_results_lock() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  st text;
BEGIN
  IF TG_OP = 'INSERT' THEN
    st := governance_election_status(NEW.election_id);
    IF st = 'closed' THEN RETURN NEW; END IF;
    RAISE EXCEPTION 'election % is %: results insert refused', NEW.election_id, st USING ERRCODE = '55000';
  END IF;
  RAISE EXCEPTION 'election results are final: % refused', TG_OP USING ERRCODE = '55000';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER election_results_lock BEFORE INSERT OR UPDATE OR DELETE ON election_results
  FOR EACH ROW EXECUTE FUNCTION governance_results_lock();
--> statement-breakpoint
-- Assemblies: scheduled -> open -> closed. The roll is computed while scheduled (at opening) and
-- frozen after: no enterprise added or removed (the representative may be replaced).
CREATE OR REPLACE FUNCTION governance_assembly_stage_lock() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.status <> OLD.status AND NOT (
       (OLD.status = 'scheduled' AND NEW.status = 'open') OR
       (OLD.status = 'open' AND NEW.status = 'closed')) THEN
    RAISE EXCEPTION 'assembly %: % -> % refused', OLD.id, OLD.status, NEW.status USING ERRCODE = '55000';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER assemblies_stage_lock BEFORE UPDATE ON assemblies
  FOR EACH ROW EXECUTE FUNCTION governance_assembly_stage_lock();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION governance_assembly_roll_lock() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  aid integer;
  st text;
BEGIN
  IF TG_OP = 'DELETE' THEN aid := OLD.assembly_id; ELSE aid := NEW.assembly_id; END IF;
  SELECT status INTO st FROM assemblies WHERE id = aid;
  IF st = 'scheduled' THEN
    IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
    RETURN NEW;
  END IF;
  IF TG_OP = 'UPDATE' AND st = 'open' AND NEW.assembly_id = OLD.assembly_id AND NEW.enterprise_id = OLD.enterprise_id THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'assembly % is %: the roll is frozen (% refused)', aid, st, TG_OP USING ERRCODE = '55000';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER assembly_roll_lock BEFORE INSERT OR UPDATE OR DELETE ON assembly_roll
  FOR EACH ROW EXECUTE FUNCTION governance_assembly_roll_lock();
