-- Two limits on changes after the draw, so that an organizer cannot turn the late joiner's
-- one-in-n leak into a lottery they always win.
--
-- A late joiner goes between a giver X and X's recipient Y (X→New→Y), so X learns that the
-- newcomer gives to Y. Any giver is X about once in n additions. An organizer with an alias in
-- the draw could add a real person, and while the alias was not X, remove and add them again
-- (found from outside: 1–10 tries, every guess right). Or add an address of their own each time
-- and, once the alias was X, forward that invitation to the real person, who may join with their
-- own address (found from outside: 4 of 4).
--
-- 1. Someone removed from a drawn draw cannot be added back to it: under the same mailbox (the
--    address lower-cased, without a `+tag`, and for Gmail without dots, googlemail.com being
--    gmail.com), which reaches the same person.
-- 2. A drawn draw takes at most 3 late joiners, counting any removed since: each try of the
--    lottery is an addition, so the organizer gets at most 3, as every giver gets their chance
--    with each real late joiner.
--
-- Both are kept as hashes of the mailbox, per draw. No role but santa_definer reads them, and only
-- the triggers below do.

create table public.departures (
    draw_id uuid not null references public.draws (id) on delete cascade,
    mailbox bytea not null,
    primary key (draw_id, mailbox)
);
alter table public.departures enable row level security;
alter table public.departures force row level security;
grant select, insert on public.departures to santa_definer;
create policy definer_all on public.departures to santa_definer using (true) with check (true);

create table public.late_joiners (
    draw_id uuid not null references public.draws (id) on delete cascade,
    mailbox bytea not null,
    joined_at timestamptz not null default now()
);
create index late_joiners_draw_id_idx on public.late_joiners (draw_id);
alter table public.late_joiners enable row level security;
alter table public.late_joiners force row level security;
grant select, insert on public.late_joiners to santa_definer;
create policy definer_all on public.late_joiners to santa_definer using (true) with check (true);

-- The mailbox an address reaches: `Ada.L+Santa@GoogleMail.com` and `adal@gmail.com` are one.
-- (Rust's `Email::mailbox` is the same rule, for the invitation-mail limit.)
create function app.mailbox_of(p_email text) returns text
    language sql immutable
    set search_path = ''
    as $$
        select case when x.domain in ('gmail.com', 'googlemail.com')
                    then pg_catalog.replace(x.local, '.', '') || '@gmail.com'
                    else x.local || '@' || x.domain end
        from (select pg_catalog.regexp_replace(pg_catalog.split_part(pg_catalog.lower(p_email), '@', 1),
                                               '\+.*$', '') as local,
                     pg_catalog.split_part(pg_catalog.lower(p_email), '@', 2) as domain) x
    $$;

-- As a hash, which is all the tables below keep.
create function app.mailbox_hash(p_email text) returns bytea
    language sql immutable
    set search_path = ''
    as $$
        select pg_catalog.sha256(pg_catalog.convert_to(app.mailbox_of(p_email), 'UTF8'))
    $$;

-- A person leaving a drawn draw (app.remove_participant) is recorded. A draw that is itself
-- being deleted records nothing (its row is gone by the time its people are).
create function app.record_departure() returns trigger
    language plpgsql security definer
    set search_path = ''
    as $$
    begin
        if exists (select 1 from public.draws d
                   where d.id = old.draw_id and d.drawn_at is not null) then
            insert into public.departures (draw_id, mailbox)
            values (old.draw_id, app.mailbox_hash(old.email::text))
            on conflict do nothing;
        end if;
        return old;
    end
    $$;

create trigger draw_participants_record_departure
    after delete on public.draw_participants
    for each row execute function app.record_departure();

-- Refuses a person who left this draw after it ran, and a fourth late joiner; counts a late
-- joiner (a person added to a drawn draw). The app maps the constraint names to messages.
create function app.refuse_returning_participant() returns trigger
    language plpgsql security definer
    set search_path = ''
    as $$
    begin
        -- Only the organizer adds to a drawn draw (app.add_participant); any other insert into
        -- one is refused by the policies, without a word from here.
        if not exists (select 1 from public.draws d
                       where d.id = new.draw_id and d.drawn_at is not null
                         and d.author_id = app.uid()) then
            return new;
        end if;
        if exists (select 1 from public.departures d
                   where d.draw_id = new.draw_id and d.mailbox = app.mailbox_hash(new.email::text)) then
            raise exception 'this person was removed from this draw after it ran'
                using errcode = '23514', constraint = 'draw_participants_no_return';
        end if;
        if (select pg_catalog.count(*) from public.late_joiners j
            where j.draw_id = new.draw_id) >= 3 then
            raise exception 'this draw has had its late joiners'
                using errcode = '23514', constraint = 'draw_participants_late_limit';
        end if;
        insert into public.late_joiners (draw_id, mailbox)
        values (new.draw_id, app.mailbox_hash(new.email::text));
        return new;
    end
    $$;

create trigger draw_participants_no_return
    before insert on public.draw_participants
    for each row execute function app.refuse_returning_participant();

alter function app.mailbox_of(text) owner to santa_definer;
alter function app.mailbox_hash(text) owner to santa_definer;
alter function app.record_departure() owner to santa_definer;
alter function app.refuse_returning_participant() owner to santa_definer;
revoke execute on function app.mailbox_of(text) from public;
revoke execute on function app.mailbox_hash(text) from public;
revoke execute on function app.record_departure() from public;
revoke execute on function app.refuse_returning_participant() from public;
