-- Invitation links under concurrency (found from outside with two app instances; a single
-- instance races the same way):
-- 1. Two "send again" at once each revoked the links committed before them, not each other's,
--    so two links stayed open. issue_invitation now locks the person's row first: concurrent
--    calls take turns, and each revokes every link made before it.
-- 2. A link stayed usable after its person had joined through another link: the second one then
--    moved the membership to another account. A link now opens only a membership nobody has
--    redeemed, and redeeming locks the person's row, so of two links redeemed at once one wins
--    and the other finds the membership taken.
-- 3. One account could join one draw as two people by redeeming two links at once: each checked
--    "not in this draw yet" before the other committed. Joins into one draw now take turns
--    (a transaction-scoped advisory lock on the draw) and check after taking theirs.
-- Same signatures, owners and grants.

create or replace function app.issue_invitation(p_participant_id uuid, p_token_hash bytea, p_ttl_seconds integer)
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
        where p.id = p_participant_id and d.author_id = app.uid()
        for update of p;
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

create or replace function app.lock_open_invitation(p_token_hash bytea) returns uuid
    language sql volatile security definer
    set search_path = ''
    as $$
        select t.participant_id
        from public.auth_tokens t
        join public.draw_participants p on p.id = t.participant_id
        where t.token_hash = p_token_hash
          and t.purpose = 'set_password'
          and t.used_at is null
          and t.revoked_at is null
          and t.expires_at > now()
          and p.user_id is null
        for update of t, p
    $$;

create or replace function app.join_with_invitation(p_token_hash bytea)
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
        select t.draw_id into v_draw
        from public.auth_tokens k
        join public.draw_participants t on t.id = k.participant_id
        where k.token_hash = p_token_hash;
        if v_draw is null then
            return query select 'invalid'::text, null::uuid;
            return;
        end if;
        -- One join into this draw at a time; the check below then sees the joins before it.
        perform pg_advisory_xact_lock(hashtextextended('join:' || v_draw::text, 0));
        v_participant := app.lock_open_invitation(p_token_hash);
        if v_participant is null then
            return query select 'invalid'::text, null::uuid;
            return;
        end if;
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
