-- Accounts: session invalidation and login throttling.

-- Bumped when a user changes their password: sessions carry the version they were made with and
-- stop working once it changes, on every app instance.
alter table public.users add column session_version integer not null default 1;
grant select (session_version) on public.users to santa_app;
grant update (session_version) on public.users to santa_app;

-- Failed logins per key ("account:<email>", "address:<ip>") in a fixed window. Kept in the
-- database so the limit holds across app instances.
create table public.login_throttle (
    key text primary key,
    failures integer not null,
    window_start timestamptz not null,
    constraint login_throttle_key_length check (char_length(key) <= 300)
);
alter table public.login_throttle enable row level security;
alter table public.login_throttle force row level security;
grant select, insert, update, delete on public.login_throttle to santa_definer;
create policy definer_all on public.login_throttle to santa_definer using (true) with check (true);

-- Seconds to wait before any of `p_keys` may try again (0: go ahead). `p_limits[i]` is the
-- number of failures within the window that locks `p_keys[i]` until the window ends.
create function app.login_wait_seconds(p_keys text[], p_limits integer[], p_window_seconds integer)
    returns integer
    language sql stable security definer
    set search_path = ''
    as $$
        select coalesce(max(ceil(extract(epoch from
                   t.window_start + make_interval(secs => p_window_seconds) - now()))::integer), 0)
        from public.login_throttle t
        join unnest(p_keys, p_limits) as k(key, max_failures) on k.key = t.key
        where t.failures >= k.max_failures
          and t.window_start + make_interval(secs => p_window_seconds) > now()
    $$;

create function app.record_login_failure(p_keys text[], p_window_seconds integer) returns void
    language sql volatile security definer
    set search_path = ''
    as $$
        insert into public.login_throttle as t (key, failures, window_start)
        select k, 1, now() from unnest(p_keys) as k
        on conflict (key) do update set
            failures = case
                when t.window_start + make_interval(secs => p_window_seconds) <= now() then 1
                else t.failures + 1
            end,
            window_start = case
                when t.window_start + make_interval(secs => p_window_seconds) <= now() then now()
                else t.window_start
            end
    $$;

create function app.clear_login_failures(p_key text) returns void
    language sql volatile security definer
    set search_path = ''
    as $$ delete from public.login_throttle where key = p_key $$;

alter function app.login_wait_seconds(text[], integer[], integer) owner to santa_definer;
alter function app.record_login_failure(text[], integer) owner to santa_definer;
alter function app.clear_login_failures(text) owner to santa_definer;
revoke execute on function app.login_wait_seconds(text[], integer[], integer) from public;
revoke execute on function app.record_login_failure(text[], integer) from public;
revoke execute on function app.clear_login_failures(text) from public;
grant execute on function app.login_wait_seconds(text[], integer[], integer) to santa_app;
grant execute on function app.record_login_failure(text[], integer) to santa_app;
grant execute on function app.clear_login_failures(text) to santa_app;
