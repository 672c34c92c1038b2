-- Participants: revealing a match ("viewed"), gift ideas cached per match, and the per-match
-- lease that makes concurrent requests share one upstream call.

-- When the giver first opened their match. The giver sets it (and only it, only on their own
-- match); the organizer sees whether it is set, never the pair.
alter table public.matches add column viewed_at timestamptz;
grant update (viewed_at) on public.matches to santa_app;
create policy matches_update_giver on public.matches for update to santa_app
    using (giver_id in (select app.my_participant_ids()))
    with check (giver_id in (select app.my_participant_ids()));

-- The organizer's status list gains "match viewed".
drop function app.participant_status(uuid);
create function app.participant_status(p_draw_id uuid)
    returns table (participant_id uuid, invited_at timestamptz, activated boolean, mail_status text,
                   viewed boolean)
    language sql stable security definer
    set search_path = ''
    as $$
        select p.id, p.invited_at, coalesce(u.password_hash is not null, false), p.mail_status,
               exists (select 1 from public.matches m where m.giver_id = p.id and m.viewed_at is not null)
        from public.draw_participants p
        join public.draws d on d.id = p.draw_id
        left join public.users u on u.id = p.user_id
        where p.draw_id = p_draw_id and d.author_id = app.uid()
        order by p.position, p.created_at, p.id
    $$;
alter function app.participant_status(uuid) owner to santa_definer;
revoke execute on function app.participant_status(uuid) from public;
grant execute on function app.participant_status(uuid) to santa_app;

-- Who organizes a draw the caller takes part in (participants cannot read other users' rows).
create function app.draw_organizer(p_draw_id uuid) returns text
    language sql stable security definer
    set search_path = ''
    as $$
        select a.email::text
        from public.draws d
        join public.users a on a.id = d.author_id
        where d.id = p_draw_id and d.id in (select app.joined_draw_ids())
    $$;
alter function app.draw_organizer(uuid) owner to santa_definer;
revoke execute on function app.draw_organizer(uuid) from public;
grant execute on function app.draw_organizer(uuid) to santa_app;

-- Gift ideas: where they came from, and a digest of the wishes and budget they were made for
-- (so the page can say the wishes changed since).
alter table public.ai_suggestions add column source text not null default 'provider';
alter table public.ai_suggestions add column input_digest bytea;
alter table public.ai_suggestions add constraint ai_suggestions_source_values
    check (source in ('provider', 'offline'));
alter table public.ai_suggestions add constraint ai_suggestions_data_is_list
    check (jsonb_typeof(data) = 'array' and jsonb_array_length(data) <= 6);

-- One row per match that ever asked for ideas: the lease held while one request talks to the
-- provider (every other request for the match waits for it, on any app instance), and today's
-- count of upstream calls for the daily cap.
create table public.ai_requests (
    match_id uuid primary key references public.matches (id) on delete cascade,
    holder uuid,
    lease_until timestamptz,
    day date not null default current_date,
    calls_today integer not null default 0,
    constraint ai_requests_calls_today_nonnegative check (calls_today >= 0)
);
alter table public.ai_requests enable row level security;
alter table public.ai_requests force row level security;
grant select, insert, update on public.ai_requests to santa_app;
create policy ai_requests_giver on public.ai_requests for all to santa_app
    using (match_id in (select app.my_match_ids()))
    with check (match_id in (select app.my_match_ids()));
