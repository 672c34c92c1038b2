-- A late joiner goes first after a giver who has not opened their match yet (found from outside:
-- the giver X before a late joiner learns that the newcomer gives to X's old recipient, and an
-- organizer with an alias in the draw could remove and re-add a newcomer until the alias was X,
-- then read the newcomer's recipient off the alias's old match — a current pair, in a few tries).
-- A giver who never opened their match never knew their recipient, so they learn nothing, and
-- (migration 20261128000004) are not told of the change. Only when every eligible giver has
-- opened theirs is the place drawn among all of them, as before; that residue is in the README.

create or replace function app.add_participant(p_draw_id uuid, p_name text, p_surname text, p_email text,
                                    p_gift_preferences text, p_apart uuid[], p_notify boolean)
    returns table (status text, participant_id uuid)
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    declare
        v_status text;
        v_giver uuid;
        v_recipient uuid;
        v_viewed timestamptz;
        v_new uuid;
        v_author uuid;
    begin
        v_status := app.lock_drawn_draw(p_draw_id);
        if v_status <> 'ok' then
            return query select v_status, null::uuid;
            return;
        end if;
        if (select pg_catalog.count(*) from public.draw_participants p
            where p.draw_id = p_draw_id) >= 32 then
            return query select 'too_many'::text, null::uuid;
            return;
        end if;
        if exists (select 1 from public.draw_participants p
                   where p.draw_id = p_draw_id and p.email = p_email::public.citext) then
            return query select 'email_taken'::text, null::uuid;
            return;
        end if;
        if exists (select 1 from pg_catalog.unnest(coalesce(p_apart, '{}')) a
                   where a not in (select p.id from public.draw_participants p
                                   where p.draw_id = p_draw_id)) then
            return query select 'not_found'::text, null::uuid;
            return;
        end if;
        -- A giver who has not opened their match yet first: they never knew X's old recipient,
        -- so they learn nothing, and are not even told of the change.
        select m.giver_id, m.recipient_id, m.viewed_at into v_giver, v_recipient, v_viewed
        from public.matches m
        where m.draw_id = p_draw_id
          and m.giver_id <> all (coalesce(p_apart, '{}'))
          and m.recipient_id <> all (coalesce(p_apart, '{}'))
          and m.giver_id is distinct from app.organizer_row(p_draw_id)
        order by m.viewed_at is not null, pg_catalog.random()
        limit 1;
        if not found then
            return query select 'no_position'::text, null::uuid;
            return;
        end if;

        select d.author_id into v_author from public.draws d where d.id = p_draw_id;
        insert into public.draw_participants (draw_id, name, surname, email, gift_preferences,
                                              position)
        values (p_draw_id, p_name, p_surname, p_email, p_gift_preferences,
                (select coalesce(pg_catalog.max(p.position) + 1, 0)
                 from public.draw_participants p where p.draw_id = p_draw_id))
        returning id into v_new;
        -- The organizer adding themselves joins at once, as at the run.
        update public.draw_participants p set user_id = u.id
        from public.users u
        where p.id = v_new and u.id = v_author and u.email = p.email;
        insert into public.exclusions (draw_id, giver_id, recipient_id)
        select p_draw_id, v_new, a from pg_catalog.unnest(coalesce(p_apart, '{}')) a
        union
        select p_draw_id, a, v_new from pg_catalog.unnest(coalesce(p_apart, '{}')) a;

        delete from public.matches m where m.giver_id = v_giver;
        perform app.replace_match(p_draw_id, v_giver, v_new, v_viewed, p_notify);
        insert into public.matches (draw_id, giver_id, recipient_id)
        values (p_draw_id, v_new, v_recipient);
        return query select 'ok'::text, v_new;
    end
    $$;
