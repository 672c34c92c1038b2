-- An account carries its owner's name: asked at registration (editable on the account page), and
-- taken from the invitation's row for accounts made through an invitation. Invitations and the
-- participant page then say "Ada Lovelace invited you" instead of an address.

alter table public.users
    add column first_name text,
    add column surname text,
    -- Either both or neither (accounts made before names existed have none); each 1–100 characters
    -- with no surrounding spaces — the app trims, the database holds it.
    add constraint users_names check (
        (first_name is null) = (surname is null)
        and (first_name is null or (char_length(first_name) between 1 and 100
                                    and first_name = pg_catalog.btrim(first_name)))
        and (surname is null or (char_length(surname) between 1 and 100
                                 and surname = pg_catalog.btrim(surname)))
    );

grant select (first_name, surname) on public.users to santa_app;
grant update (first_name, surname) on public.users to santa_app;

-- How other people see an account's owner: their name with their address, or the address alone
-- when they gave no name. A name is free text anyone could type ("HR department"); the address
-- beside it is what the account is known by.
create function app.display_name(p_first_name text, p_surname text, p_email text) returns text
    language sql immutable
    set search_path = ''
    as $$
        select coalesce(p_first_name || ' ' || p_surname || ' (' || p_email || ')', p_email)
    $$;

drop function app.register_author(text, text);
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

-- As before, and the new account takes the name the organizer wrote on the invitation's row.
create or replace function app.accept_invitation(p_token_hash bytea, p_email text, p_password_hash text)
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

-- The invitation page names its organizer (column `organizer`, formerly `organizer_email`).
drop function app.invitation_info(bytea);
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

create or replace function app.draw_organizer(p_draw_id uuid) returns text
    language sql stable security definer
    set search_path = ''
    as $$
        select app.display_name(a.first_name, a.surname, a.email::text)
        from public.draws d
        join public.users a on a.id = d.author_id
        where d.id = p_draw_id and d.id in (select app.joined_draw_ids())
    $$;

alter function app.register_author(text, text, text, text) owner to santa_definer;
alter function app.invitation_info(bytea) owner to santa_definer;
revoke execute on function app.display_name(text, text, text) from public;
revoke execute on function app.register_author(text, text, text, text) from public;
revoke execute on function app.invitation_info(bytea) from public;
grant execute on function app.display_name(text, text, text) to santa_app, santa_definer;
grant execute on function app.register_author(text, text, text, text) to santa_app;
grant execute on function app.invitation_info(bytea) to santa_app;
