-- Changes after the draw (issue 16): the organizer edits a drawn draw's details, removes a
-- person or adds a late joiner, and still learns no pair.
--
-- The secret: the organizer's transaction runs as santa_app, which has no SELECT policy on
-- `matches`. Removing and adding are SECURITY DEFINER functions that receive only the draw and
-- the person, repair the matches inside the database and answer with a status word — never
-- who gives to whom, nor whose match changed (for a removal, "whose match changed" is the
-- removed person's giver: a pair). The givers to tell are queued in `match_notices`, which no
-- request of the organizer can read; the server's mail job takes them from there.
--
-- What the organizer sees must not single out the changed giver either. Their status line
-- reads `matches.viewed_at` ("has opened their match"): a replaced match keeps the old row's
-- `viewed_at`, so that mark never moves because of a change. Whether the giver has seen their
-- *current* match lives in `seen_at` (with `changed_at`), which only the giver reads.

-- ---------------------------------------------------------------------------------------------
-- Matches: when a match replaced an earlier one of the same giver, and whether its giver has
-- opened this one. A match never changed (changed_at NULL) counts as seen once viewed_at is set.
-- ---------------------------------------------------------------------------------------------

alter table public.matches
    add column changed_at timestamptz,
    add column seen_at timestamptz;
grant update (seen_at) on public.matches to santa_app;

-- ---------------------------------------------------------------------------------------------
-- Givers to tell that their match changed (mail, when the server sends mail). Only santa_definer
-- reads and writes it; the app takes rows through app.claim_match_notices().
-- ---------------------------------------------------------------------------------------------

create table public.match_notices (
    id uuid primary key default gen_random_uuid(),
    participant_id uuid not null references public.draw_participants (id) on delete cascade,
    created_at timestamptz not null default now()
);
create index match_notices_participant_id_idx on public.match_notices (participant_id);
alter table public.match_notices enable row level security;
alter table public.match_notices force row level security;
-- (UPDATE only for the FOR UPDATE SKIP LOCKED with which notices are claimed.)
grant select, insert, update, delete on public.match_notices to santa_definer;
create policy definer_all on public.match_notices to santa_definer using (true) with check (true);

-- ---------------------------------------------------------------------------------------------
-- Draw details stay editable after the run; the run itself cannot be undone.
-- ---------------------------------------------------------------------------------------------

drop policy draws_update on public.draws;
create policy draws_update on public.draws for update to santa_app
    using (author_id = (select app.uid()))
    with check (author_id = (select app.uid()));

create function app.guard_draw_update() returns trigger
    language plpgsql
    set search_path = ''
    as $$
    begin
        if old.drawn_at is not null and new.drawn_at is distinct from old.drawn_at then
            raise exception 'a drawn draw stays drawn' using errcode = '42501';
        end if;
        if new.author_id is distinct from old.author_id or new.id is distinct from old.id then
            raise exception 'a draw keeps its id and author' using errcode = '42501';
        end if;
        return new;
    end
    $$;

create trigger draws_guard_update
    before update on public.draws
    for each row execute function app.guard_draw_update();

-- ---------------------------------------------------------------------------------------------
-- What the repair functions need (santa_definer), on top of part 4's grants.
-- ---------------------------------------------------------------------------------------------

grant insert, delete on public.draw_participants to santa_definer;
grant update (position) on public.draw_participants to santa_definer;
grant insert, delete on public.matches to santa_definer;
grant select, insert on public.exclusions to santa_definer;
create policy definer_all on public.exclusions to santa_definer using (true) with check (true);

-- Replaces one giver's match by a new row to `p_recipient`. Whatever hangs on the old match (its
-- cached gift ideas, its idea requests; later, its messages) goes with the old row. The new row
-- keeps the old `viewed_at` (see the top of this file) and is marked changed and unseen.
create function app.replace_match(p_draw_id uuid, p_giver uuid, p_recipient uuid,
                                  p_viewed_at timestamptz, p_notify boolean) returns void
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    begin
        insert into public.matches (draw_id, giver_id, recipient_id, viewed_at, changed_at)
        values (p_draw_id, p_giver, p_recipient, p_viewed_at, now());
        -- Only someone who has joined can be told: whoever has not yet, meets the new match
        -- when they join.
        if p_notify and exists (select 1 from public.draw_participants p
                                where p.id = p_giver and p.user_id is not null) then
            insert into public.match_notices (participant_id) values (p_giver);
        end if;
    end
    $$;

