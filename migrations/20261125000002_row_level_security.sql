-- Secret Santa schema, part 2: who sees what, enforced by PostgreSQL.
--
-- Identity: each request's transaction runs `select set_config('app.user_id', <uuid>, true)`;
-- app.uid() reads it back (NULL for an anonymous transaction).

create function app.uid() returns uuid
    language sql stable
    set search_path = ''
    as $$ select nullif(pg_catalog.current_setting('app.user_id', true), '')::uuid $$;

-- ---------------------------------------------------------------------------------------------
-- Helpers the policies use. They run as santa_definer so a policy on one table can look at
-- another without recursing through that table's own policies. Each answers only about the
-- current user.
-- ---------------------------------------------------------------------------------------------

create function app.authored_draw_ids() returns setof uuid
    language sql stable security definer
    set search_path = ''
    as $$ select d.id from public.draws d where d.author_id = app.uid() $$;

create function app.open_authored_draw_ids() returns setof uuid
    language sql stable security definer
    set search_path = ''
    as $$ select d.id from public.draws d where d.author_id = app.uid() and d.drawn_at is null $$;

create function app.joined_draw_ids() returns setof uuid
    language sql stable security definer
    set search_path = ''
    as $$ select p.draw_id from public.draw_participants p where p.user_id = app.uid() $$;

create function app.my_participant_ids() returns setof uuid
    language sql stable security definer
    set search_path = ''
    as $$ select p.id from public.draw_participants p where p.user_id = app.uid() $$;

create function app.my_recipient_ids() returns setof uuid
    language sql stable security definer
    set search_path = ''
    as $$
        select m.recipient_id
        from public.matches m
        join public.draw_participants g on g.id = m.giver_id
        where g.user_id = app.uid()
    $$;

create function app.my_match_ids() returns setof uuid
    language sql stable security definer
    set search_path = ''
    as $$
        select m.id
        from public.matches m
        join public.draw_participants g on g.id = m.giver_id
        where g.user_id = app.uid()
    $$;

-- ---------------------------------------------------------------------------------------------
-- The steps that happen before anyone is known. Each returns only what its step needs.
-- ---------------------------------------------------------------------------------------------

-- Login: the user id and password hash for an email (no row when unknown).
create function app.login_credentials(p_email text)
    returns table (user_id uuid, password_hash text)
    language sql stable security definer
    set search_path = ''
    as $$
        select u.id, u.password_hash
        from public.users u
        where u.email operator(public.=) p_email::public.citext
    $$;

-- Emails are stored trimmed and lower-cased, as the domain's Email type normalizes them.

