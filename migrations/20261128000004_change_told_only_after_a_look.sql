-- A giver who never opened their match is not told that it changed (found by a new user: someone
-- who joined after a removal was greeted with "Your match changed" and a mail, though they had
-- never seen a match to change). The replaced match still carries `changed_at`; the pages show
-- the change only when the old match had been opened (`viewed_at`, carried over), and no notice
-- is queued otherwise.

create or replace function app.replace_match(p_draw_id uuid, p_giver uuid, p_recipient uuid,
                                             p_viewed_at timestamptz, p_notify boolean)
    returns void
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    begin
        insert into public.matches (draw_id, giver_id, recipient_id, viewed_at, changed_at)
        values (p_draw_id, p_giver, p_recipient, p_viewed_at, now());
        -- Only someone who has joined and seen their match can be told: whoever has not yet
        -- meets the new match as their first.
        if p_notify and p_viewed_at is not null
           and exists (select 1 from public.draw_participants p
                       where p.id = p_giver and p.user_id is not null) then
            insert into public.match_notices (participant_id) values (p_giver);
        end if;
    end
    $$;
