-- Trust: an invitation opens one membership, never an account; sessions are stored by the hash
-- of their id; emails are stored in the one canonical form the app's Email type makes.
--
-- Before this migration an invitation was a set-password token of the *account* provisioned for
-- an email at the draw's run, so whoever redeemed any organizer's link for that email took over
-- the account and every draw it was in. Now:
--   * running a draw creates no accounts; a membership (draw_participants row) has no user until
--     someone redeems that membership's own invitation;
--   * redeeming creates a new account (email + password) or attaches the membership to the
--     account of whoever is logged in; it never touches an existing account's password;
--   * a link that was used stays recorded, so its page can say when it was used.

-- Every table has FORCE ROW LEVEL SECURITY and the owner has no policy: lift it for the few data
-- fixes of this migration only (nothing has been deployed; this keeps dev databases usable).
alter table public.auth_tokens no force row level security;
alter table public.auth_tokens disable row level security;
alter table public.draw_participants no force row level security;
alter table public.draw_participants disable row level security;
alter table public.users no force row level security;
alter table public.users disable row level security;

-- Old account-wide invitation links and the accounts provisioned for them (never activated) go.
delete from public.auth_tokens where purpose = 'set_password';
alter table public.draw_participants disable trigger draw_participants_guard_update;
update public.draw_participants p set user_id = null
from public.users u
where u.id = p.user_id and u.password_hash is null;
alter table public.draw_participants enable trigger draw_participants_guard_update;
delete from public.users u
where u.password_hash is null
  and not exists (select 1 from public.draws d where d.author_id = u.id);

alter table public.auth_tokens enable row level security;
alter table public.auth_tokens force row level security;
alter table public.draw_participants enable row level security;
alter table public.draw_participants force row level security;
alter table public.users enable row level security;
alter table public.users force row level security;

-- Invitation tokens belong to one membership; reset tokens to one account.
alter table public.auth_tokens alter column user_id drop not null;
alter table public.auth_tokens add column participant_id uuid
    references public.draw_participants (id) on delete cascade;
alter table public.auth_tokens add column revoked_at timestamptz;
alter table public.auth_tokens add constraint auth_tokens_owner check (
    (purpose = 'set_password' and participant_id is not null and user_id is null)
    or (purpose = 'reset_password' and user_id is not null and participant_id is null)
);
create index auth_tokens_participant_id_idx on public.auth_tokens (participant_id);

-- Every account has a password from its first moment now.
alter table public.users alter column password_hash set not null;
alter table public.users alter column password_set_at set not null;

drop function app.provision_participant_user(text);
drop function app.issue_invitation(uuid, bytea, integer);
drop function app.invitation_info(bytea);
drop function app.accept_invitation(bytea, text);

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

-- What an invitation page shows: whose membership the link opens and in which draw, whether an
-- account already uses the invited address, and — for a link already used — when. Nothing for
-- an unknown, replaced or (unused and) expired link.
create function app.invitation_info(p_token_hash bytea)
    returns table (participant_name text, invited_email text, draw_name text, organizer_email text,
                   used_at timestamptz, account_exists boolean)
    language sql stable security definer
    set search_path = ''
    as $$
        select p.name || ' ' || p.surname, p.email::text, d.name, a.email::text, t.used_at,
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
-- password. Status 'ok' with the new user; 'email_taken' (nothing changes, the link still works)
-- when an account already uses that address; 'invalid' for a link that does not work.
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
        insert into public.users (email, password_hash, role, password_set_at)
        values (p_email::public.citext, p_password_hash, 'participant', now())
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

grant update (user_id) on public.draw_participants to santa_definer;

-- Redeeming an invitation attaches a membership of a drawn draw to an account: only the
-- definer functions above may change `user_id` after the run (current_user is their owner).
create or replace function app.guard_participant_update() returns trigger
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

-- The organizer's status list: "joined" is now "this membership was redeemed".
drop function app.participant_status(uuid);
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

-- The retry job: people who have not joined.
create or replace function app.invitations_to_retry(p_max_attempts integer, p_min_age_seconds integer)
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