-- Register an author. Returns the new id, or NULL when the email already has an account of any
-- kind (a provisioned participant's email stays theirs until they set their password).
create function app.register_author(p_email text, p_password_hash text) returns uuid
    language sql volatile security definer
    set search_path = ''
    as $$
        insert into public.users (email, password_hash, role, password_set_at)
        values (pg_catalog.lower(pg_catalog.btrim(p_email))::public.citext, p_password_hash, 'author',
                pg_catalog.now())
        on conflict (email) do nothing
        returning id
    $$;

-- Consume a single-use token: the user it belongs to, or NULL when unknown, used or expired.
create function app.consume_token(p_token_hash bytea, p_purpose public.token_purpose) returns uuid
    language sql volatile security definer
    set search_path = ''
    as $$
        update public.auth_tokens t
        set used_at = pg_catalog.now()
        where t.token_hash = p_token_hash
          and t.purpose = p_purpose
          and t.used_at is null
          and t.expires_at > pg_catalog.now()
        returning t.user_id
    $$;

-- Provision the user account of a participant by email. Only the author of a draw that lists
-- that email may ask; an existing account is reused as it is.
create function app.provision_participant_user(p_email text) returns uuid
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    declare
        v_id uuid;
    begin
        if not exists (
            select 1
            from public.draw_participants p
            join public.draws d on d.id = p.draw_id
            where d.author_id = app.uid()
              and p.email operator(public.=) p_email::public.citext
        ) then
            raise exception 'not a participant of a draw you organize'
                using errcode = '42501';
        end if;
        insert into public.users (email, role)
        values (pg_catalog.lower(pg_catalog.btrim(p_email))::public.citext, 'participant')
        on conflict (email) do nothing
        returning id into v_id;
        if v_id is null then
            select u.id into v_id from public.users u
            where u.email operator(public.=) p_email::public.citext;
        end if;
        return v_id;
    end
    $$;

-- A draw always has 3 to 32 participants, checked when its transaction commits.
create function app.check_participant_count() returns trigger
    language plpgsql security definer
    set search_path = ''
    as $$
    declare
        v_draw_id uuid;
        v_count integer;
    begin
        if tg_table_name = 'draws' then
            v_draw_id := new.id;
        elsif tg_op = 'DELETE' then
            v_draw_id := old.draw_id;
        else
            v_draw_id := new.draw_id;
        end if;
        if not exists (select 1 from public.draws d where d.id = v_draw_id) then
            return null; -- the draw itself is gone
        end if;
        select pg_catalog.count(*) into v_count
        from public.draw_participants p where p.draw_id = v_draw_id;
        if v_count < 3 or v_count > 32 then
            raise exception 'a draw needs 3 to 32 participants, this one has %', v_count
                using errcode = '23514', constraint = 'draw_participants_count';
        end if;
        return null;
    end
    $$;

create constraint trigger draws_participant_count
    after insert on public.draws
    deferrable initially deferred
    for each row execute function app.check_participant_count();

create constraint trigger draw_participants_count
    after insert or delete or update of draw_id on public.draw_participants
    deferrable initially deferred
    for each row execute function app.check_participant_count();

-- A participant may change only their own gift preferences; everything else about a row is the
-- author's, and only while the draw is open (the policies decide which rows are reachable).
create function app.guard_participant_update() returns trigger
    language plpgsql
    set search_path = ''
    as $$
    begin
        if new.draw_id in (select app.open_authored_draw_ids()) then
            return new;
        end if;
        if (new.id, new.draw_id, new.user_id, new.name, new.surname, new.email::text)
           is distinct from (old.id, old.draw_id, old.user_id, old.name, old.surname, old.email::text) then
            raise exception 'participants may only change their own gift preferences'
                using errcode = '42501';
        end if;
        return new;
    end
    $$;

create trigger draw_participants_guard_update
    before update on public.draw_participants
    for each row execute function app.guard_participant_update();

-- Functions run by santa_definer; only santa_app (and santa_definer) may call anything in app.
alter function app.authored_draw_ids() owner to santa_definer;
alter function app.open_authored_draw_ids() owner to santa_definer;
alter function app.joined_draw_ids() owner to santa_definer;
alter function app.my_participant_ids() owner to santa_definer;
alter function app.my_recipient_ids() owner to santa_definer;
alter function app.my_match_ids() owner to santa_definer;
alter function app.login_credentials(text) owner to santa_definer;
alter function app.register_author(text, text) owner to santa_definer;
alter function app.consume_token(bytea, public.token_purpose) owner to santa_definer;
alter function app.provision_participant_user(text) owner to santa_definer;
alter function app.check_participant_count() owner to santa_definer;

revoke execute on all functions in schema app from public;
grant execute on all functions in schema app to santa_app, santa_definer;

-- ---------------------------------------------------------------------------------------------
-- Row-level security on every table, forced for the owner too.
-- ---------------------------------------------------------------------------------------------

alter table public.users enable row level security;
alter table public.users force row level security;
alter table public.draws enable row level security;
alter table public.draws force row level security;
alter table public.draw_participants enable row level security;
alter table public.draw_participants force row level security;
alter table public.exclusions enable row level security;
alter table public.exclusions force row level security;
alter table public.matches enable row level security;
alter table public.matches force row level security;
alter table public.ai_suggestions enable row level security;
alter table public.ai_suggestions force row level security;
alter table public.auth_tokens enable row level security;
alter table public.auth_tokens force row level security;
alter table tower_sessions.session enable row level security;
alter table tower_sessions.session force row level security;

-- santa_definer: what the functions above need, nothing more (grants limit the operations).
grant select, insert, update on public.users to santa_definer;
grant select on public.draws, public.draw_participants, public.matches to santa_definer;
grant select, insert, update on public.auth_tokens to santa_definer;
create policy definer_all on public.users to santa_definer using (true) with check (true);
create policy definer_all on public.draws to santa_definer using (true);
create policy definer_all on public.draw_participants to santa_definer using (true);
create policy definer_all on public.matches to santa_definer using (true);
create policy definer_all on public.auth_tokens to santa_definer using (true) with check (true);

-- users: a user reads and updates only their own row; the password hash is never readable.
grant select (id, email, role, password_set_at, created_at) on public.users to santa_app;
grant update (password_hash, password_set_at) on public.users to santa_app;
create policy users_select_own on public.users for select to santa_app
    using (id = (select app.uid()));
create policy users_update_own on public.users for update to santa_app
    using (id = (select app.uid())) with check (id = (select app.uid()));

-- draws: the author does everything on their own draws while open; participants read theirs.
grant select, insert, update, delete on public.draws to santa_app;
create policy draws_select on public.draws for select to santa_app
    using (author_id = (select app.uid()) or id in (select app.joined_draw_ids()));
create policy draws_insert on public.draws for insert to santa_app
    with check (author_id = (select app.uid()));
create policy draws_update on public.draws for update to santa_app
    using (author_id = (select app.uid()) and drawn_at is null)
    with check (author_id = (select app.uid()));
create policy draws_delete on public.draws for delete to santa_app
    using (author_id = (select app.uid()) and drawn_at is null);

-- draw_participants: the author manages the rows of open draws (reads them always); a
-- participant reads and updates their own row; a giver reads their recipient's row.
grant select, insert, update, delete on public.draw_participants to santa_app;
create policy draw_participants_select on public.draw_participants for select to santa_app
    using (
        draw_id in (select app.authored_draw_ids())
        or user_id = (select app.uid())
        or id in (select app.my_recipient_ids())
    );
create policy draw_participants_insert on public.draw_participants for insert to santa_app
    with check (draw_id in (select app.open_authored_draw_ids()));
create policy draw_participants_update_author on public.draw_participants for update to santa_app
    using (draw_id in (select app.open_authored_draw_ids()))
    with check (draw_id in (select app.open_authored_draw_ids()));
create policy draw_participants_update_self on public.draw_participants for update to santa_app
    using (user_id = (select app.uid()))
    with check (user_id = (select app.uid()));
create policy draw_participants_delete on public.draw_participants for delete to santa_app
    using (draw_id in (select app.open_authored_draw_ids()));

-- exclusions: the author's business only.
grant select, insert, delete on public.exclusions to santa_app;
create policy exclusions_select on public.exclusions for select to santa_app
    using (draw_id in (select app.authored_draw_ids()));
create policy exclusions_insert on public.exclusions for insert to santa_app
    with check (draw_id in (select app.open_authored_draw_ids()));
create policy exclusions_delete on public.exclusions for delete to santa_app
    using (draw_id in (select app.open_authored_draw_ids()));

-- matches: only the giver reads their match. The author may write the matches of an open draw
-- (without RETURNING) but has no SELECT policy at all, so the organizer cannot peek.
grant select, insert on public.matches to santa_app;
create policy matches_select_giver on public.matches for select to santa_app
    using (giver_id in (select app.my_participant_ids()));
create policy matches_insert_author on public.matches for insert to santa_app
    with check (draw_id in (select app.open_authored_draw_ids()));

-- ai_suggestions: only the giver of the match.
grant select, insert, update, delete on public.ai_suggestions to santa_app;
create policy ai_suggestions_giver on public.ai_suggestions for all to santa_app
    using (match_id in (select app.my_match_ids()))
    with check (match_id in (select app.my_match_ids()));

-- auth_tokens: no grant and no policy for santa_app; only the functions above touch them.

-- sessions: looked up by their random id before anyone is known; the id is the secret.
grant usage on schema tower_sessions to santa_app;
grant select, insert, update, delete on tower_sessions.session to santa_app;
create policy session_by_id on tower_sessions.session for all to santa_app
    using (true) with check (true);
