-- Secret Santa schema, part 3: functions, who owns and may call them, and the triggers.
--
-- Identity: each request's transaction runs `select set_config('app.user_id', <uuid>, true)`;
-- app.uid() reads it back (NULL for an anonymous transaction).
--
-- Every SECURITY DEFINER function is owned by santa_definer (see the end of this file), whose
-- own policies (part 4) let it see exactly the rows these functions need.
--
-- Emails arrive in the app's canonical form and are stored as they are: PostgreSQL's own
-- lower-casing differs from Rust's (U+0130 'İ'), and two rules would give two meanings.

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

-- How other people see an account's owner: their name with their address, or the address alone
-- when they gave no name. A name is free text anyone could type ("HR department"); the address
-- beside it is what the account is known by.
create function app.display_name(p_first_name text, p_surname text, p_email text) returns text
    language sql immutable
    set search_path = ''
    as $$
        select coalesce(p_first_name || ' ' || p_surname || ' (' || p_email || ')', p_email)
    $$;

-- ---------------------------------------------------------------------------------------------
-- Accounts: the steps that happen before anyone is known. Each returns only what its step needs.
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

-- Register an author with their name. Returns the new id, or NULL when the email already has an
-- account.
create function app.register_author(p_email text, p_password_hash text, p_first_name text,
                                    p_surname text) returns uuid
    language sql volatile security definer
    set search_path = ''
    as $$
        insert into public.users (email, password_hash, role, password_set_at, first_name, surname)
        values (p_email::public.citext, p_password_hash, 'author', pg_catalog.now(), p_first_name,
                p_surname)
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

-- Throttling that holds under concurrency: an attempt is counted first, atomically, and refused
-- when the count it makes is over a limit (checking first and counting after the password check
-- lets 24 parallel guesses through a limit of 5). A successful login then forgets the account's
-- count and gives the address back its one attempt.
create function app.throttle_attempt(p_keys text[], p_limits integer[], p_window_seconds integer)
    returns integer
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    declare
        v_wait integer;
    begin
        -- Already locked: refuse with a read, so a flood of refused attempts writes nothing.
        select coalesce(max(ceil(extract(epoch from
                   t.window_start + make_interval(secs => p_window_seconds) - now()))::integer), 0)
          into v_wait
        from public.login_throttle t
        join unnest(p_keys, p_limits) as k(key, max_attempts) on k.key = t.key
        where t.failures >= k.max_attempts
          and t.window_start + make_interval(secs => p_window_seconds) > now();
        if v_wait > 0 then
            return v_wait;
        end if;
        -- Count this attempt (atomically: concurrent attempts queue on the row) and refuse it
        -- when its count is over a limit.
        with counted as (
            insert into public.login_throttle as t (key, failures, window_start)
            select k, 1, now() from unnest(p_keys) as k
            on conflict (key) do update set
                failures = case
                    when t.window_start + make_interval(secs => p_window_seconds) <= now() then 1
                    else t.failures + 1
                end,
                window_start = case
                    when t.window_start + make_interval(secs => p_window_seconds) <= now() then now()
                    else t.window_start
                end
            returning t.key, t.failures, t.window_start
        )
        select coalesce(max(ceil(extract(epoch from
                   c.window_start + make_interval(secs => p_window_seconds) - now()))::integer), 0)
          into v_wait
        from counted c
        join unnest(p_keys, p_limits) as k(key, max_attempts) on k.key = c.key
        where c.failures > k.max_attempts;
        return v_wait;
    end
    $$;

create function app.throttle_succeeded(p_account_key text, p_address_key text) returns void
    language sql volatile security definer
    set search_path = ''
    as $$
        delete from public.login_throttle where key = p_account_key;
        update public.login_throttle set failures = greatest(failures - 1, 0) where key = p_address_key;
    $$;

-- ---------------------------------------------------------------------------------------------
-- Sessions: only the SHA-256 of a session id is stored, and the app role reaches the table only
-- through these functions, one session at a time. A leaked table or a stolen app-role password
-- yields no cookie that works.
-- ---------------------------------------------------------------------------------------------

create function app.session_load(p_id_hash bytea)
    returns table (data bytea, expiry_date timestamptz)
    language sql stable security definer
    set search_path = ''
    as $$
        select s.data, s.expiry_date from public.sessions s
        where s.id_hash = p_id_hash and s.expiry_date > now()
    $$;

-- False when the id is taken (the caller picks another).
create function app.session_create(p_id_hash bytea, p_data bytea, p_expiry timestamptz)
    returns boolean
    language sql volatile security definer
    set search_path = ''
    as $$
        with inserted as (
            insert into public.sessions (id_hash, data, expiry_date)
            values (p_id_hash, p_data, p_expiry)
            on conflict (id_hash) do nothing
            returning 1
        )
        select exists (select 1 from inserted)
    $$;

