-- Someone removed from a draw after it ran cannot be added back to it.
--
-- A late joiner goes between a giver X and X's recipient Y (X→New→Y), so X learns that the
-- newcomer gives to Y. Any giver is X about once in n additions. An organizer with an alias in
-- the draw could turn that into a lottery they always win: add a real person, and while the alias
-- is not X, remove them and add them again (found from outside: 1–10 tries, every guess right).
-- Each person now joins a drawn draw at most once as a late joiner after a removal of theirs, so
-- the organizer gets the same one-in-n chance as every other giver, once per person.
--
-- The departures are kept as hashes of the mailbox (the address lower-cased, without a `+tag`,
-- which reaches the same person), per draw. No role but santa_definer reads them, and only the
-- triggers below do.

create table public.departures (
    draw_id uuid not null references public.draws (id) on delete cascade,
    mailbox bytea not null,
    primary key (draw_id, mailbox)
);
alter table public.departures enable row level security;
alter table public.departures force row level security;
grant select, insert on public.departures to santa_definer;
create policy definer_all on public.departures to santa_definer using (true) with check (true);

-- The mailbox an address reaches, as a hash: `Ada+Santa@Example.org` and `ada@example.org` are one.
-- (Rust's `Email::mailbox` is the same rule, for the invitation-mail throttle.)
create function app.mailbox_hash(p_email text) returns bytea
    language sql immutable
    set search_path = ''
    as $$
        select pg_catalog.sha256(pg_catalog.convert_to(
            pg_catalog.regexp_replace(pg_catalog.lower(p_email), '\+[^@]*@', '@'), 'UTF8'))
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

-- Refuses a person who left this draw after it ran. The app maps the constraint name to a message
-- at the email field.
create function app.refuse_returning_participant() returns trigger
    language plpgsql security definer
    set search_path = ''
    as $$
    begin
        if exists (select 1 from public.departures d
                   where d.draw_id = new.draw_id and d.mailbox = app.mailbox_hash(new.email::text)) then
            raise exception 'this person was removed from this draw after it ran'
                using errcode = '23514', constraint = 'draw_participants_no_return';
        end if;
        return new;
    end
    $$;

create trigger draw_participants_no_return
    before insert on public.draw_participants
    for each row execute function app.refuse_returning_participant();

alter function app.mailbox_hash(text) owner to santa_definer;
alter function app.record_departure() owner to santa_definer;
alter function app.refuse_returning_participant() owner to santa_definer;
revoke execute on function app.mailbox_hash(text) from public;
revoke execute on function app.record_departure() from public;
revoke execute on function app.refuse_returning_participant() from public;
