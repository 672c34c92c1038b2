-- Anonymous questions (issue 17): a private conversation between a giver and the person they
-- give to. The recipient never learns who their giver is.
--
-- A message belongs to a pair: the recipient, and the giver at the time it was written. Each side
-- sees it differently:
-- * the giver sees the messages of their current pair only (their match with its recipient);
-- * the recipient sees every message of theirs, whoever their giver was — "Your Secret Santa" is
--   one conversation on their side, which never changes shape.
-- So when a change after the draw (issue 16) gives someone a new giver, the old pair's messages go
-- with the old match on the giver's side (the new giver starts afresh and reads none of them),
-- while on the recipient's side nothing vanishes (found from outside: a thread that emptied told
-- the recipient that their giver had changed, and after a late joiner, who the new one was).
--
-- The recipient never reads `giver_id`: santa_app has no SELECT on that column, and a trigger
-- (not the caller) fills it in with the current giver when either side writes. Who may read and
-- write: the two sides, nobody else — not the organizer, not another person of the draw.

create table public.messages (
    id uuid primary key default gen_random_uuid(),
    draw_id uuid not null references public.draws (id) on delete cascade,
    -- The giver of the pair when the message was written (NULL once that person left the draw).
    giver_id uuid references public.draw_participants (id) on delete set null,
    recipient_id uuid not null references public.draw_participants (id) on delete cascade,
    -- Written by the giver (true) or by the recipient (false).
    from_giver boolean not null,
    body text not null,
    created_at timestamptz not null default now(),
    -- When the other side first saw it.
    read_at timestamptz,
    constraint messages_body_length check (char_length(body) between 1 and 2000
                                           and body = pg_catalog.btrim(body))
);
create index messages_recipient_id_idx on public.messages (recipient_id, created_at);
create index messages_giver_id_idx on public.messages (giver_id);
create index messages_draw_id_idx on public.messages (draw_id);

-- When someone was last mailed about a new message in one of their conversations (at most once an
-- hour): as a recipient, about "Your Secret Santa" whoever that is (found from outside: counted per
-- pair, a second mail within the hour told the recipient that their giver had just changed); as a
-- giver, about the person they give to.
create table public.message_mail (
    addressee_id uuid not null references public.draw_participants (id) on delete cascade,
    -- 'santa' (the addressee is the recipient), or the recipient's row id (the addressee gives).
    conversation text not null,
    mailed_at timestamptz not null,
    primary key (addressee_id, conversation)
);

alter table public.messages enable row level security;
alter table public.messages force row level security;
alter table public.message_mail enable row level security;
alter table public.message_mail force row level security;

-- The caller's current pairs as a giver: (their row, the row they give to).
create function app.my_pairs() returns table (giver_id uuid, recipient_id uuid)
    language sql stable security definer
    set search_path = ''
    as $$
        select m.giver_id, m.recipient_id
        from public.matches m
        join public.draw_participants g on g.id = m.giver_id
        where g.user_id = app.uid()
    $$;

-- The recipient row of the caller's conversation in draw p_draw_id on one side: as the giver, the
-- person they give to now; otherwise their own row (drawn draws only). NULL when there is none.
create function app.my_conversation(p_draw_id uuid, p_as_giver boolean) returns uuid
    language sql stable security definer
    set search_path = ''
    as $$
        select case when p_as_giver then m.recipient_id else m.giver_id end
        from public.matches m
        join public.draw_participants p on p.id = m.giver_id
        where m.draw_id = p_draw_id and p.user_id = app.uid() and p_as_giver
        union all
        select p.id
        from public.draw_participants p
        where p.draw_id = p_draw_id and p.user_id = app.uid() and not p_as_giver
          and exists (select 1 from public.matches m where m.recipient_id = p.id)
    $$;

-- Every message gets the current giver of its recipient: the writer never names (nor reads) them.
create function app.fill_message_giver() returns trigger
    language plpgsql security definer
    set search_path = ''
    as $$
    begin
        select m.giver_id, m.draw_id into new.giver_id, new.draw_id
        from public.matches m where m.recipient_id = new.recipient_id;
        if new.giver_id is null then
            raise exception 'nobody gives to this person' using errcode = '23514';
        end if;
        return new;
    end
    $$;