-- A reset proves the mailbox and sets a new password; invitations are the memberships' own and
-- are left as they are.
create or replace function app.reset_password(p_token_hash bytea, p_password_hash text)
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

-- Emails arrive in the app's canonical form and are stored as they are: PostgreSQL's own
-- lower-casing differs from Rust's (U+0130 'İ'), and two rules would give two meanings.
create or replace function app.register_author(p_email text, p_password_hash text) returns uuid
    language sql volatile security definer
    set search_path = ''
    as $$
        insert into public.users (email, password_hash, role, password_set_at)
        values (p_email::public.citext, p_password_hash, 'author', pg_catalog.now())
        on conflict (email) do nothing
        returning id
    $$;

create or replace function app.issue_password_reset(p_email text, p_token_hash bytea, p_ttl_seconds integer)
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

-- ---------------------------------------------------------------------------------------------
-- Sessions: only the SHA-256 of a session id is stored, and the app role reaches the table only
-- through these functions, one session at a time. A leaked table or a stolen app-role password
-- yields no cookie that works.
-- ---------------------------------------------------------------------------------------------
drop table tower_sessions.session;
drop schema tower_sessions;

create table public.sessions (
    id_hash bytea primary key,
    data bytea not null,
    expiry_date timestamptz not null,
    constraint sessions_id_hash_length check (octet_length(id_hash) = 32)
);
create index sessions_expiry_date_idx on public.sessions (expiry_date);
alter table public.sessions enable row level security;
alter table public.sessions force row level security;
grant select, insert, update, delete on public.sessions to santa_definer;
create policy definer_all on public.sessions to santa_definer using (true) with check (true);

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

alter function app.issue_invitation(uuid, bytea, integer) owner to santa_definer;
alter function app.invitation_info(bytea) owner to santa_definer;
alter function app.lock_open_invitation(bytea) owner to santa_definer;
alter function app.accept_invitation(bytea, text, text) owner to santa_definer;
alter function app.join_with_invitation(bytea) owner to santa_definer;
alter function app.participant_status(uuid) owner to santa_definer;
alter function app.session_load(bytea) owner to santa_definer;
alter function app.session_create(bytea, bytea, timestamptz) owner to santa_definer;
alter function app.session_save(bytea, bytea, timestamptz) owner to santa_definer;
alter function app.session_delete(bytea) owner to santa_definer;
alter function app.session_delete_expired() owner to santa_definer;

revoke execute on all functions in schema app from public;
grant execute on function app.issue_invitation(uuid, bytea, integer) to santa_app;
grant execute on function app.invitation_info(bytea) to santa_app;
grant execute on function app.accept_invitation(bytea, text, text) to santa_app;
grant execute on function app.join_with_invitation(bytea) to santa_app;
grant execute on function app.participant_status(uuid) to santa_app;
grant execute on function app.session_load(bytea) to santa_app;
grant execute on function app.session_create(bytea, bytea, timestamptz) to santa_app;
grant execute on function app.session_save(bytea, bytea, timestamptz) to santa_app;
grant execute on function app.session_delete(bytea) to santa_app;
grant execute on function app.session_delete_expired() to santa_app;
-- (lock_open_invitation is a helper of the two redeeming functions only.)

-- ---------------------------------------------------------------------------------------------
-- Throttling that holds under concurrency: an attempt is counted first, atomically, and refused
-- when the count it makes is over a limit. (Checking first and counting after the password check
-- let 24 parallel guesses through a limit of 5.) A successful login then forgets the account's
-- count and gives the address back its one attempt.
-- ---------------------------------------------------------------------------------------------
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

alter function app.throttle_attempt(text[], integer[], integer) owner to santa_definer;
alter function app.throttle_succeeded(text, text) owner to santa_definer;
revoke execute on function app.throttle_attempt(text[], integer[], integer) from public;
revoke execute on function app.throttle_succeeded(text, text) from public;
grant execute on function app.throttle_attempt(text[], integer[], integer) to santa_app;
grant execute on function app.throttle_succeeded(text, text) to santa_app;

-- The check-then-count functions they replace.
drop function app.login_wait_seconds(text[], integer[], integer);
drop function app.record_login_failure(text[], integer);
drop function app.clear_login_failures(text);
