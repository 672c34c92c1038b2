-- Anonymous questions (issue 17): one private conversation per match, between the giver and the
-- person they give to. The recipient never learns who their giver is.
--
-- Who reads a conversation: its giver (the match is theirs: app.my_match_ids()) and its
-- recipient (app.my_received_match_ids()), nobody else — not the organizer, not another person
-- of the draw. The recipient reaches their side without ever reading `matches`: the rows carry
-- the draw, so "my conversation as the recipient in draw D" needs no giver id, no participant id
-- and no match row. Responses to the recipient carry none of them either (see
-- src/api/messages.rs).
--
-- A message belongs to its match: when a change after the draw replaces a match (issue 16), the
-- conversation goes with the old match (ON DELETE CASCADE), and the new pair starts afresh.

create table public.messages (
    id uuid primary key default gen_random_uuid(),
    match_id uuid not null references public.matches (id) on delete cascade,
    draw_id uuid not null references public.draws (id) on delete cascade,
    -- Written by the giver (true) or by the recipient (false).
    from_giver boolean not null,
    body text not null,
    created_at timestamptz not null default now(),
    -- When the other side first saw it.
    read_at timestamptz,
    constraint messages_body_length check (char_length(body) between 1 and 2000
                                           and body = pg_catalog.btrim(body))
);
create index messages_match_id_idx on public.messages (match_id, created_at);
create index messages_draw_id_idx on public.messages (draw_id);

-- When each side of a conversation was last mailed about a new message (at most once an hour).
create table public.message_mail (
    match_id uuid not null references public.matches (id) on delete cascade,
    to_giver boolean not null,
    mailed_at timestamptz not null,
    primary key (match_id, to_giver)
);

alter table public.messages enable row level security;
alter table public.messages force row level security;
alter table public.message_mail enable row level security;
alter table public.message_mail force row level security;

-- The matches in which the caller is the recipient (helper for the policies; the caller never
-- reads the rows themselves).
create function app.my_received_match_ids() returns setof uuid
    language sql stable security definer
    set search_path = ''
    as $$
        select m.id
        from public.matches m
        join public.draw_participants r on r.id = m.recipient_id
        where r.user_id = app.uid()
    $$;

-- The caller's match in draw p_draw_id on one side: as the giver (their own match) or as the
-- recipient (the match that gives to them). NULL when there is none.
create function app.my_conversation(p_draw_id uuid, p_as_giver boolean) returns uuid
    language sql stable security definer
    set search_path = ''
    as $$
        select m.id
        from public.matches m
        join public.draw_participants p
          on p.id = case when p_as_giver then m.giver_id else m.recipient_id end
        where m.draw_id = p_draw_id and p.user_id = app.uid()
    $$;

-- After the caller wrote in conversation p_match_id (as the giver or not): whom to mail, when the
-- other side has an account and was not mailed about this conversation in the last hour (and
-- records the mail as sent). Returns the address, their first name and the draw's name only.
create function app.message_mail_due(p_match_id uuid, p_from_giver boolean)
    returns table (email text, name text, draw_name text)
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    declare
        v_email text;
        v_name text;
        v_draw text;
    begin
        -- Only a side of the conversation may ask.
        if p_match_id is distinct from app.my_conversation(
               (select m.draw_id from public.matches m where m.id = p_match_id), p_from_giver) then
            return;
        end if;
        select u.email::text, p.name, d.name into v_email, v_name, v_draw
        from public.matches m
        join public.draw_participants p
          on p.id = case when p_from_giver then m.recipient_id else m.giver_id end
        join public.users u on u.id = p.user_id
        join public.draws d on d.id = m.draw_id
        where m.id = p_match_id;
        if v_email is null then
            return;
        end if;
        insert into public.message_mail (match_id, to_giver, mailed_at)
        values (p_match_id, not p_from_giver, now())
        on conflict (match_id, to_giver) do update set mailed_at = now()
        where public.message_mail.mailed_at <= now() - interval '1 hour';
        if not found then
            return;
        end if;
        return query select v_email, v_name, v_draw;
    end
    $$;

-- santa_definer: what the functions above need.
grant select, insert, update on public.message_mail to santa_definer;
create policy definer_all on public.message_mail to santa_definer using (true) with check (true);

-- santa_app: the two sides read the conversation and write into it as themselves; each marks
-- the other side's messages read. Nothing is edited or deleted (a match that goes takes its
-- conversation with it).
grant select, insert on public.messages to santa_app;
grant update (read_at) on public.messages to santa_app;
create policy messages_select on public.messages for select to santa_app
    using (match_id in (select app.my_match_ids())
           or match_id in (select app.my_received_match_ids()));
create policy messages_insert on public.messages for insert to santa_app
    with check ((from_giver and match_id in (select app.my_match_ids()))
                or (not from_giver and match_id in (select app.my_received_match_ids())));
create policy messages_update on public.messages for update to santa_app
    using ((not from_giver and match_id in (select app.my_match_ids()))
           or (from_giver and match_id in (select app.my_received_match_ids())))
    with check ((not from_giver and match_id in (select app.my_match_ids()))
                or (from_giver and match_id in (select app.my_received_match_ids())));
-- The draw of each message must be its match's (checked by a trigger that may read matches).
create function app.check_message_draw() returns trigger
    language plpgsql security definer
    set search_path = ''
    as $$
    begin
        if not exists (select 1 from public.matches m
                       where m.id = new.match_id and m.draw_id = new.draw_id) then
            raise exception 'a message belongs to its match''s draw' using errcode = '23514';
        end if;
        return new;
    end
    $$;
create trigger messages_check_draw
    before insert on public.messages
    for each row execute function app.check_message_draw();

alter function app.my_received_match_ids() owner to santa_definer;
alter function app.my_conversation(uuid, boolean) owner to santa_definer;
alter function app.message_mail_due(uuid, boolean) owner to santa_definer;
alter function app.check_message_draw() owner to santa_definer;
revoke execute on function app.my_received_match_ids() from public;
revoke execute on function app.my_conversation(uuid, boolean) from public;
revoke execute on function app.message_mail_due(uuid, boolean) from public;
revoke execute on function app.check_message_draw() from public;
grant execute on function app.my_received_match_ids() to santa_app, santa_definer;
grant execute on function app.my_conversation(uuid, boolean) to santa_app, santa_definer;
grant execute on function app.message_mail_due(uuid, boolean) to santa_app;
