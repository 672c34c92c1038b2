-- Several app instances may run on one database, and each runs the mail-retry job. A pass now
-- claims the invitations it will mail again, in the statement that finds them: rows another
-- pass has locked are skipped (FOR UPDATE SKIP LOCKED), and each claimed row's mail_at moves to
-- now(), so no other pass finds it due again for p_min_age_seconds. Each due invitation is so
-- mailed by exactly one instance; one that stops mid-pass leaves its claims to be retried after
-- p_min_age_seconds. Same signature, same owner (santa_definer), same grants.
create or replace function app.invitations_to_retry(p_max_attempts integer, p_min_age_seconds integer)
    returns table (participant_id uuid, author_id uuid, author_email text)
    language sql volatile security definer
    set search_path = ''
    as $$
        with due as (
            select p.id
            from public.draw_participants p
            join public.draws d on d.id = p.draw_id
            where p.mail_status = 'failed'
              and p.mail_attempts < p_max_attempts
              and p.mail_at <= now() - make_interval(secs => p_min_age_seconds)
              and p.user_id is null
              and d.drawn_at is not null
            order by p.mail_at
            limit 100
            for update of p skip locked
        ),
        claimed as (
            update public.draw_participants p
            set mail_at = now()
            from due
            where p.id = due.id
            returning p.id, p.draw_id
        )
        select c.id, d.author_id, a.email::text
        from claimed c
        join public.draws d on d.id = c.draw_id
        join public.users a on a.id = d.author_id
    $$;
