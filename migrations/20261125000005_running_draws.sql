-- Running a draw: invitations (set-password tokens) issued by the organizer, and accepting them.

-- When the person's latest invitation link was made (NULL: never).
alter table public.draw_participants add column invited_at timestamptz;

-- The organizer of a drawn draw — or of a draw being drawn in this very transaction — issues a
-- set-password link for one of its people whose account has no password yet. Any earlier unused
-- link of that account stops working. Returns false when nothing is needed (password already set).
create function app.issue_invitation(p_participant_id uuid, p_token_hash bytea, p_ttl_seconds integer)
    returns boolean
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    declare
        v_user_id uuid;
        v_has_password boolean;
    begin
        select p.user_id, u.password_hash is not null
          into v_user_id, v_has_password
        from public.draw_participants p
        join public.draws d on d.id = p.draw_id
        left join public.users u on u.id = p.user_id
        where p.id = p_participant_id and d.author_id = app.uid();
        if not found or v_user_id is null then
            raise exception 'not a provisioned participant of a draw you organize'
                using errcode = '42501';
        end if;
        if v_has_password then
            return false;
        end if;
        update public.auth_tokens set used_at = now()
        where user_id = v_user_id and purpose = 'set_password' and used_at is null;
        insert into public.auth_tokens (user_id, purpose, token_hash, expires_at)
        values (v_user_id, 'set_password', p_token_hash, now() + make_interval(secs => p_ttl_seconds));
        update public.draw_participants set invited_at = now() where id = p_participant_id;
        return true;
    end
    $$;

-- What the invitation page shows before the password is set: whose link it is and for which
-- draw. Nothing when the link is unknown, used or expired.
create function app.invitation_info(p_token_hash bytea)
    returns table (participant_name text, draw_name text, organizer_email text)
    language sql stable security definer
    set search_path = ''
    as $$
        select p.name || ' ' || p.surname, d.name, a.email::text
        from public.auth_tokens t
        join public.users u on u.id = t.user_id
        join public.draw_participants p on p.user_id = u.id
        join public.draws d on d.id = p.draw_id
        join public.users a on a.id = d.author_id
        where t.token_hash = p_token_hash
          and t.purpose = 'set_password'
          and t.used_at is null
          and t.expires_at > now()
        order by d.drawn_at desc nulls last
        limit 1
    $$;

-- Accepts an invitation: consumes the link and sets the first password, in one statement each.
-- Returns the user and their new session version, or nothing for an unknown, used or expired link.
create function app.accept_invitation(p_token_hash bytea, p_password_hash text)
    returns table (user_id uuid, session_version integer)
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    declare
        v_user_id uuid;
    begin
        update public.auth_tokens t set used_at = now()
        where t.token_hash = p_token_hash
          and t.purpose = 'set_password'
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
        where u.id = v_user_id and u.password_hash is null
        returning u.id, u.session_version;
    end
    $$;

-- Per person of a draw the caller organizes: invited when, account activated or not. Never who
-- gives to whom.
create function app.participant_status(p_draw_id uuid)
    returns table (participant_id uuid, invited_at timestamptz, activated boolean)
    language sql stable security definer
    set search_path = ''
    as $$
        select p.id, p.invited_at, coalesce(u.password_hash is not null, false)
        from public.draw_participants p
        join public.draws d on d.id = p.draw_id
        left join public.users u on u.id = p.user_id
        where p.draw_id = p_draw_id and d.author_id = app.uid()
        order by p.position, p.created_at, p.id
    $$;

-- (santa_definer's existing policy on draw_participants covers every command.)
grant update (invited_at) on public.draw_participants to santa_definer;

alter function app.issue_invitation(uuid, bytea, integer) owner to santa_definer;
alter function app.invitation_info(bytea) owner to santa_definer;
alter function app.accept_invitation(bytea, text) owner to santa_definer;
alter function app.participant_status(uuid) owner to santa_definer;
revoke execute on function app.issue_invitation(uuid, bytea, integer) from public;
revoke execute on function app.invitation_info(bytea) from public;
revoke execute on function app.accept_invitation(bytea, text) from public;
revoke execute on function app.participant_status(uuid) from public;
grant execute on function app.issue_invitation(uuid, bytea, integer) to santa_app;
grant execute on function app.invitation_info(bytea) to santa_app;
grant execute on function app.accept_invitation(bytea, text) to santa_app;
grant execute on function app.participant_status(uuid) to santa_app;
