-- Secret Santa schema, part 4: who sees what, enforced by PostgreSQL. Table grants limit the
-- operations, policies the rows. The policies call the functions of part 3.

-- ---------------------------------------------------------------------------------------------
-- Row-level security on every table, forced for the owner too.
-- ---------------------------------------------------------------------------------------------

alter table public.users enable row level security;
alter table public.users force row level security;
alter table public.draws enable row level security;
alter table public.draws force row level security;
alter table public.draw_participants enable row level security;
alter table public.draw_participants force row level security;
alter table public.exclusions enable row level security;
alter table public.exclusions force row level security;
alter table public.matches enable row level security;
alter table public.matches force row level security;
alter table public.ai_suggestions enable row level security;
alter table public.ai_suggestions force row level security;
alter table public.ai_requests enable row level security;
alter table public.ai_requests force row level security;
alter table public.auth_tokens enable row level security;
alter table public.auth_tokens force row level security;
alter table public.login_throttle enable row level security;
alter table public.login_throttle force row level security;
alter table public.sessions enable row level security;
alter table public.sessions force row level security;

-- ---------------------------------------------------------------------------------------------
-- santa_definer: what the SECURITY DEFINER functions need, nothing more (the grants limit the
-- operations; its policies cover every command).
-- ---------------------------------------------------------------------------------------------

grant select, insert, update on public.users to santa_definer;
grant select on public.draws, public.draw_participants, public.matches to santa_definer;
-- invitations (issue, redeem) and their mail outcome
grant update (user_id, invited_at, mail_status, mail_at, mail_attempts)
    on public.draw_participants to santa_definer;
grant select, insert, update on public.auth_tokens to santa_definer;
grant select, insert, update, delete on public.login_throttle to santa_definer;
grant select, insert, update, delete on public.sessions to santa_definer;

create policy definer_all on public.users to santa_definer using (true) with check (true);
create policy definer_all on public.draws to santa_definer using (true);
create policy definer_all on public.draw_participants to santa_definer using (true);
create policy definer_all on public.matches to santa_definer using (true);
create policy definer_all on public.auth_tokens to santa_definer using (true) with check (true);
create policy definer_all on public.login_throttle to santa_definer using (true) with check (true);
create policy definer_all on public.sessions to santa_definer using (true) with check (true);

-- ---------------------------------------------------------------------------------------------
-- santa_app, table by table.
-- ---------------------------------------------------------------------------------------------

-- users: a user reads and updates only their own row; the password hash is never readable.
grant select (id, email, role, password_set_at, created_at, session_version, first_name, surname)
    on public.users to santa_app;
grant update (password_hash, password_set_at, session_version, first_name, surname)
    on public.users to santa_app;
create policy users_select_own on public.users for select to santa_app
    using (id = (select app.uid()));
create policy users_update_own on public.users for update to santa_app
    using (id = (select app.uid())) with check (id = (select app.uid()));

-- draws: the author does everything on their own draws while open; participants read theirs.
grant select, insert, update, delete on public.draws to santa_app;
create policy draws_select on public.draws for select to santa_app
    using (author_id = (select app.uid()) or id in (select app.joined_draw_ids()));
create policy draws_insert on public.draws for insert to santa_app
    with check (author_id = (select app.uid()));
create policy draws_update on public.draws for update to santa_app
    using (author_id = (select app.uid()) and drawn_at is null)
    with check (author_id = (select app.uid()));
create policy draws_delete on public.draws for delete to santa_app
    using (author_id = (select app.uid()) and drawn_at is null);

-- draw_participants: the author manages the rows of open draws (reads them always); a
-- participant reads and updates their own row (the trigger app.guard_participant_update keeps
-- that to the gift preferences); a giver reads their recipient's row.
grant select, insert, update, delete on public.draw_participants to santa_app;
create policy draw_participants_select on public.draw_participants for select to santa_app
    using (
        draw_id in (select app.authored_draw_ids())
        or user_id = (select app.uid())
        or id in (select app.my_recipient_ids())
    );
create policy draw_participants_insert on public.draw_participants for insert to santa_app
    with check (draw_id in (select app.open_authored_draw_ids()));
create policy draw_participants_update_author on public.draw_participants for update to santa_app
    using (draw_id in (select app.open_authored_draw_ids()))
    with check (draw_id in (select app.open_authored_draw_ids()));
create policy draw_participants_update_self on public.draw_participants for update to santa_app
    using (user_id = (select app.uid()))
    with check (user_id = (select app.uid()));
create policy draw_participants_delete on public.draw_participants for delete to santa_app
    using (draw_id in (select app.open_authored_draw_ids()));

-- exclusions: the author's business only.
grant select, insert, delete on public.exclusions to santa_app;
create policy exclusions_select on public.exclusions for select to santa_app
    using (draw_id in (select app.authored_draw_ids()));
create policy exclusions_insert on public.exclusions for insert to santa_app
    with check (draw_id in (select app.open_authored_draw_ids()));
create policy exclusions_delete on public.exclusions for delete to santa_app
    using (draw_id in (select app.open_authored_draw_ids()));

-- matches: only the giver reads their match, and sets when they first opened it (that column
-- only). The author may write the matches of an open draw (without RETURNING) but has no SELECT
-- policy at all, so the organizer cannot peek.
grant select, insert on public.matches to santa_app;
grant update (viewed_at) on public.matches to santa_app;
create policy matches_select_giver on public.matches for select to santa_app
    using (giver_id in (select app.my_participant_ids()));
create policy matches_insert_author on public.matches for insert to santa_app
    with check (draw_id in (select app.open_authored_draw_ids()));
create policy matches_update_giver on public.matches for update to santa_app
    using (giver_id in (select app.my_participant_ids()))
    with check (giver_id in (select app.my_participant_ids()));

-- ai_suggestions and ai_requests: only the giver of the match.
grant select, insert, update, delete on public.ai_suggestions to santa_app;
create policy ai_suggestions_giver on public.ai_suggestions for all to santa_app
    using (match_id in (select app.my_match_ids()))
    with check (match_id in (select app.my_match_ids()));
grant select, insert, update on public.ai_requests to santa_app;
create policy ai_requests_giver on public.ai_requests for all to santa_app
    using (match_id in (select app.my_match_ids()))
    with check (match_id in (select app.my_match_ids()));

-- auth_tokens, login_throttle, sessions: no grant and no policy for santa_app; only the
-- functions of part 3 touch them.
