-- Forgotten passwords: a short-lived, single-use reset link, asked for by email before anyone is
-- known. The answer never tells whether the address has an account; only the mail does.

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
        where u.email operator(public.=) pg_catalog.btrim(p_email)::public.citext;
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
-- version changes). Nothing for an unknown, used or expired token.
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
        -- A reset proves the mailbox, so it also sets a first password, and any pending
        -- invitation link is no longer needed.
        update public.auth_tokens a set used_at = now()
        where a.user_id = v_user_id and a.purpose = 'set_password' and a.used_at is null;
        return query
        update public.users u
        set password_hash = p_password_hash,
            password_set_at = now(),
            session_version = u.session_version + 1
        where u.id = v_user_id
        returning u.id, u.session_version;
    end
    $$;

alter function app.issue_password_reset(text, bytea, integer) owner to santa_definer;
alter function app.reset_password(bytea, text) owner to santa_definer;
revoke execute on function app.issue_password_reset(text, bytea, integer) from public;
revoke execute on function app.reset_password(bytea, text) from public;
grant execute on function app.issue_password_reset(text, bytea, integer) to santa_app;
grant execute on function app.reset_password(bytea, text) to santa_app;