-- One change at a time per draw (removals and additions from any app instance take turns), and
-- only on a drawn draw of the caller's. Returns 'ok', or why not.
create function app.lock_drawn_draw(p_draw_id uuid) returns text
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    begin
        if not exists (select 1 from public.draws d
                       where d.id = p_draw_id and d.author_id = app.uid()) then
            return 'not_found';
        end if;
        perform pg_catalog.pg_advisory_xact_lock(
            pg_catalog.hashtextextended('change:' || p_draw_id::text, 0));
        -- (A volatile function's next statement sees what committed before the lock was ours.)
        if not exists (select 1 from public.draws d
                       where d.id = p_draw_id and d.drawn_at is not null) then
            return 'not_drawn';
        end if;
        return 'ok';
    end
    $$;

-- The organizer's own row in a draw they take part in (NULL when they do not): the row joined to
-- their account, or the one with their address.
create function app.organizer_row(p_draw_id uuid) returns uuid
    language sql stable security definer
    set search_path = ''
    as $$
        select p.id
        from public.draw_participants p
        join public.draws d on d.id = p.draw_id
        join public.users u on u.id = d.author_id
        where p.draw_id = p_draw_id and (p.user_id = d.author_id or p.email = u.email)
        limit 1
    $$;

-- Removes a person from a drawn draw and repairs the matches with as few changes as possible.
--
-- Before: a permutation σ (giver → recipient). The removed person B had giver A and recipient C.
-- Every remaining giver keeps a recipient except A. A repair changes the matches of a chain of
-- givers A = X0, X1, …, Xk-1: each Xi takes Xi+1's recipient, and the last takes C. Any valid
-- assignment of the remaining people contains such a chain among the givers it changed (follow
-- A's new recipient back to its old giver, and so on, until C), and the chain alone is valid, so
-- the smallest repairs are exactly the shortest chains: a breadth-first search over "X takes Y's
-- recipient" finds them. k = 1 is the plain case A→C. The repair is drawn uniformly among all
-- shortest chains: count them per end (paths counted layer by layer), pick an end by its count,
-- then walk back picking each predecessor by its own count.
--
-- The organizer's own match is never part of a chain unless they are A (found from outside: when
-- B and A drew each other, the last of a chain of two takes A, so that giver learns that A now
-- gives to their own old recipient — a current pair; an organizer who takes part could provoke
-- that at will, removing and re-adding people). Every other participant in that place learns it
-- too; that is the price of changing as few matches as possible, and the README says so.
--
-- Returns 'ok', 'not_found', 'not_drawn', 'too_few' (3 must remain) or 'no_repair' (the rules
-- leave the remaining people no valid assignment; nothing changed).
create function app.remove_participant(p_draw_id uuid, p_participant_id uuid, p_notify boolean)
    returns text
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    declare
        v_status text;
        v_ids uuid[];        -- the remaining people, 1..n
        v_n integer;
        v_sigma integer[];   -- index of each remaining giver's recipient (NULL for A)
        v_viewed timestamptz[];
        v_allowed boolean[]; -- (i-1)*n + j: i may give to j
        v_a integer;         -- the removed person's giver
        v_c integer;         -- the removed person's recipient
        v_dist integer[];
        v_count numeric[];
        v_layer integer[];
        v_next integer[];
        v_ends integer[];
        v_total numeric;
        v_pick numeric;
        v_path integer[];
        v_x integer;
        v_y integer;
        v_d integer;
        v_prev integer;
        v_viewed_at timestamptz;
        v_position smallint;
        v_insider integer;   -- the organizer's own row, when they take part (kept out of chains)
    begin
        v_status := app.lock_drawn_draw(p_draw_id);
        if v_status <> 'ok' then
            return v_status;
        end if;
        select p.position into v_position from public.draw_participants p
        where p.id = p_participant_id and p.draw_id = p_draw_id;
        if not found then
            return 'not_found';
        end if;
        if (select pg_catalog.count(*) from public.draw_participants p
            where p.draw_id = p_draw_id) <= 3 then
            return 'too_few';
        end if;

        select pg_catalog.array_agg(p.id order by p.position, p.created_at, p.id)
        into v_ids
        from public.draw_participants p
        where p.draw_id = p_draw_id and p.id <> p_participant_id;
        v_n := pg_catalog.array_length(v_ids, 1);
        v_sigma := pg_catalog.array_fill(null::integer, array[v_n]);
        v_viewed := pg_catalog.array_fill(null::timestamptz, array[v_n]);
        -- (A's recipient is the removed person: not among the remaining, so NULL.)
        for v_x, v_y, v_viewed_at in
            select pg_catalog.array_position(v_ids, m.giver_id),
                   pg_catalog.array_position(v_ids, m.recipient_id), m.viewed_at
            from public.matches m
            where m.draw_id = p_draw_id and m.giver_id <> p_participant_id
        loop
            v_sigma[v_x] := v_y;
            v_viewed[v_x] := v_viewed_at;
        end loop;
        v_a := pg_catalog.array_position(v_ids,
            (select m.giver_id from public.matches m where m.recipient_id = p_participant_id));
        v_insider := pg_catalog.array_position(v_ids, app.organizer_row(p_draw_id));
        v_c := pg_catalog.array_position(v_ids,
            (select m.recipient_id from public.matches m where m.giver_id = p_participant_id));
        if v_a is null or v_c is null then
            raise exception 'the draw''s matches are incomplete' using errcode = 'P0001';
        end if;

        v_allowed := pg_catalog.array_fill(true, array[v_n * v_n]);
        for v_x in 1..v_n loop
            v_allowed[(v_x - 1) * v_n + v_x] := false;
        end loop;
        for v_x, v_y in
            select pg_catalog.array_position(v_ids, e.giver_id),
                   pg_catalog.array_position(v_ids, e.recipient_id)
            from public.exclusions e
            where e.draw_id = p_draw_id
              and e.giver_id <> p_participant_id and e.recipient_id <> p_participant_id
        loop
            v_allowed[(v_x - 1) * v_n + v_y] := false;
        end loop;

        -- Breadth-first from A, layer by layer, until a layer holds a giver who may take C.
        v_dist := pg_catalog.array_fill(null::integer, array[v_n]);
        v_count := pg_catalog.array_fill(0::numeric, array[v_n]);
        v_dist[v_a] := 0;
        v_count[v_a] := 1;
        v_layer := array[v_a];
        v_d := 0;
        loop
            v_ends := array(select x from pg_catalog.unnest(v_layer) x
                            where v_allowed[(x - 1) * v_n + v_c]);
            exit when pg_catalog.cardinality(v_ends) > 0;
            v_next := '{}';
            foreach v_x in array v_layer loop
                for v_y in 1..v_n loop
                    if v_y <> v_a and v_y <> v_x and v_y is distinct from v_insider
                       and v_allowed[(v_x - 1) * v_n + v_sigma[v_y]]
                       and (v_dist[v_y] is null or v_dist[v_y] = v_d + 1) then
                        if v_dist[v_y] is null then
                            v_dist[v_y] := v_d + 1;
                            v_next := v_next || v_y;
                        end if;
                        v_count[v_y] := v_count[v_y] + v_count[v_x];
                    end if;
                end loop;
            end loop;
            if pg_catalog.cardinality(v_next) = 0 then
                return 'no_repair';
            end if;
            v_layer := v_next;
            v_d := v_d + 1;
        end loop;

        -- An end, weighted by its number of shortest chains; then back to A.
        select pg_catalog.sum(v_count[x]) into v_total from pg_catalog.unnest(v_ends) x;
        v_pick := pg_catalog.floor(pg_catalog.random()::numeric * v_total);
        foreach v_x in array v_ends loop
            v_y := v_x;
            exit when v_pick < v_count[v_x];
            v_pick := v_pick - v_count[v_x];
        end loop;
        v_path := array[v_y];
        while v_dist[v_y] > 0 loop
            select pg_catalog.sum(v_count[p]) into v_total
            from pg_catalog.generate_series(1, v_n) p
            where v_dist[p] = v_dist[v_y] - 1 and p <> v_y
              and v_allowed[(p - 1) * v_n + v_sigma[v_y]];
            v_pick := pg_catalog.floor(pg_catalog.random()::numeric * v_total);
            v_prev := null;
            for v_x in 1..v_n loop
                if v_dist[v_x] = v_dist[v_y] - 1 and v_x <> v_y
                   and v_allowed[(v_x - 1) * v_n + v_sigma[v_y]] then
                    v_prev := v_x;
                    exit when v_pick < v_count[v_x];
                    v_pick := v_pick - v_count[v_x];
                end if;
            end loop;
            v_y := v_prev;
            v_path := v_y || v_path;
        end loop;

        -- Apply: the old matches of the chain and the removed person's own go, then the person
        -- (their exclusions and invitation links with them; their account stays), then the chain's
        -- new matches.
        delete from public.matches m
        where m.giver_id = p_participant_id
           or m.giver_id in (select v_ids[x] from pg_catalog.unnest(v_path) x);
        delete from public.draw_participants p where p.id = p_participant_id;
        update public.draw_participants p set position = p.position - 1
        where p.draw_id = p_draw_id and p.position > v_position;
        for v_d in 1..pg_catalog.cardinality(v_path) loop
            v_x := v_path[v_d];
            if v_d < pg_catalog.cardinality(v_path) then
                v_y := v_sigma[v_path[v_d + 1]];
            else
                v_y := v_c;
            end if;
            perform app.replace_match(p_draw_id, v_ids[v_x], v_ids[v_y], v_viewed[v_x], p_notify);
        end loop;
        return 'ok';
    end
    $$;

-- Adds a late joiner to a drawn draw between a giver X and X's recipient Y (X→New→Y): only X's
-- match changes. `p_apart` are people of the draw the newcomer and they must not draw each other
-- (both directions). The position is drawn uniformly among the matches X→Y with neither X nor Y
-- kept apart, and X not the organizer (found from outside: an organizer who takes part and became
-- X would know New→Y, Y being their own old recipient — and could add and remove people until
-- it happened). X always learns New→Y: that is the price of changing one match only, and the
-- README says so. The caller has checked the fields; the database's constraints check them again.
--
-- Returns ('ok', the new person's id), or ('not_found' | 'not_drawn' | 'too_many' |
-- 'email_taken' | 'no_position', NULL) with nothing changed.
create function app.add_participant(p_draw_id uuid, p_name text, p_surname text, p_email text,
                                    p_gift_preferences text, p_apart uuid[], p_notify boolean)
    returns table (status text, participant_id uuid)
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    declare
        v_status text;
        v_giver uuid;
        v_recipient uuid;
        v_viewed timestamptz;
        v_new uuid;
        v_author uuid;
    begin
        v_status := app.lock_drawn_draw(p_draw_id);
        if v_status <> 'ok' then
            return query select v_status, null::uuid;
            return;
        end if;
        if (select pg_catalog.count(*) from public.draw_participants p
            where p.draw_id = p_draw_id) >= 32 then
            return query select 'too_many'::text, null::uuid;
            return;
        end if;
        if exists (select 1 from public.draw_participants p
                   where p.draw_id = p_draw_id and p.email = p_email::public.citext) then
            return query select 'email_taken'::text, null::uuid;
            return;
        end if;
        if exists (select 1 from pg_catalog.unnest(coalesce(p_apart, '{}')) a
                   where a not in (select p.id from public.draw_participants p
                                   where p.draw_id = p_draw_id)) then
            return query select 'not_found'::text, null::uuid;
            return;
        end if;
        select m.giver_id, m.recipient_id, m.viewed_at into v_giver, v_recipient, v_viewed
        from public.matches m
        where m.draw_id = p_draw_id
          and m.giver_id <> all (coalesce(p_apart, '{}'))
          and m.recipient_id <> all (coalesce(p_apart, '{}'))
          and m.giver_id is distinct from app.organizer_row(p_draw_id)
        order by pg_catalog.random()
        limit 1;
        if not found then
            return query select 'no_position'::text, null::uuid;
            return;
        end if;

        select d.author_id into v_author from public.draws d where d.id = p_draw_id;
        insert into public.draw_participants (draw_id, name, surname, email, gift_preferences,
                                              position)
        values (p_draw_id, p_name, p_surname, p_email, p_gift_preferences,
                (select coalesce(pg_catalog.max(p.position) + 1, 0)
                 from public.draw_participants p where p.draw_id = p_draw_id))
        returning id into v_new;
        -- The organizer adding themselves joins at once, as at the run.
        update public.draw_participants p set user_id = u.id
        from public.users u
        where p.id = v_new and u.id = v_author and u.email = p.email;
        insert into public.exclusions (draw_id, giver_id, recipient_id)
        select p_draw_id, v_new, a from pg_catalog.unnest(coalesce(p_apart, '{}')) a
        union
        select p_draw_id, a, v_new from pg_catalog.unnest(coalesce(p_apart, '{}')) a;

        delete from public.matches m where m.giver_id = v_giver;
        perform app.replace_match(p_draw_id, v_giver, v_new, v_viewed, p_notify);
        insert into public.matches (draw_id, giver_id, recipient_id)
        values (p_draw_id, v_new, v_recipient);
        return query select 'ok'::text, v_new;
    end
    $$;

-- The server's mail job takes the queued notices (each once, across app instances): the
-- giver's address and name and the draw. Taken rows are deleted; a mail that then fails is not
-- tried again (the giver's page says it anyway). Only a transaction that carries no user (the
-- job's) takes any: a request's transaction, the organizer's included, gets nothing.
create function app.claim_match_notices(p_limit integer)
    returns table (email text, name text, draw_id uuid, draw_name text, changed_at timestamptz)
    language sql volatile security definer
    set search_path = ''
    as $$
        with claimed as (
            delete from public.match_notices n
            where app.uid() is null
              and n.id in (select n2.id from public.match_notices n2
                           order by n2.created_at
                           for update skip locked
                           limit p_limit)
            returning n.participant_id, n.created_at
        )
        select u.email::text, p.name, d.id, d.name, c.created_at
        from claimed c
        join public.draw_participants p on p.id = c.participant_id
        join public.users u on u.id = p.user_id
        join public.draws d on d.id = p.draw_id
    $$;

alter function app.organizer_row(uuid) owner to santa_definer;
alter function app.replace_match(uuid, uuid, uuid, timestamptz, boolean) owner to santa_definer;
alter function app.lock_drawn_draw(uuid) owner to santa_definer;
alter function app.remove_participant(uuid, uuid, boolean) owner to santa_definer;
alter function app.add_participant(uuid, text, text, text, text, uuid[], boolean) owner to santa_definer;
alter function app.claim_match_notices(integer) owner to santa_definer;
revoke execute on function app.organizer_row(uuid) from public;
revoke execute on function app.replace_match(uuid, uuid, uuid, timestamptz, boolean) from public;
revoke execute on function app.lock_drawn_draw(uuid) from public;
revoke execute on function app.remove_participant(uuid, uuid, boolean) from public;
revoke execute on function app.add_participant(uuid, text, text, text, text, uuid[], boolean) from public;
revoke execute on function app.claim_match_notices(integer) from public;
revoke execute on function app.guard_draw_update() from public;
grant execute on function app.remove_participant(uuid, uuid, boolean) to santa_app;
grant execute on function app.add_participant(uuid, text, text, text, text, uuid[], boolean) to santa_app;
grant execute on function app.claim_match_notices(integer) to santa_app;
-- The helpers are the repair functions' own (they run as santa_definer).
grant execute on function app.replace_match(uuid, uuid, uuid, timestamptz, boolean) to santa_definer;
grant execute on function app.lock_drawn_draw(uuid) to santa_definer;
grant execute on function app.organizer_row(uuid) to santa_definer;
