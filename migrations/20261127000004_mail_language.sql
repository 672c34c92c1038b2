-- Mail in its recipient's language (issue 18): their account's choice (users.language) when
-- they made one, else their draw's (draws.language); a password reset falls back to the language
-- of the page that asked, which only the app knows. The functions that find whom to mail now
-- also answer in which language. Each keeps its arguments, its behaviour, its owner
-- (santa_definer) and its grants; the ones that return rows return one more column, which
-- PostgreSQL cannot add in place (hence DROP and CREATE).
--
-- And gift ideas remember the language they are written in, so a page in one language is never
-- served ideas cached in another.

-- ---------------------------------------------------------------------------------------------
-- The language to write to a person of a draw the caller organizes in: their account's choice
-- when they have joined and made one, else the draw's. Nothing for anyone else's people. (An
-- invitation goes to someone who has not joined, so it is the draw's language; a person taken
-- out of a drawn draw has joined.)
-- ---------------------------------------------------------------------------------------------

create function app.participant_mail_language(p_participant_id uuid) returns text
    language sql stable security definer
    set search_path = ''
    as $$
        select coalesce(u.language, d.language)
        from public.draw_participants p
        join public.draws d on d.id = p.draw_id
        left join public.users u on u.id = p.user_id
        where p.id = p_participant_id and d.author_id = app.uid()
    $$;

alter function app.participant_mail_language(uuid) owner to santa_definer;
revoke execute on function app.participant_mail_language(uuid) from public;
grant execute on function app.participant_mail_language(uuid) to santa_app;

-- ---------------------------------------------------------------------------------------------
-- Password reset: also the language the account's owner chose (NULL until they choose one).
-- ---------------------------------------------------------------------------------------------

drop function app.issue_password_reset(text, bytea, integer);

-- Issues a reset token for the account with this email, revoking its earlier unused reset
-- tokens. Returns the address to mail and the account's language, or no row when there is no
-- such account.
create function app.issue_password_reset(p_email text, p_token_hash bytea, p_ttl_seconds integer)
    returns table (email text, language text)
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    declare
        v_user_id uuid;
        v_email text;
        v_language text;
    begin
        select u.id, u.email::text, u.language into v_user_id, v_email, v_language
        from public.users u
        where u.email operator(public.=) p_email::public.citext;
        if v_user_id is null then
            return;
        end if;
        update public.auth_tokens set used_at = now()
        where user_id = v_user_id and purpose = 'reset_password' and used_at is null;
        insert into public.auth_tokens (user_id, purpose, token_hash, expires_at)
        values (v_user_id, 'reset_password', p_token_hash, now() + make_interval(secs => p_ttl_seconds));
        return query select v_email, v_language;
    end
    $$;

alter function app.issue_password_reset(text, bytea, integer) owner to santa_definer;
revoke execute on function app.issue_password_reset(text, bytea, integer) from public;
grant execute on function app.issue_password_reset(text, bytea, integer) to santa_app;

-- ---------------------------------------------------------------------------------------------
-- "Your match changed" notices: also the giver's language (their account's, else the draw's).
-- ---------------------------------------------------------------------------------------------

drop function app.claim_match_notices(integer);

-- The server's mail job takes the queued notices (each once, across app instances): the
-- giver's address and name, the draw, and the language to write in. Taken rows are deleted; a
-- mail that then fails is not tried again (the giver's page says it anyway). Only a transaction
-- that carries no user (the job's) takes any: a request's transaction, the organizer's
-- included, gets nothing.
create function app.claim_match_notices(p_limit integer)
    returns table (email text, name text, draw_id uuid, draw_name text, changed_at timestamptz,
                   language text)
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
        select u.email::text, p.name, d.id, d.name, c.created_at, coalesce(u.language, d.language)
        from claimed c
        join public.draw_participants p on p.id = c.participant_id
        join public.users u on u.id = p.user_id
        join public.draws d on d.id = p.draw_id
    $$;

alter function app.claim_match_notices(integer) owner to santa_definer;
revoke execute on function app.claim_match_notices(integer) from public;
grant execute on function app.claim_match_notices(integer) to santa_app;

-- ---------------------------------------------------------------------------------------------
-- A new message in an anonymous conversation: also the addressee's language (their account's,
-- else the draw's). Nothing else about them.
-- ---------------------------------------------------------------------------------------------

drop function app.message_mail_due(uuid, boolean);

-- After the caller wrote to the other side of their conversation in p_draw_id: whom to mail, when
-- that side has an account and was not mailed about this conversation in the last hour (and
-- records the mail as sent). Returns the address, their first name, the draw's name and the
-- language to write in only.
create function app.message_mail_due(p_draw_id uuid, p_from_giver boolean)
    returns table (email text, name text, draw_name text, language text)
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    declare
        v_giver uuid;
        v_recipient uuid;
        v_email text;
        v_name text;
        v_draw text;
        v_language text;
    begin
        select m.giver_id, m.recipient_id into v_giver, v_recipient
        from public.matches m
        join public.draw_participants p
          on p.id = case when p_from_giver then m.giver_id else m.recipient_id end
        where m.draw_id = p_draw_id and p.user_id = app.uid();
        if v_giver is null then
            return;
        end if;
        select u.email::text, p.name, d.name, coalesce(u.language, d.language)
          into v_email, v_name, v_draw, v_language
        from public.draw_participants p
        join public.users u on u.id = p.user_id
        join public.draws d on d.id = p.draw_id
        where p.id = case when p_from_giver then v_recipient else v_giver end;
        if v_email is null then
            return;
        end if;
        insert into public.message_mail (addressee_id, conversation, mailed_at)
        values (case when p_from_giver then v_recipient else v_giver end,
                case when p_from_giver then 'santa' else v_recipient::text end, now())
        on conflict (addressee_id, conversation) do update set mailed_at = now()
        where public.message_mail.mailed_at <= now() - interval '1 hour';
        if not found then
            return;
        end if;
        return query select v_email, v_name, v_draw, v_language;
    end
    $$;

alter function app.message_mail_due(uuid, boolean) owner to santa_definer;
revoke execute on function app.message_mail_due(uuid, boolean) from public;
grant execute on function app.message_mail_due(uuid, boolean) to santa_app;

-- ---------------------------------------------------------------------------------------------
-- Gift ideas: the language they are written in ('en', 'pl'). NULL for ideas made before it was
-- kept: those match no page's language and are made again when asked for.
-- ---------------------------------------------------------------------------------------------

alter table public.ai_suggestions
    add column language text,
    add constraint ai_suggestions_language check (language in ('en', 'pl'));