create trigger messages_fill_giver
    before insert on public.messages
    for each row execute function app.fill_message_giver();

-- After the caller wrote to the other side of their conversation in p_draw_id: whom to mail, when
-- that side has an account and was not mailed about this conversation in the last hour (and
-- records the mail as sent). Returns the address, their first name and the draw's name only.
create function app.message_mail_due(p_draw_id uuid, p_from_giver boolean)
    returns table (email text, name text, draw_name text)
    language plpgsql volatile security definer
    set search_path = ''
    as $$
    declare
        v_giver uuid;
        v_recipient uuid;
        v_email text;
        v_name text;
        v_draw text;
    begin
        select m.giver_id, m.recipient_id into v_giver, v_recipient
        from public.matches m
        join public.draw_participants p
          on p.id = case when p_from_giver then m.giver_id else m.recipient_id end
        where m.draw_id = p_draw_id and p.user_id = app.uid();
        if v_giver is null then
            return;
        end if;
        select u.email::text, p.name, d.name into v_email, v_name, v_draw
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
        return query select v_email, v_name, v_draw;
    end
    $$;

-- santa_definer: what the functions above need.
grant select, insert, update on public.message_mail to santa_definer;
create policy definer_all on public.message_mail to santa_definer using (true) with check (true);

-- santa_app: each side reads the conversation and writes into it as itself, and marks the other
-- side's messages read. Nothing is edited or deleted. No SELECT on giver_id: the policies use it,
-- no query of the app's can.
grant select (id, draw_id, recipient_id, from_giver, body, created_at, read_at)
    on public.messages to santa_app;
grant insert (recipient_id, from_giver, body) on public.messages to santa_app;
grant update (read_at) on public.messages to santa_app;
create policy messages_select on public.messages for select to santa_app
    using (recipient_id in (select app.my_participant_ids())
           or (giver_id, recipient_id) in (select * from app.my_pairs()));
create policy messages_insert on public.messages for insert to santa_app
    with check ((from_giver and (giver_id, recipient_id) in (select * from app.my_pairs()))
                or (not from_giver and recipient_id in (select app.my_participant_ids())));
create policy messages_update on public.messages for update to santa_app
    using ((from_giver and recipient_id in (select app.my_participant_ids()))
           or (not from_giver and (giver_id, recipient_id) in (select * from app.my_pairs())))
    with check ((from_giver and recipient_id in (select app.my_participant_ids()))
                or (not from_giver and (giver_id, recipient_id) in (select * from app.my_pairs())));

alter function app.my_pairs() owner to santa_definer;
alter function app.my_conversation(uuid, boolean) owner to santa_definer;
alter function app.fill_message_giver() owner to santa_definer;
alter function app.message_mail_due(uuid, boolean) owner to santa_definer;
revoke execute on function app.my_pairs() from public;
revoke execute on function app.my_conversation(uuid, boolean) from public;
revoke execute on function app.fill_message_giver() from public;
revoke execute on function app.message_mail_due(uuid, boolean) from public;
grant execute on function app.my_pairs() to santa_app, santa_definer;
grant execute on function app.my_conversation(uuid, boolean) to santa_app, santa_definer;
grant execute on function app.message_mail_due(uuid, boolean) to santa_app;

-- An organizer who takes part in their own draw no longer sees who has opened their match: a
-- message from their Secret Santa (who must have opened theirs to write) would otherwise point at
-- whoever opened theirs just before (found from outside). Everyone else's organizer view is as it
-- was. Same signature, owner and grants.
create or replace function app.participant_status(p_draw_id uuid)
    returns table (participant_id uuid, invited_at timestamptz, activated boolean, mail_status text,
                   viewed boolean)
    language sql stable security definer
    set search_path = ''
    as $$
        select p.id, p.invited_at, p.user_id is not null, p.mail_status,
               app.organizer_row(p_draw_id) is null
               and exists (select 1 from public.matches m where m.giver_id = p.id and m.viewed_at is not null)
        from public.draw_participants p
        join public.draws d on d.id = p.draw_id
        where p.draw_id = p_draw_id and d.author_id = app.uid()
        order by p.position, p.created_at, p.id
    $$;
