-- Whether each person's latest invitation mail went out.
alter table public.draw_participants add column mail_status text;
alter table public.draw_participants add column mail_at timestamptz;
alter table public.draw_participants add constraint draw_participants_mail_status_values
    check (mail_status in ('sent', 'failed'));

-- The organizer records the outcome of an invitation mail, also after the draw ran (when the
-- rows are otherwise read-only to them).
create function app.record_invitation_mail(p_participant_id uuid, p_sent boolean) returns void
    language sql volatile security definer
    set search_path = ''
    as $$
        update public.draw_participants p
        set mail_status = case when p_sent then 'sent' else 'failed' end, mail_at = now()
        from public.draws d
        where d.id = p.draw_id and p.id = p_participant_id and d.author_id = app.uid()
    $$;

grant update (mail_status, mail_at) on public.draw_participants to santa_definer;
alter function app.record_invitation_mail(uuid, boolean) owner to santa_definer;
revoke execute on function app.record_invitation_mail(uuid, boolean) from public;
grant execute on function app.record_invitation_mail(uuid, boolean) to santa_app;

-- The organizer's status list gains the mail outcome.
drop function app.participant_status(uuid);
create function app.participant_status(p_draw_id uuid)
    returns table (participant_id uuid, invited_at timestamptz, activated boolean, mail_status text)
    language sql stable security definer
    set search_path = ''
    as $$
        select p.id, p.invited_at, coalesce(u.password_hash is not null, false), p.mail_status
        from public.draw_participants p
        join public.draws d on d.id = p.draw_id
        left join public.users u on u.id = p.user_id
        where p.draw_id = p_draw_id and d.author_id = app.uid()
        order by p.position, p.created_at, p.id
    $$;
alter function app.participant_status(uuid) owner to santa_definer;
revoke execute on function app.participant_status(uuid) from public;
grant execute on function app.participant_status(uuid) to santa_app;