create function app.session_save(p_id_hash bytea, p_data bytea, p_expiry timestamptz) returns void
    language sql volatile security definer
    set search_path = ''
    as $$
        insert into public.sessions (id_hash, data, expiry_date)
        values (p_id_hash, p_data, p_expiry)
        on conflict (id_hash) do update set data = excluded.data, expiry_date = excluded.expiry_date
    $$;

create function app.session_delete(p_id_hash bytea) returns void
    language sql volatile security definer
    set search_path = ''
    as $$ delete from public.sessions where id_hash = p_id_hash $$;

create function app.session_delete_expired() returns bigint
    language sql volatile security definer
    set search_path = ''
    as $$
        with gone as (delete from public.sessions where expiry_date <= now() returning 1)
        select count(*) from gone
    $$;

-- ---------------------------------------------------------------------------------------------
-- Invitations: an invitation opens one membership (draw_participants row), never an account.
-- Redeeming it creates a new account (email + password) or attaches the membership to the
-- account of whoever is logged in; it never touches an existing account's password.
-- ---------------------------------------------------------------------------------------------

-- The organizer of a drawn draw — or of a draw being drawn in this very transaction — issues a
-- new invitation link for one person who has not joined yet; that person's earlier link stops
-- working. False when the person has joined (they log in, or reset their password by mail).
create function app.issue_invitation(p_participant_id uuid, p_token_hash bytea, p_ttl_seconds integer)
    returns boolean
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    declare
        v_joined boolean;
    begin
        select p.user_id is not null into v_joined
        from public.draw_participants p
        join public.draws d on d.id = p.draw_id
        where p.id = p_participant_id and d.author_id = app.uid();
        if not found then
            raise exception 'not a person of a draw you organize' using errcode = '42501';
        end if;
        if v_joined then
            return false;
        end if;
        update public.auth_tokens set revoked_at = now()
        where participant_id = p_participant_id and used_at is null and revoked_at is null;
        insert into public.auth_tokens (participant_id, purpose, token_hash, expires_at)
        values (p_participant_id, 'set_password', p_token_hash,
                now() + make_interval(secs => p_ttl_seconds));
        update public.draw_participants set invited_at = now() where id = p_participant_id;
        return true;
    end
    $$;

-- What an invitation page shows: whose membership the link opens and in which draw, who
-- organizes it, whether an account already uses the invited address, and — for a link already
-- used — when. Nothing for an unknown, replaced or (unused and) expired link.
create function app.invitation_info(p_token_hash bytea)
    returns table (participant_name text, invited_email text, draw_name text, organizer text,
                   used_at timestamptz, account_exists boolean)
    language sql stable security definer
    set search_path = ''
    as $$
        select p.name || ' ' || p.surname, p.email::text, d.name,
               app.display_name(a.first_name, a.surname, a.email::text), t.used_at,
               t.used_at is null and exists (
                   select 1 from public.users u where u.email operator(public.=) p.email)
        from public.auth_tokens t
        join public.draw_participants p on p.id = t.participant_id
        join public.draws d on d.id = p.draw_id
        join public.users a on a.id = d.author_id
        where t.token_hash = p_token_hash
          and t.purpose = 'set_password'
          and t.revoked_at is null
          and (t.used_at is not null or t.expires_at > now())
    $$;

-- Locks an open invitation and returns its membership, or NULL.
create function app.lock_open_invitation(p_token_hash bytea) returns uuid
    language sql volatile security definer
    set search_path = ''
    as $$
        select t.participant_id
        from public.auth_tokens t
        where t.token_hash = p_token_hash
          and t.purpose = 'set_password'
          and t.used_at is null
          and t.revoked_at is null
          and t.expires_at > now()
        for update
    $$;

-- Redeems an invitation with a new account: the email (canonical, from the app) and the first
-- password; the account takes the name the organizer wrote on the invitation's row. Status 'ok'
-- with the new user; 'email_taken' (nothing changes, the link still works) when an account
-- already uses that address; 'invalid' for a link that does not work.
create function app.accept_invitation(p_token_hash bytea, p_email text, p_password_hash text)
    returns table (status text, user_id uuid, session_version integer)
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    declare
        v_participant uuid;
        v_user uuid;
    begin
        v_participant := app.lock_open_invitation(p_token_hash);
        if v_participant is null then
            return query select 'invalid'::text, null::uuid, null::integer;
            return;
        end if;
        insert into public.users (email, password_hash, role, password_set_at, first_name, surname)
        select p_email::public.citext, p_password_hash, 'participant', now(), p.name, p.surname
        from public.draw_participants p where p.id = v_participant
        on conflict (email) do nothing
        returning id into v_user;
        if v_user is null then
            return query select 'email_taken'::text, null::uuid, null::integer;
            return;
        end if;
        update public.auth_tokens set used_at = now() where token_hash = p_token_hash;
        update public.draw_participants set user_id = v_user where id = v_participant;
        return query select 'ok'::text, u.id, u.session_version from public.users u where u.id = v_user;
    end
    $$;

