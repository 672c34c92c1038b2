-- Invitation mail that failed is tried again later by the server, a bounded number of times.

-- Failed sends in a row for the person's latest invitation (a success resets it).
alter table public.draw_participants add column mail_attempts integer not null default 0;
alter table public.draw_participants add constraint draw_participants_mail_attempts_nonnegative
    check (mail_attempts >= 0);
grant update (mail_attempts) on public.draw_participants to santa_definer;

create or replace function app.record_invitation_mail(p_participant_id uuid, p_sent boolean) returns void
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
-- p_max_attempts times, at least p_min_age_seconds ago, and who have not set a password yet —
-- with the organizer on whose behalf the mail is sent again. Ids and the organizer's address only.
create function app.invitations_to_retry(p_max_attempts integer, p_min_age_seconds integer)
    returns table (participant_id uuid, author_id uuid, author_email text)
    language sql stable security definer
    set search_path = ''
    as $$
        select p.id, d.author_id, a.email::text
        from public.draw_participants p
        join public.draws d on d.id = p.draw_id
        join public.users a on a.id = d.author_id
        join public.users u on u.id = p.user_id
        where p.mail_status = 'failed'
          and p.mail_attempts < p_max_attempts
          and p.mail_at <= now() - make_interval(secs => p_min_age_seconds)
          and u.password_hash is null
          and d.drawn_at is not null
        order by p.mail_at
        limit 100
    $$;
alter function app.invitations_to_retry(integer, integer) owner to santa_definer;
revoke execute on function app.invitations_to_retry(integer, integer) from public;
grant execute on function app.invitations_to_retry(integer, integer) to santa_app;