-- Redeems an invitation for the logged-in caller: the membership joins their account. Status
-- 'ok' with the draw; 'already_member' when the caller is already in that draw under another
-- row (nothing changes); 'invalid' for a link that does not work (or nobody logged in).
create function app.join_with_invitation(p_token_hash bytea)
    returns table (status text, draw_id uuid)
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    declare
        v_participant uuid;
        v_draw uuid;
    begin
        if app.uid() is null then
            return query select 'invalid'::text, null::uuid;
            return;
        end if;
        v_participant := app.lock_open_invitation(p_token_hash);
        if v_participant is null then
            return query select 'invalid'::text, null::uuid;
            return;
        end if;
        select p.draw_id into v_draw from public.draw_participants p where p.id = v_participant;
        if exists (select 1 from public.draw_participants p
                   where p.draw_id = v_draw and p.user_id = app.uid()) then
            return query select 'already_member'::text, v_draw;
            return;
        end if;
        update public.auth_tokens set used_at = now() where token_hash = p_token_hash;
        update public.draw_participants set user_id = app.uid() where id = v_participant;
        return query select 'ok'::text, v_draw;
    end
    $$;

-- The organizer's status list, per person of a draw the caller organizes: invited when, joined
-- ("activated": the membership was redeemed), the latest mail's outcome, match viewed. Never who
-- gives to whom.
create function app.participant_status(p_draw_id uuid)
    returns table (participant_id uuid, invited_at timestamptz, activated boolean, mail_status text,
                   viewed boolean)
    language sql stable security definer
    set search_path = ''
    as $$
        select p.id, p.invited_at, p.user_id is not null, p.mail_status,
               exists (select 1 from public.matches m where m.giver_id = p.id and m.viewed_at is not null)
        from public.draw_participants p
        join public.draws d on d.id = p.draw_id
        where p.draw_id = p_draw_id and d.author_id = app.uid()
        order by p.position, p.created_at, p.id
    $$;

-- The organizer records the outcome of an invitation mail, also after the draw ran (when the
-- rows are otherwise read-only to them).
create function app.record_invitation_mail(p_participant_id uuid, p_sent boolean) returns void
    language sql volatile security definer
    set search_path = ''
    as $$
        update public.draw_participants p
        set mail_status = case when p_sent then 'sent' else 'failed' end,
            mail_at = now(),
            mail_attempts = case when p_sent then 0 else p.mail_attempts + 1 end
        from public.draws d
        where d.id = p.draw_id and p.id = p_participant_id and d.author_id = app.uid()
    $$;

-- The server's retry job: people of drawn draws whose latest invitation mail failed fewer than
-- p_max_attempts times, at least p_min_age_seconds ago, and who have not joined — with the
-- organizer on whose behalf the mail is sent again. Ids and the organizer's address only.
create function app.invitations_to_retry(p_max_attempts integer, p_min_age_seconds integer)
    returns table (participant_id uuid, author_id uuid, author_email text)
    language sql stable security definer
    set search_path = ''
    as $$
        select p.id, d.author_id, a.email::text
        from public.draw_participants p
        join public.draws d on d.id = p.draw_id
        join public.users a on a.id = d.author_id
        where p.mail_status = 'failed'
          and p.mail_attempts < p_max_attempts
          and p.mail_at <= now() - make_interval(secs => p_min_age_seconds)
          and p.user_id is null
          and d.drawn_at is not null
        order by p.mail_at
        limit 100
    $$;

-- Who organizes a draw the caller takes part in (participants cannot read other users' rows).
create function app.draw_organizer(p_draw_id uuid) returns text
    language sql stable security definer
    set search_path = ''
    as $$
        select app.display_name(a.first_name, a.surname, a.email::text)
        from public.draws d
        join public.users a on a.id = d.author_id
        where d.id = p_draw_id and d.id in (select app.joined_draw_ids())
    $$;

-- ---------------------------------------------------------------------------------------------
-- Forgotten passwords: a short-lived, single-use reset link, asked for by email before anyone is
-- known. The answer never tells whether the address has an account; only the mail does.
-- ---------------------------------------------------------------------------------------------

-- Issues a reset token for the account with this email, revoking its earlier unused reset
-- tokens. Returns the address to mail, or nothing when there is no such account.
create function app.issue_password_reset(p_email text, p_token_hash bytea, p_ttl_seconds integer)
    returns text
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    declare
        v_user_id uuid;
        v_email text;
    begin
        select u.id, u.email::text into v_user_id, v_email
        from public.users u
        where u.email operator(public.=) p_email::public.citext;
        if v_user_id is null then
            return null;
        end if;
        update public.auth_tokens set used_at = now()
        where user_id = v_user_id and purpose = 'reset_password' and used_at is null;
        insert into public.auth_tokens (user_id, purpose, token_hash, expires_at)
        values (v_user_id, 'reset_password', p_token_hash, now() + make_interval(secs => p_ttl_seconds));
        return v_email;
    end
    $$;

-- Consumes a reset token and sets the new password; every other session ends (the session
-- version changes). Nothing for an unknown, used or expired token. A reset proves the mailbox;
-- invitations are the memberships' own and are left as they are.
create function app.reset_password(p_token_hash bytea, p_password_hash text)
    returns table (user_id uuid, session_version integer)
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    declare
        v_user_id uuid;
    begin
        update public.auth_tokens t set used_at = now()
        where t.token_hash = p_token_hash
          and t.purpose = 'reset_password'
          and t.used_at is null
          and t.expires_at > now()
        returning t.user_id into v_user_id;
        if v_user_id is null then
            return;
        end if;
        return query
        update public.users u
        set password_hash = p_password_hash,
            password_set_at = now(),
            session_version = u.session_version + 1
        where u.id = v_user_id
        returning u.id, u.session_version;
    end
    $$;

-- ---------------------------------------------------------------------------------------------
-- Triggers.
-- ---------------------------------------------------------------------------------------------

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
-- Redeeming an invitation attaches a membership of a drawn draw to an account: only the definer
-- functions above may change `user_id` after the run (current_user is their owner).
create function app.guard_participant_update() returns trigger
    language plpgsql
    set search_path = ''
    as $$
    begin
        if new.draw_id in (select app.open_authored_draw_ids()) then
            return new;
        end if;
        if current_user = 'santa_definer'
           and (new.id, new.draw_id, new.name, new.surname, new.email::text)
               is not distinct from (old.id, old.draw_id, old.name, old.surname, old.email::text) then
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

-- ---------------------------------------------------------------------------------------------
-- Ownership and EXECUTE.
-- ---------------------------------------------------------------------------------------------

-- Every SECURITY DEFINER function runs as santa_definer.
alter function app.authored_draw_ids() owner to santa_definer;
alter function app.open_authored_draw_ids() owner to santa_definer;
alter function app.joined_draw_ids() owner to santa_definer;
alter function app.my_participant_ids() owner to santa_definer;
alter function app.my_recipient_ids() owner to santa_definer;
alter function app.my_match_ids() owner to santa_definer;
alter function app.login_credentials(text) owner to santa_definer;
alter function app.register_author(text, text, text, text) owner to santa_definer;
alter function app.consume_token(bytea, public.token_purpose) owner to santa_definer;
alter function app.throttle_attempt(text[], integer[], integer) owner to santa_definer;
alter function app.throttle_succeeded(text, text) owner to santa_definer;
alter function app.session_load(bytea) owner to santa_definer;
alter function app.session_create(bytea, bytea, timestamptz) owner to santa_definer;
alter function app.session_save(bytea, bytea, timestamptz) owner to santa_definer;
alter function app.session_delete(bytea) owner to santa_definer;
alter function app.session_delete_expired() owner to santa_definer;
alter function app.issue_invitation(uuid, bytea, integer) owner to santa_definer;
alter function app.invitation_info(bytea) owner to santa_definer;
alter function app.lock_open_invitation(bytea) owner to santa_definer;
alter function app.accept_invitation(bytea, text, text) owner to santa_definer;
alter function app.join_with_invitation(bytea) owner to santa_definer;
alter function app.participant_status(uuid) owner to santa_definer;
alter function app.record_invitation_mail(uuid, boolean) owner to santa_definer;
alter function app.invitations_to_retry(integer, integer) owner to santa_definer;
alter function app.draw_organizer(uuid) owner to santa_definer;
alter function app.issue_password_reset(text, bytea, integer) owner to santa_definer;
alter function app.reset_password(bytea, text) owner to santa_definer;
alter function app.check_participant_count() owner to santa_definer;

-- Only santa_app and santa_definer may call anything in app, and santa_app not
-- lock_open_invitation (a helper of the two redeeming functions only). santa_definer needs
-- app.uid() and app.display_name(), which its functions call.
revoke execute on all functions in schema app from public;
grant execute on all functions in schema app to santa_app, santa_definer;
revoke execute on function app.lock_open_invitation(bytea) from santa_app;
